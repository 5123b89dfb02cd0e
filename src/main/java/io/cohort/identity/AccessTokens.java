package io.cohort.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.cohort.system.Installation;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuedAtValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signed (HS256) access tokens of at most 15 minutes. They name the user and tenant;
 * roles are read from the database on every request, not trusted from the token.
 */
@Component
class AccessTokens {

	static final String ISSUER = "cohort";

	static final String TENANT_CLAIM = "tenant";

	/**
	 * Verified tokens remembered at most: a provider's users active within one token's
	 * lifetime.
	 */
	static final int VERIFIED_TOKENS = 10_000;

	private final JwtEncoder encoder;

	private final JwtDecoder decoder;

	private final IdentitySettings settings;

	AccessTokens(Installation installation, IdentitySettings settings) {
		SecretKey key = new SecretKeySpec(installation.jwtKey(), "HmacSHA256");
		this.encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
		nimbus.setJwtValidator(validator());
		this.decoder = new VerifiedTokens(nimbus, Clock.systemUTC(), VERIFIED_TOKENS);
		this.settings = settings;
	}

	/**
	 * Signature aside, a token must be ours ({@code iss}), carry an expiry and an issue
	 * time, and be within them: a token without {@code exp} would never expire, so it is
	 * refused.
	 */
	static OAuth2TokenValidator<Jwt> validator() {
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setAllowEmptyExpiryClaim(false);
		return JwtValidators.createDefaultWithValidators(
				List.of(timestamps, new JwtIssuerValidator(ISSUER), new JwtIssuedAtValidator(true)));
	}

	record Issued(String token, long expiresIn) {
	}

	Issued issue(CohortPrincipal user) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(user.id().toString())
			.issuedAt(now)
			.expiresAt(now.plus(settings.accessTokenTtl()))
			.id(UUID.randomUUID().toString());
		if (user.tenantId() != null) {
			claims.claim(TENANT_CLAIM, user.tenantId().toString());
		}
		String token = encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
		return new Issued(token, settings.accessTokenTtl().toSeconds());
	}

	JwtDecoder decoder() {
		return decoder;
	}

}
