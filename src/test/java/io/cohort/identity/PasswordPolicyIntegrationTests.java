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
 * Every place a password is set refuses easily guessed ones with a field error; the demo
 * password stays good.
 */
class PasswordPolicyIntegrationTests extends ApiIntegrationTest {

	@Test
	void refusesACommonPasswordForANewUser() {
		TestTenant tenant = api.newTenant();

		JsonNode problem = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", Api.unique("u") + "@x.test", "display_name", "Weak", "password", "password1234",
					"roles", List.of("OPS")))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
		assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("password-too-common");
	}

	@Test
	void refusesARepetitivePasswordOnChange() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("OPS");

		JsonNode problem = api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("password", "aaaaaaaaaaaa"))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("password-too-predictable");
		api.login(tenant.slug(), user.email(), Api.PASSWORD).expect(200);
	}

	@Test
	void refusesATenantAdminPasswordBuiltFromTheSlug() {
		String slug = Api.unique("acme").toLowerCase(java.util.Locale.ROOT);

		JsonNode problem = api.post("/api/v1/platform/tenants")
			.bearer(api.platformAdminToken())
			.json(Map.of("slug", slug, "name", "Acme Academy", "uen", "201912345K", "admin_email", "boss@acme.test",
					"admin_password", slug + "-2026"))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("password-too-personal");
		api.get("/api/v1/platform/tenants").bearer(api.platformAdminToken()).send().expect(200);
	}

	@Test
	void theDemoUsersStillLogInWithTheDemoPassword() {
		for (String role : List.of("admin", "ops", "trainer", "assessor", "learner")) {
			api.login(Api.DEMO_TENANT, role + "@demo.cohort.local", Api.DEMO_PASSWORD).expect(200);
		}
		api.login(null, Api.PLATFORM_ADMIN, Api.DEMO_PASSWORD).expect(200);
	}

}
