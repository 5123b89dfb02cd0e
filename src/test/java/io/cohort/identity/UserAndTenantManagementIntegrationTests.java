package io.cohort.identity;

import java.util.List;
import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants (platform admin) and their users (tenant ADMIN), and that account changes take
 * effect on the user's very next request.
 */
class UserAndTenantManagementIntegrationTests extends ApiIntegrationTest {

	@Test
	void thePlatformAdminCreatesATenantWithItsFirstAdmin() {
		String platform = api.platformAdminToken();
		String slug = Api.unique("acme");

		Api.Response created = api.post("/api/v1/platform/tenants")
			.bearer(platform)
			.json(Map.of("slug", slug, "name", "Acme Training", "uen", "T08LL1234A", "admin_email", "Boss@Acme.Test",
					"admin_password", Api.PASSWORD))
			.send()
			.expect(201);

		JsonNode body = created.json();
		assertThat(created.header("Location")).contains("/api/v1/platform/tenants/" + body.at("/tenant/id").asString());
		assertThat(body.at("/tenant/slug").asString()).isEqualTo(slug);
		assertThat(body.at("/tenant/time_zone").asString()).isEqualTo("Asia/Singapore");
		assertThat(body.at("/admin/email").asString()).isEqualTo("boss@acme.test");
		assertThat(body.at("/admin/roles").values()).extracting(JsonNode::asString).containsExactly("ADMIN");
		assertThat(body.toString()).doesNotContain(Api.PASSWORD, "password");
		String admin = api.token(slug, "boss@acme.test", Api.PASSWORD);
		assertThat(api.get("/api/v1/me").bearer(admin).send().expect(200).json().get("roles").values())
			.extracting(JsonNode::asString)
			.containsExactly("ADMIN");
		assertThat(api.get("/api/v1/platform/tenants").bearer(platform).send().expect(200).json().values())
			.extracting(tenant -> tenant.get("slug").asString())
			.contains(slug, "demo");
	}

	@Test
	void refusesADuplicateTenantSlug() {
		TestTenant tenant = api.newTenant();

		api.post("/api/v1/platform/tenants")
			.bearer(api.platformAdminToken())
			.json(Map.of("slug", tenant.slug(), "name", "Again", "uen", "201912345K", "admin_email", "x@again.test",
					"admin_password", Api.PASSWORD))
			.send()
			.expectProblem(409, "slug-taken");
	}

	@Test
	void refusesAnInvalidTenantWithFieldErrorsInSnakeCase() {
		long tenants = count("tenant");

		JsonNode problem = api.post("/api/v1/platform/tenants")
			.bearer(api.platformAdminToken())
			.json(Map.of("slug", "Not A Slug", "name", "", "uen", "nope", "admin_email", "not-an-email",
					"admin_password", Api.PASSWORD, "time_zone", "x".repeat(65)))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(problem.get("errors").values()).extracting(error -> error.get("field").asString())
			.contains("slug", "name", "uen", "admin_email", "time_zone");
		assertThat(count("tenant")).isEqualTo(tenants);
	}

	@Test
	void anAdminCreatesListsReadsAndChangesUsers() {
		TestTenant tenant = api.newTenant();
		String email = Api.unique("Mia") + "@Example.Test";

		Api.Response created = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", email, "display_name", "Mia", "password", Api.PASSWORD, "roles",
					List.of("TRAINER", "ASSESSOR")))
			.send()
			.expect(201);

		JsonNode user = created.json();
		String id = user.get("id").asString();
		assertThat(created.header("Location")).hasValue("/api/v1/users/" + id);
		assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "tenant_id", "email", "display_name", "roles",
				"enabled", "created_at", "updated_at");
		assertThat(user.get("email").asString()).isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
		assertThat(user.get("roles").values()).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("ASSESSOR", "TRAINER");
		assertThat(user.get("enabled").asBoolean()).isTrue();

		JsonNode page = api.get("/api/v1/users?page=0&size=1").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(page.get("total").asLong()).isEqualTo(2);
		assertThat(page.get("size").asInt()).isEqualTo(1);
		assertThat(page.get("items").size()).isEqualTo(1);
		JsonNode second = api.get("/api/v1/users?page=1&size=1").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(List.of(page.at("/items/0/id").asString(), second.at("/items/0/id").asString()))
			.containsExactlyInAnyOrder(id, tenant.adminId().toString());

		assertThat(api.get("/api/v1/users/" + id).bearer(tenant.adminToken()).send().expect(200).json())
			.isEqualTo(user);

		JsonNode changed = api.patch("/api/v1/users/" + id)
			.bearer(tenant.adminToken())
			.json(Map.of("display_name", "Mia Tan", "roles", List.of("OPS")))
			.send()
			.expect(200)
			.json();
		assertThat(changed.get("display_name").asString()).isEqualTo("Mia Tan");
		assertThat(changed.get("roles").values()).extracting(JsonNode::asString).containsExactly("OPS");
		assertThat(changed.get("enabled").asBoolean()).isTrue();
	}

	@Test
	void refusesADuplicateEmailWithoutChangingAnything() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("TRAINER");
		long users = count("app_user");

		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", user.email().toUpperCase(java.util.Locale.ROOT), "display_name", "Again", "password",
					Api.PASSWORD, "roles", List.of("LEARNER")))
			.send()
			.expectProblem(409, "email-taken");

		assertThat(count("app_user")).isEqualTo(users);
	}

	@Test
	void theSameEmailMayExistInAnotherTenant() {
		TestTenant one = api.newTenant();
		TestTenant two = api.newTenant();

		api.post("/api/v1/users")
			.bearer(two.adminToken())
			.json(Map.of("email", one.adminEmail(), "display_name", "Twin", "password", Api.PASSWORD, "roles",
					List.of("LEARNER")))
			.send()
			.expect(201);
	}

	@Test
	void refusesInvalidUsersWithFieldErrorsInSnakeCase() {
		TestTenant tenant = api.newTenant();
		long users = count("app_user");

		JsonNode problem = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", "not-an-email", "display_name", " ", "password", Api.PASSWORD, "roles", List.of()))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(problem.get("errors").values()).extracting(error -> error.get("field").asString())
			.containsExactlyInAnyOrder("email", "display_name", "roles");

		JsonNode shortPassword = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", "short@x.test", "display_name", "Short", "password", "short", "roles",
					List.of("LEARNER")))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(shortPassword.get("errors").values()).extracting(error -> error.get("field").asString())
			.containsExactly("password");

		JsonNode platformRole = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", "pa@x.test", "display_name", "Sneaky", "password", Api.PASSWORD, "roles",
					List.of("PLATFORM_ADMIN")))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(platformRole.get("errors").values()).extracting(error -> error.get("field").asString())
			.containsExactly("roles");

		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", "role@x.test", "display_name", "Role", "password", Api.PASSWORD, "roles",
					List.of("KING")))
			.send()
			.expectProblem(400, "malformed-request");
		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json(Map.of("display_name", ""))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(count("app_user")).isEqualTo(users);
	}

	@Test
	void theLastEnabledAdminCannotBeDisabledOrLoseTheRole() {
		TestTenant tenant = api.newTenant();

		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expectProblem(422, "last-admin");
		TestTenant.TestUser second = tenant.addUser("ADMIN");
		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(second.token())
			.json(Map.of("roles", List.of("OPS")))
			.send()
			.expect(200);
		api.patch("/api/v1/users/" + second.id())
			.bearer(second.token())
			.json(Map.of("roles", List.of("OPS")))
			.send()
			.expectProblem(422, "last-admin");

		assertThat(api.get("/api/v1/users/" + second.id())
			.bearer(second.token())
			.send()
			.expect(200)
			.json()
			.get("roles")
			.values()).extracting(JsonNode::asString).containsExactly("ADMIN");
	}

	@Test
	void anAdminCannotLockThemselvesOut() {
		TestTenant tenant = api.newTenant();
		tenant.addUser("ADMIN");

		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expectProblem(422, "self-lockout");
	}

	@Test
	void disablingAUserTakesEffectOnTheirVeryNextRequest() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("OPS");
		api.get("/api/v1/audit").bearer(user.token()).send().expect(200);

		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expect(200);

		api.get("/api/v1/audit").bearer(user.token()).send().expectProblem(401, "invalid-token");
		api.get("/api/v1/me").bearer(user.token()).send().expectProblem(401, "invalid-token");
	}

	@Test
	void changingRolesTakesEffectOnTheUsersVeryNextRequest() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("TRAINER");
		api.get("/api/v1/users").bearer(user.token()).send().expectProblem(403, "forbidden");

		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("roles", List.of("TRAINER", "ADMIN")))
			.send()
			.expect(200);
		api.get("/api/v1/users").bearer(user.token()).send().expect(200);

		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("roles", List.of("LEARNER")))
			.send()
			.expect(200);
		api.get("/api/v1/users").bearer(user.token()).send().expectProblem(403, "forbidden");
		assertThat(api.get("/api/v1/me").bearer(user.token()).send().expect(200).json().get("roles").values())
			.extracting(JsonNode::asString)
			.containsExactly("LEARNER");
	}

	@Test
	void aPasswordChangeEndsTheUsersRefreshTokensAndTheOldPasswordStopsWorking() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("LEARNER");
		String refresh = api.login(tenant.slug(), user.email(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();

		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("password", "another-password-2026"))
			.send()
			.expect(200);

		api.post("/api/v1/auth/refresh").json(Map.of("refresh_token", refresh)).send().expect(401);
		api.login(tenant.slug(), user.email(), Api.PASSWORD).expect(401);
		api.login(tenant.slug(), user.email(), "another-password-2026").expect(200);
	}

	@Test
	void anUnknownUserIsNotFound() {
		TestTenant tenant = api.newTenant();

		api.get("/api/v1/users/" + java.util.UUID.randomUUID())
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(404, "not-found");
		api.get("/api/v1/users/not-a-uuid").bearer(tenant.adminToken()).send().expectProblem(400, "validation-failed");
	}

	@Test
	void refusesAnInvalidPageWith400() {
		TestTenant tenant = api.newTenant();

		assertThat(api.get("/api/v1/users?page=-1")
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(400, "validation-failed")
			.at("/errors/0/field")
			.asString()).isEqualTo("page");
		assertThat(api.get("/api/v1/users?size=201")
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(400, "validation-failed")
			.at("/errors/0/field")
			.asString()).isEqualTo("size");
		api.get("/api/v1/users?size=lots").bearer(tenant.adminToken()).send().expectProblem(400, "validation-failed");
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
