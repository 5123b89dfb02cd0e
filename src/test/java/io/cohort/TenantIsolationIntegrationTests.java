package io.cohort;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Endpoints;
import io.cohort.testing.Endpoints.Endpoint;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant B's admin walks every API endpoint against tenant A's ids: nothing of A is found, listed or
 * changed. The table must list every endpoint the application serves under {@code /api/v1}.
 */
class TenantIsolationIntegrationTests extends ApiIntegrationTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private TestTenant a;

	private TestTenant.TestUser aUser;

	private TestTenant.TestKey aKey;

	private TestTenant b;

	private TestTenant.TestKey bKey;

	private Instant started;

	private final Map<Endpoint, Consumer<TenantIsolationIntegrationTests>> table = new LinkedHashMap<>();

	{
		check("POST /api/v1/auth/login", t -> t.api.login(t.b.slug(), t.a.adminEmail(), Api.PASSWORD)
			.expectProblem(401, "invalid-credentials"));
		check("POST /api/v1/auth/refresh", t -> {
			String refresh = t.api.login(t.a.slug(), t.aUser.email(), Api.PASSWORD).expect(200).json()
				.get("refresh_token").asString();
			String access = t.api.post("/api/v1/auth/refresh").bearer(t.b.adminToken())
				.json(Map.of("refresh_token", refresh)).send().expect(200).json().get("access_token").asString();
			assertThat(t.api.get("/api/v1/me").bearer(access).send().expect(200).json().at("/tenant/id").asString())
				.as("a refresh token stays with its own user, whoever presents it")
				.isEqualTo(t.a.id().toString());
		});
		check("POST /api/v1/auth/logout", t -> t.api.post("/api/v1/auth/logout").bearer(t.b.adminToken())
			.json(Map.of("refresh_token", UUID.randomUUID().toString())).send().expect(204));
		check("GET /api/v1/me", t -> {
			assertThat(t.api.get("/api/v1/me").bearer(t.b.adminToken()).send().expect(200).json().at("/tenant/id")
				.asString()).isEqualTo(t.b.id().toString());
			assertThat(t.api.get("/api/v1/me").apiKey(t.bKey.key()).send().expect(200).json().at("/tenant/id")
				.asString()).isEqualTo(t.b.id().toString());
		});
		check("GET /api/v1/platform/tenants", t -> t.api.get("/api/v1/platform/tenants").bearer(t.b.adminToken())
			.send().expectProblem(403, "forbidden"));
		check("POST /api/v1/platform/tenants", t -> t.api.post("/api/v1/platform/tenants").bearer(t.b.adminToken())
			.json(Map.of("slug", Api.unique("x"), "name", "X", "uen", "201912345K", "admin_email", "x@x.test",
					"admin_password", Api.PASSWORD))
			.send().expectProblem(403, "forbidden"));
		check("GET /api/v1/users", t -> {
			JsonNode page = t.api.get("/api/v1/users?size=200").bearer(t.b.adminToken()).send().expect(200).json();
			assertThat(page.get("items").values()).isNotEmpty()
				.allSatisfy(user -> assertThat(user.get("tenant_id").asString()).isEqualTo(t.b.id().toString()));
			assertThat(page.get("total").asLong()).isEqualTo(page.get("items").size());
		});
		check("POST /api/v1/users", t -> {
			JsonNode created = t.api.post("/api/v1/users").bearer(t.b.adminToken())
				.json(Map.of("email", t.aUser.email(), "display_name", "Not A's", "password", Api.PASSWORD,
						"roles", List.of("LEARNER"), "tenant_id", t.a.id().toString()))
				.send().expect(201).json();
			assertThat(created.get("tenant_id").asString()).as("the tenant comes from the token, not the body")
				.isEqualTo(t.b.id().toString());
		});
		check("GET /api/v1/users/{id}", t -> {
			t.api.get("/api/v1/users/" + t.aUser.id()).bearer(t.b.adminToken()).send().expectProblem(404, "not-found");
			t.api.get("/api/v1/users/" + t.a.adminId()).bearer(t.b.adminToken()).send().expectProblem(404, "not-found");
		});
		check("PATCH /api/v1/users/{id}", t -> {
			t.api.patch("/api/v1/users/" + t.aUser.id()).bearer(t.b.adminToken())
				.json(Map.of("display_name", "Hijacked", "roles", List.of("ADMIN"), "enabled", false))
				.send().expectProblem(404, "not-found");
			t.api.patch("/api/v1/users/" + t.a.adminId()).bearer(t.b.adminToken())
				.json(Map.of("password", "hijacked-password-2026"))
				.send().expectProblem(404, "not-found");
		});
		check("GET /api/v1/api-keys", t -> assertThat(t.api.get("/api/v1/api-keys").bearer(t.b.adminToken()).send()
			.expect(200).json().values()).extracting(key -> key.get("id").asString())
			.containsExactly(t.bKey.id().toString()));
		check("POST /api/v1/api-keys", t -> {
			String key = t.api.post("/api/v1/api-keys").bearer(t.b.adminToken()).json(Map.of("name", "B's"))
				.send().expect(201).json().get("key").asString();
			assertThat(t.api.get("/api/v1/me").apiKey(key).send().expect(200).json().at("/tenant/id").asString())
				.isEqualTo(t.b.id().toString());
		});
		check("DELETE /api/v1/api-keys/{id}", t -> t.api.delete("/api/v1/api-keys/" + t.aKey.id())
			.bearer(t.b.adminToken()).send().expectProblem(404, "not-found"));
		check("GET /api/v1/audit", t -> {
			JsonNode all = t.api.get("/api/v1/audit?size=200").bearer(t.b.adminToken()).send().expect(200).json();
			assertThat(all.get("items").values()).isNotEmpty()
				.allSatisfy(row -> assertThat(row.get("tenant_id").asString()).isEqualTo(t.b.id().toString()));
			JsonNode aRows = t.api.get("/api/v1/audit?entity_type=user&entity_id=" + t.aUser.id())
				.bearer(t.b.adminToken()).send().expect(200).json();
			assertThat(aRows.get("total").asLong()).isZero();
			assertThat(t.api.get("/api/v1/audit?actor=" + t.a.adminId()).bearer(t.b.adminToken()).send()
				.expect(200).json().get("total").asLong()).isZero();
		});
		check("GET /api/v1/audit/verify", t -> {
			JsonNode verification = t.api.get("/api/v1/audit/verify").bearer(t.b.adminToken()).send().expect(200).json();
			assertThat(verification.get("intact").asBoolean()).isTrue();
			assertThat(verification.get("checked").asLong()).isEqualTo(t.jdbc
				.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :tenant").param("tenant", t.b.id())
				.query(Long.class).single());
		});
	}

	private void check(String endpoint, Consumer<TenantIsolationIntegrationTests> check) {
		table.put(Endpoint.of(endpoint), check);
	}

	@BeforeEach
	void twoTenants() {
		a = api.newTenant();
		aUser = a.addUser("TRAINER");
		aKey = a.addApiKey();
		b = api.newTenant();
		bKey = b.addApiKey();
		started = Instant.now();
	}

	@Test
	void theTableListsEveryApiEndpoint() {
		Endpoints.assertCovers(table.keySet(), mappings, "the tenant isolation walk");
	}

	@Test
	void anotherTenantsCallerFindsListsAndChangesNothingOfTheTenant() {
		Map<String, List<String>> before = snapshotOf(a.id());

		table.forEach((endpoint, check) -> {
			try {
				check.accept(this);
			}
			catch (AssertionError ex) {
				throw new AssertionError(endpoint + ": " + ex.getMessage(), ex);
			}
			assertThat(snapshotOf(a.id())).as("tenant A's rows after %s", endpoint).isEqualTo(before);
		});
	}

	/**
	 * Every row belonging to the tenant, as JSON text, per table. Left out: what the walk's own logins as
	 * tenant A's user add (their refresh tokens and {@code auth.*} audit rows) and API key usage stamps.
	 */
	private Map<String, List<String>> snapshotOf(UUID tenant) {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		rows.put("tenant", rows("SELECT row_to_json(x)::text FROM tenant x WHERE id = :tenant ORDER BY id", tenant));
		rows.put("app_user", rows("SELECT row_to_json(x)::text FROM app_user x WHERE tenant_id = :tenant ORDER BY id", tenant));
		rows.put("api_key", rows("""
				SELECT row_to_json(x)::text FROM (SELECT id, tenant_id, name, prefix, secret_hash, created_by, created_at, revoked_at
				FROM api_key WHERE tenant_id = :tenant ORDER BY id) x""", tenant));
		rows.put("refresh_token", rows("""
				SELECT row_to_json(x)::text FROM (SELECT r.id, r.family_id, r.user_id, r.token_hash, r.revoked_at
				FROM refresh_token r JOIN app_user u ON u.id = r.user_id
				WHERE u.tenant_id = :tenant AND r.id IN (SELECT id FROM refresh_token WHERE issued_at < :started)
				ORDER BY r.id) x""", tenant));
		rows.put("audit_event", rows("""
				SELECT row_to_json(x)::text FROM audit_event x
				WHERE tenant_id = :tenant AND action NOT LIKE 'auth.%' ORDER BY seq""", tenant));
		return rows;
	}

	private List<String> rows(String sql, UUID tenant) {
		var spec = jdbc.sql(sql).param("tenant", tenant);
		if (sql.contains(":started")) {
			spec = spec.param("started", Timestamp.from(started));
		}
		return spec.query(String.class).list();
	}

}
