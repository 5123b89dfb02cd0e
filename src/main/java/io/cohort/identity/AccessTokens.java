package io.cohort.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.cohort.system.Installation;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signed (HS256) access tokens of at most 15 minutes. They name the user and tenant;
 * roles are read from the database on every request, not trusted from the token. Nothing
 * in a token or its checks belongs to the instance that issued it: any instance with the
 * same key accepts it for its whole lifetime.
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

	/** How far another clock may be off: a token issued up to this far ahead is taken. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final JwtEncoder encoder;

	private final JwtDecoder decoder;

	private final IdentitySettings settings;

	private final Clock clock;

	AccessTokens(Installation installation, IdentitySettings settings, Clock clock) {
		SecretKey key = new SecretKeySpec(installation.jwtKey(), "HmacSHA256");
		this.encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
		nimbus.setJwtValidator(validator(clock));
		this.decoder = new VerifiedTokens(nimbus, clock, VERIFIED_TOKENS);
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Signature aside, a token must be ours ({@code iss}), carry an expiry and an issue
	 * time, be within its expiry and not be issued in the future: a token without
	 * {@code exp} would never expire, so it is refused. Not Spring's
	 * {@code JwtIssuedAtValidator}: made for short-lived proofs (DPoP), it also refuses
	 * any token issued more than its skew (60 s) ago, so a token that reached an instance
	 * which had not verified it within its first minute was refused there (GH-15).
	 */
	static OAuth2TokenValidator<Jwt> validator(Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setClock(clock);
		return JwtValidators
			.createDefaultWithValidators(List.of(timestamps, new JwtIssuerValidator(ISSUER), issuedInThePast(clock)));
	}

	/** The token carries an issue time, and it is not ahead of this clock (with skew). */
	private static OAuth2TokenValidator<Jwt> issuedInThePast(Clock clock) {
		return jwt -> {
			Instant issuedAt = jwt.getIssuedAt();
			if (issuedAt == null) {
				return OAuth2TokenValidatorResult
					.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has no issue time", null));
			}
			if (issuedAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
				return OAuth2TokenValidatorResult.failure(
						new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token is issued in the future", null));
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	record Issued(String token, long expiresIn) {
	}

	Issued issue(CohortPrincipal user) {
		Instant now = clock.instant();
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
