package io.cohort.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, refresh token rotation and reuse detection, logout and "who am I".
 */
class AuthenticationIntegrationTests extends ApiIntegrationTest {

	@Test
	void loginReturnsABearerTokenPairWithAShortLivedSignedAccessToken() {
		Api.Response response = api.login(Api.DEMO_TENANT, "trainer@demo.cohort.local", Api.DEMO_PASSWORD).expect(200);

		JsonNode pair = response.json();
		assertThat(pair.propertyNames()).containsExactlyInAnyOrder("access_token", "refresh_token", "token_type",
				"expires_in");
		assertThat(pair.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(pair.get("expires_in").asLong()).isPositive().isLessThanOrEqualTo(15 * 60);
		assertThat(response.header("Cache-Control"))
			.hasValueSatisfying(value -> assertThat(value).contains("no-store"));

		String[] parts = pair.get("access_token").asString().split("\\.");
		assertThat(parts).hasSize(3);
		JsonNode header = decode(parts[0]);
		JsonNode claims = decode(parts[1]);
		assertThat(header.get("alg").asString()).isEqualTo("HS256");
		assertThat(parts[2]).isNotEmpty();
		long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
		assertThat(Duration.ofSeconds(lifetime)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
		assertThat(claims.get("iss").asString()).isEqualTo("cohort");

		String refresh = pair.get("refresh_token").asString();
		assertThat(refresh).doesNotContain(".").hasSizeGreaterThanOrEqualTo(40);
	}

	@Test
	void storesRefreshTokensOnlyAsDigests() {
		String refresh = api.login(Api.DEMO_TENANT, "trainer@demo.cohort.local", Api.DEMO_PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();

		assertThat(jdbc.sql("SELECT count(*) FROM refresh_token WHERE token_hash = :hash")
			.param("hash", Secrets.digest(refresh))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM refresh_token
				WHERE encode(token_hash, 'escape') LIKE :token OR encode(token_hash, 'base64') LIKE :token
				   OR id::text = :plain OR family_id::text = :plain""")
			.param("token", "%" + refresh + "%")
			.param("plain", refresh)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void meDescribesTheCaller() {
		String token = api.token(Api.DEMO_TENANT, "ops@demo.cohort.local", Api.DEMO_PASSWORD);

		JsonNode me = api.get("/api/v1/me").bearer(token).send().expect(200).json();

		assertThat(me.get("kind").asString()).isEqualTo("USER");
		assertThat(me.get("name").asString()).isEqualTo("ops@demo.cohort.local");
		assertThat(me.at("/tenant/slug").asString()).isEqualTo("demo");
		assertThat(me.get("roles").values()).extracting(JsonNode::asString).containsExactly("OPS");
	}

	@Test
	void thePlatformAdminLogsInWithoutATenant() {
		String token = api.token(null, Api.PLATFORM_ADMIN, Api.DEMO_PASSWORD);

		JsonNode me = api.get("/api/v1/me").bearer(token).send().expect(200).json();

		assertThat(me.get("roles").values()).extracting(JsonNode::asString).containsExactly("PLATFORM_ADMIN");
		assertThat(me.get("tenant").isNull()).isTrue();
	}

	@Test
	void thePlatformAdminCannotLogInThroughATenant() {
		api.login(Api.DEMO_TENANT, Api.PLATFORM_ADMIN, Api.DEMO_PASSWORD).expectProblem(401, "invalid-credentials");
	}

	@Test
	void aTenantUserCannotLogInWithoutTheirTenant() {
		api.login(null, "admin@demo.cohort.local", Api.DEMO_PASSWORD).expectProblem(401, "invalid-credentials");
	}

	@Test
	void refreshRotatesTheRefreshToken() {
		TestTenant tenant = api.newTenant();
		JsonNode first = api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD).expect(200).json();

		JsonNode second = refresh(first.get("refresh_token").asString()).expect(200).json();

		assertThat(second.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(second.get("refresh_token").asString()).isNotEqualTo(first.get("refresh_token").asString());
		api.get("/api/v1/me").bearer(second.get("access_token").asString()).send().expect(200);
		JsonNode third = refresh(second.get("refresh_token").asString()).expect(200).json();
		assertThat(third.get("refresh_token").asString()).isNotEqualTo(second.get("refresh_token").asString());
	}

	@Test
	void presentingAUsedRefreshTokenRevokesItsWholeFamily() {
		TestTenant tenant = api.newTenant();
		String first = api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();
		String otherLogin = api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();
		String second = refresh(first).expect(200).json().get("refresh_token").asString();

		refresh(first).expectProblem(401, "invalid-refresh-token");

		refresh(second).expectProblem(401, "invalid-refresh-token");
		refresh(otherLogin).expect(200);
		assertThat(jdbc.sql("""
				SELECT count(*) FROM audit_event
				WHERE tenant_id = :tenant AND action = 'auth.refresh.reused' AND entity_id = :user""")
			.param("tenant", tenant.id())
			.param("user", tenant.adminId().toString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void unknownRefreshTokensAreRefused() {
		refresh("not-a-token-anyone-was-given").expectProblem(401, "invalid-refresh-token");
	}

	@Test
	void logoutEndsTheLoginsRefreshTokens() {
		TestTenant tenant = api.newTenant();
		String refresh = api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();

		api.post("/api/v1/auth/logout").json(Map.of("refresh_token", refresh)).send().expect(204);

		refresh(refresh).expectProblem(401, "invalid-refresh-token");
		api.post("/api/v1/auth/logout").json(Map.of("refresh_token", "unknown")).send().expect(204);
	}

	@Test
	void aDisabledUsersRefreshTokenStopsWorking() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("TRAINER");
		String refresh = api.login(tenant.slug(), user.email(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();

		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expect(200);

		refresh(refresh).expectProblem(401, "invalid-refresh-token");
		api.login(tenant.slug(), user.email(), Api.PASSWORD).expectProblem(401, "invalid-credentials");
	}

	private Api.Response refresh(String token) {
		return api.post("/api/v1/auth/refresh").json(Map.of("refresh_token", token)).send();
	}

	private static JsonNode decode(String part) {
		return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
	}

}
