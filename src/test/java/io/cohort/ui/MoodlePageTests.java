package io.cohort.ui;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

import io.cohort.IntegrationTest;
import io.cohort.jobs.ManualWorker;
import io.cohort.lms.simulator.MoodleSimulator;
import io.cohort.lms.simulator.SimulatedCourse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Moodle settings page, linked from the integrations page, and the local demo tenant switched on
 * against the built-in Moodle simulator, whose courses bear the demo runs' references.
 */
class MoodlePageTests extends IntegrationTest {

	private static final String PASSWORD = "cohort-demo-2026";

	@LocalServerPort
	int port;

	@Autowired
	MoodleSimulator simulator;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

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

	@Test
	void theDemoTenantProvisionsItsEnrolmentsInTheBuiltInMoodle() {
		assertThat(simulator.courses("demo")).extracting(SimulatedCourse::idnumber)
			.contains("WSH-101-R01", "DAF-201-R03", "CSE-110-R07");
		assertThat(jdbc.sql("""
				SELECT count(*) FROM sync_job j JOIN tenant t ON t.id = j.tenant_id
				WHERE t.slug = 'demo' AND j.target = 'MOODLE'""").query(Long.class).single()).isPositive();

		ManualWorker worker = ManualWorker.on(context, Clock.systemUTC());
		for (int pass = 0; pass < 20 && worker.drainOnce("demo", 50) > 0; pass++) {
			// provisions the demo's enrolments (and whatever else is due)
		}

		assertThat(simulator.enrolments("demo")).isNotEmpty();
	}

}
