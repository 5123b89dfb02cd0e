package io.cohort.identity;

import java.util.Map;
import java.util.UUID;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration API keys: shown once, stored as digests, accepted in {@code X-API-Key},
 * revocable.
 */
class ApiKeyIntegrationTests extends ApiIntegrationTest {

	@Test
	void showsTheSecretOnceAndStoresOnlyItsDigest() {
		TestTenant tenant = api.newTenant();

		Api.Response created = api.post("/api/v1/api-keys")
			.bearer(tenant.adminToken())
			.json(Map.of("name", "CRM"))
			.send()
			.expect(201);

		JsonNode key = created.json();
		String secret = key.get("key").asString();
		assertThat(secret).startsWith(key.get("prefix").asString() + "_").startsWith("ck_").hasSizeGreaterThan(40);
		assertThat(created.header("Location")).hasValue("/api/v1/api-keys/" + key.get("id").asString());
		assertThat(created.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		String listed = api.get("/api/v1/api-keys").bearer(tenant.adminToken()).send().expect(200).body();
		assertThat(listed).contains(key.get("id").asString(), "CRM").doesNotContain(secret);
		assertThat(Api.JSON.readTree(listed).get(0).propertyNames()).containsExactlyInAnyOrder("id", "name", "prefix",
				"created_at", "last_used_at", "revoked_at");

		String row = jdbc.sql("SELECT row_to_json(k)::text FROM api_key k WHERE id = :id")
			.param("id", UUID.fromString(key.get("id").asString()))
			.query(String.class)
			.single();
		assertThat(row).doesNotContain(secret).doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
		assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE secret_hash = :hash")
			.param("hash", Secrets.digest(secret))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE changes LIKE :secret")
			.param("secret", "%" + secret.substring(secret.lastIndexOf('_') + 1) + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aKeyAuthenticatesAsItsTenant() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestKey key = tenant.addApiKey();

		JsonNode me = api.get("/api/v1/me").apiKey(key.key()).send().expect(200).json();

		assertThat(me.get("kind").asString()).isEqualTo("API_KEY");
		assertThat(me.get("id").asString()).isEqualTo(key.id().toString());
		assertThat(me.at("/tenant/id").asString()).isEqualTo(tenant.id().toString());
		assertThat(me.at("/tenant/slug").asString()).isEqualTo(tenant.slug());
		assertThat(me.get("roles").isEmpty()).isTrue();
		assertThat(api.get("/api/v1/api-keys")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get(0)
			.get("last_used_at")
			.isNull()).isFalse();
	}

	@Test
	void aRevokedKeyIsRefused() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestKey key = tenant.addApiKey();
		api.get("/api/v1/me").apiKey(key.key()).send().expect(200);

		api.delete("/api/v1/api-keys/" + key.id()).bearer(tenant.adminToken()).send().expect(204);

		Api.Response refused = api.get("/api/v1/me").apiKey(key.key()).send();
		refused.expectProblem(401, "invalid-api-key");
		assertThat(refused.header("WWW-Authenticate")).isPresent();
		assertThat(api.get("/api/v1/api-keys")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get(0)
			.get("revoked_at")
			.isNull()).isFalse();
		api.delete("/api/v1/api-keys/" + key.id()).bearer(tenant.adminToken()).send().expect(204);
	}

	@Test
	void unknownKeysAreRefused() {
		api.get("/api/v1/me").apiKey("ck_abcdefgh_" + "x".repeat(43)).send().expectProblem(401, "invalid-api-key");
		api.get("/api/v1/me").apiKey("something-else").send().expectProblem(401, "invalid-api-key");
		api.get("/api/v1/me").apiKey("ck_" + "x".repeat(300)).send().expectProblem(401, "invalid-api-key");
	}

	@Test
	void revokingAnUnknownKeyIsNotFound() {
		TestTenant tenant = api.newTenant();

		api.delete("/api/v1/api-keys/" + UUID.randomUUID())
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(404, "not-found");
	}

	@Test
	void aKeyNeedsAName() {
		TestTenant tenant = api.newTenant();

		JsonNode problem = api.post("/api/v1/api-keys")
			.bearer(tenant.adminToken())
			.json(Map.of("name", " "))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("name");
		assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isZero();
	}

}
