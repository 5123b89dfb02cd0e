package io.cohort.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.cohort.system.Installation;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens that must not get in: unsigned, signed with another key, expired,
 * tampered with, of another issuer or tenant, or of a disabled user. Each is a 401
 * problem.
 */
class AccessTokenIntegrationTests extends ApiIntegrationTest {

	@Autowired
	Installation installation;

	private TestTenant tenant;

	private TestTenant.TestUser user;

	@BeforeEach
	void user() {
		tenant = api.newTenant();
		user = tenant.addUser("TRAINER");
	}

	@Test
	void acceptsATokenSignedWithTheInstallationKey() {
		String token = sign(installation.jwtKey(), claims -> {
		});

		assertThat(me(token).expect(200).json().get("name").asString()).isEqualTo(user.email());
	}

	@Test
	void refusesAnUnsignedToken() {
		String token = new PlainJWT(claims(claims -> {
		})).serialize();

		refused(token);
		String forgedHeader = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
				+ sign(installation.jwtKey(), claims -> {
				}).split("\\.")[1] + ".";
		refused(forgedHeader);
	}

	@Test
	void refusesATokenSignedWithAnotherKey() {
		byte[] other = new byte[32];
		new SecureRandom().nextBytes(other);

		refused(sign(other, claims -> {
		}));
	}

	@Test
	void refusesAnExpiredToken() {
		Instant past = Instant.now().minusSeconds(3600);

		refused(sign(installation.jwtKey(),
				claims -> claims.issueTime(Date.from(past.minusSeconds(600))).expirationTime(Date.from(past))));
	}

	@Test
	void refusesATokenWhosePayloadWasChanged() {
		String[] parts = user.token().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace(user.id().toString(), tenant.adminId().toString());
		assertThat(payload).contains(tenant.adminId().toString());

		refused(parts[0] + "." + base64(payload) + "." + parts[2]);
	}

	@Test
	void refusesATokenOfAnotherIssuer() {
		refused(sign(installation.jwtKey(), claims -> claims.issuer("someone-else")));
	}

	@Test
	void refusesATokenNamingAnotherTenantThanItsUsers() {
		refused(sign(installation.jwtKey(), claims -> claims.claim("tenant", UUID.randomUUID().toString())));
		refused(sign(installation.jwtKey(), claims -> claims.claim("tenant", null)));
	}

	@Test
	void refusesATokenOfAnUnknownUser() {
		refused(sign(installation.jwtKey(), claims -> claims.subject(UUID.randomUUID().toString())));
		refused(sign(installation.jwtKey(), claims -> claims.subject("not-a-uuid")));
	}

	@Test
	void refusesTheTokenOfAUserDisabledSinceItWasIssued() {
		me(user.token()).expect(200);

		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expect(200);

		refused(user.token());
	}

	@Test
	void refusesGarbage() {
		refused("not-a-jwt");
		refused("a.b.c");
	}

	private Api.Response me(String token) {
		return api.get("/api/v1/me").bearer(token).send();
	}

	private void refused(String token) {
		Api.Response response = me(token);
		response.expectProblem(401, "invalid-token");
		assertThat(response.header("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
	}

	private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> changes) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer("cohort")
			.subject(user.id().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.jwtID(UUID.randomUUID().toString())
			.claim("tenant", tenant.id().toString());
		changes.accept(builder);
		return builder.build();
	}

	private String sign(byte[] key, Consumer<JWTClaimsSet.Builder> changes) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(changes));
			jwt.sign(new MACSigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
