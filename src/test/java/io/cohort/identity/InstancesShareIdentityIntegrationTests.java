package io.cohort.identity;

import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What one instance changes, every instance honours on the next request: the only state
 * an instance consults is PostgreSQL, so a change written there by another instance (here
 * written straight into the database, as the other instance's transaction would) refuses
 * a token that this instance verified and remembered a moment ago. No wait is needed,
 * well within the second the deployment promises.
 */
class InstancesShareIdentityIntegrationTests extends ApiIntegrationTest {

	@Test
	void aUserDisabledByAnotherInstanceIsRefusedHereAtOnceThoughTheirTokenWasVerifiedHere() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("TRAINER");
		me(user.token()).expect(200); // verified and remembered by this instance

		jdbc.sql("UPDATE app_user SET enabled = false WHERE id = :id").param("id", user.id()).update();

		me(user.token()).expectProblem(401, "invalid-token");
	}

	@Test
	void aRefreshFamilyRevokedByAnotherInstanceIsRefusedHereAtOnce() {
		TestTenant tenant = api.newTenant();
		JsonNode pair = api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD).expect(200).json();
		JsonNode rotated = refresh(pair.get("refresh_token").asString()).expect(200).json();

		jdbc.sql("UPDATE refresh_token SET revoked_at = now() WHERE user_id = :user AND revoked_at IS NULL")
			.param("user", tenant.adminId())
			.update();

		refresh(rotated.get("refresh_token").asString()).expectProblem(401, "invalid-refresh-token");
	}

	private Api.Response me(String token) {
		return api.get("/api/v1/me").bearer(token).send();
	}

	private Api.Response refresh(String token) {
		return api.post("/api/v1/auth/refresh").json(Map.of("refresh_token", token)).send();
	}

}
