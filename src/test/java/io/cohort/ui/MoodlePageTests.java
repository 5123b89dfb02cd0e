package io.cohort.ui;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.cohort.IntegrationTest;
import io.cohort.jobs.ManualWorker;
import io.cohort.lms.simulator.MoodleSimulator;
import io.cohort.lms.simulator.SimulatedCourse;
import io.cohort.lms.simulator.SimulatedEnrolment;
import io.cohort.testing.Api;
import io.cohort.testing.MovableClock;
import io.cohort.testing.Nrics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

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
				WHERE t.slug = 'demo' AND j.target = 'MOODLE'""").query(Long.class).single())
			.as("the seeded enrolments were queued for Moodle").isPositive();
		Api api = new Api(port);
		String ops = api.token(Api.DEMO_TENANT, "ops@demo.cohort.local", Api.DEMO_PASSWORD);
		String run = null;
		for (JsonNode item : api.get("/api/v1/runs?size=200").bearer(ops).send().expect(200).json().get("items")) {
			if (item.get("reference").asString().equals("DAF-201-R03")) {
				run = item.get("id").asString();
			}
		}
		String learner = api.post("/api/v1/learners").bearer(ops)
			.json(Map.of("full_name", "Demo Moodle Learner", "email", Api.unique("moodle") + "@example.com", "phone",
					"+65 9123 4567", "id_type", "SP", "national_id", Nrics.next(), "date_of_birth", "1990-01-31"))
			.send().expect(201).json().get("id").asString();
		String enrolment = api.post("/api/v1/enrollments").bearer(ops)
			.json(Map.of("learner_id", learner, "class_run_id", String.valueOf(run), "fee_collection_status", "FULL"))
			.send().expect(201).json().get("id").asString();

		// a year ahead: past any backoff or open breaker other tests' workers left the demo tenant with
		ManualWorker worker = ManualWorker.on(context, new MovableClock(Instant.now().plus(Duration.ofDays(365))));
		for (int pass = 0; pass < 20 && worker.drainOnce("demo", 50) > 0; pass++) {
			// provisions the new enrolment (and whatever else is due)
		}

		JsonNode view = api.get("/api/v1/lms/enrolments/" + enrolment).bearer(ops).send().expect(200).json();
		assertThat(view.get("moodle_status").asString()).isEqualTo("ENROLLED");
		assertThat(simulator.enrolments("demo")).extracting(SimulatedEnrolment::userId)
			.contains(view.get("moodle_user_id").asLong());
	}

}
