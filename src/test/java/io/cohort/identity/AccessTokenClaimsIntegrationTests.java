package io.cohort.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

import javax.crypto.spec.SecretKeySpec;

import io.cohort.system.Installation;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A correctly signed access token is still refused unless it carries both an expiry and
 * an issue time.
 */
class AccessTokenClaimsIntegrationTests extends ApiIntegrationTest {

	@Autowired
	Installation installation;

	@Test
	void acceptsASignedTokenWithExpiryAndIssueTime() {
		TestTenant tenant = api.newTenant();

		api.get("/api/v1/me").bearer(sign(tenant, claims -> claims)).send().expect(200);
	}

	@Test
	void refusesASignedTokenWithoutExpiry() {
		TestTenant tenant = api.newTenant();

		api.get("/api/v1/me")
			.bearer(sign(tenant, claims -> claims.claims(all -> all.remove("exp"))))
			.send()
			.expect(401);
	}

	@Test
	void refusesASignedTokenWithoutIssueTime() {
		TestTenant tenant = api.newTenant();

		api.get("/api/v1/me")
			.bearer(sign(tenant, claims -> claims.claims(all -> all.remove("iat"))))
			.send()
			.expect(401);
	}

	private String sign(TestTenant tenant, UnaryOperator<JwtClaimsSet.Builder> change) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(AccessTokens.ISSUER)
			.subject(tenant.adminId().toString())
			.claim(AccessTokens.TENANT_CLAIM, tenant.id().toString())
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)));
		NimbusJwtEncoder encoder = NimbusJwtEncoder
			.withSecretKey(new SecretKeySpec(installation.jwtKey(), "HmacSHA256"))
			.algorithm(MacAlgorithm.HS256)
			.build();
		return encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), change.apply(claims).build()))
			.getTokenValue();
	}

}
