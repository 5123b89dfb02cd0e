package io.cohort.system;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no trusted proxy configured (the default), a client's forwarded headers change
 * neither its recorded address nor the host of the links Cohort hands out.
 */
class ForwardedHeadersIntegrationTests extends ApiIntegrationTest {

	@Test
	void recordsTheConnectingAddressNotOneTheClientForwards() {
		String email = Api.unique("nobody") + "@example.com";

		api.post("/api/v1/auth/login")
			.header("X-Forwarded-For", "203.0.113.9")
			.json(java.util.Map.of("tenant", Api.DEMO_TENANT, "email", email, "password", "not-the-password-1"))
			.send()
			.expectProblem(401, "invalid-credentials");

		assertThat(jdbc.sql("""
				SELECT client_address FROM audit_event
				WHERE action = 'auth.login.failed' AND changes LIKE :email""")
			.param("email", "%" + email + "%")
			.query(String.class)
			.single()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	@Test
	void buildsCheckInLinksOnThePublicAddressWhateverHostTheRequestNames() {
		String ops = api.token(Api.DEMO_TENANT, "ops@demo.cohort.local", Api.DEMO_PASSWORD);
		JsonNode runs = api.get("/api/v1/runs").bearer(ops).send().expect(200).json();
		String sessionId = null;
		for (JsonNode run : runs.get("items")) {
			JsonNode sessions = api.get("/api/v1/runs/" + run.get("id").asString() + "/sessions")
				.bearer(ops)
				.send()
				.expect(200)
				.json();
			if (!sessions.isEmpty()) {
				sessionId = sessions.get(0).get("id").asString();
				break;
			}
		}
		assertThat(sessionId).as("a demo session").isNotNull();

		JsonNode code = api.get("/api/v1/sessions/" + sessionId + "/check-in-code")
			.bearer(ops)
			.header("X-Forwarded-Host", "evil.example.com")
			.header("X-Forwarded-Proto", "https")
			.send()
			.expect(200)
			.json();

		assertThat(code.get("url").asString())
			.startsWith("http://localhost:" + java.net.URI.create(api.base()).getPort() + "/check-in?code=");
	}

}
