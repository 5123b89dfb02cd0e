package io.cohort.identity;

import java.util.Map;

import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;

/**
 * A caller without the role is refused before the request is bound or validated: 403,
 * never a 400 that would teach them the endpoint's validation rules.
 */
class AuthoriseBeforeBindingIntegrationTests extends ApiIntegrationTest {

	@Test
	void aCallerWithoutTheRoleGets403WhateverTheySend() {
		TestTenant tenant = api.newTenant();
		String learner = tenant.addUser("LEARNER").token();

		api.post("/api/v1/users").bearer(learner).json(Map.of()).send().expectProblem(403, "forbidden");
		api.post("/api/v1/platform/tenants").bearer(learner).json(Map.of()).send().expectProblem(403, "forbidden");
		api.get("/api/v1/users/not-a-uuid").bearer(learner).send().expectProblem(403, "forbidden");
		api.post("/api/v1/users")
			.bearer(learner)
			.body("application/json", "{broken")
			.send()
			.expectProblem(403, "forbidden");
		api.post("/api/v1/users").body("application/json", "{broken").send().expectProblem(401, "unauthenticated");
	}

	@Test
	void aCallerWithTheRoleStillGetsValidationErrors() {
		TestTenant tenant = api.newTenant();

		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of())
			.send()
			.expectProblem(400, "validation-failed");
		api.get("/api/v1/users/not-a-uuid").bearer(tenant.adminToken()).send().expectProblem(400, "validation-failed");
	}

}
