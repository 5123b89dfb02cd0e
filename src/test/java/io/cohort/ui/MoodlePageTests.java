package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Moodle settings page, linked from the integrations page: the connection test, a
 * refused URL, and no one but an ADMIN.
 */
class MoodlePageTests extends IntegrationTest {

	private static final String PASSWORD = "cohort-demo-2026";

	@LocalServerPort
	int port;

	@Test
	void anAdminTestsTheConnectionAndAUrlWithCredentialsIsRefusedOnThePage() {
		WebClient web = new WebClient(port);
		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		assertThat(web.get("/settings/integrations").body()).contains("href=\"/settings/moodle\"");
		HttpResponse<String> page = web.get("/settings/moodle");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/simulators/moodle/demo").contains("A token is set");

		assertThat(web.post("/settings/moodle/test", Map.of()).statusCode()).isEqualTo(302);
		assertThat(web.get("/settings/moodle").body()).contains("Connected to Simulated Moodle (demo)");

		HttpResponse<String> refused = web.post("/settings/moodle", Map.of("enabled", "true", "baseUrl",
				"http://user:pw@localhost:9/moodle", "token", "", "studentRoleId", "5", "timeoutMs", "10000"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("has-error").contains("credentials");
		assertThat(web.get("/settings/moodle").body()).contains("/simulators/moodle/demo");
	}

	@Test
	void onlyAnAdminSeesThePage() {
		WebClient web = new WebClient(port);
		web.login("demo", "ops@demo.cohort.local", PASSWORD);
		assertThat(web.get("/settings/moodle").statusCode()).isEqualTo(403);
	}

}
