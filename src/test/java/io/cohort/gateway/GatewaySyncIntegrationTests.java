package io.cohort.gateway;

import io.cohort.jobs.ManualWorker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.gateway.simulator.SimulatedEnrolment;
import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.MovableClock;
import io.cohort.testing.Nrics;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From a change in Cohort to the record at the (simulated) TPGateway: the job is written
 * with the change, the worker sends it, and a lost answer never makes a second record.
 */
class GatewaySyncIntegrationTests extends ApiIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	TpGatewaySimulator simulator;

	MovableClock clock;

	ManualWorker worker;

	TestTenant tenant;

	String ops;

	SimulatedProvider provider;

	@BeforeEach
	void tenantOnTheSimulator() {
		clock = new MovableClock(Instant.now().plus(Duration.ofDays(2)));
		tenant = api.newTenant();
		worker = ManualWorker.on(context, clock, tenant.id());
		ops = tenant.addUser("OPS").token();
		provider = simulator.register("20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K", false);
	}

	@Test
	void aPublishedRunAndItsEnrolmentReachTheGatewayInOrder() {
		switchOn();
		String run = publishedRun();
		String enrolment = enrol(learner(Nrics.next()), run);

		assertThat(jobs()).extracting(j -> j.get("operation").asString() + ":" + j.get("status").asString())
			.containsExactlyInAnyOrder("PUBLISH_RUN:PENDING", "CREATE_ENROLMENT:PENDING");
		drain();

		JsonNode runJob = job("PUBLISH_RUN");
		JsonNode enrolmentJob = job("CREATE_ENROLMENT");
		assertThat(runJob.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(enrolmentJob.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(enrolmentJob.get("entity_id").asString()).isEqualTo(enrolment);
		assertThat(simulator.hasRun(provider.uen(), runJob.get("reference").asString())).isTrue();
		assertThat(
				api.get("/api/v1/runs/" + run).bearer(ops).send().expect(200).json().at("/run/ssg_run_id").asString())
			.as("the run carries the id TPGateway gave it")
			.isEqualTo(runJob.get("reference").asString()); // GH-10
		assertThat(simulator.enrolments(provider.uen())).extracting(SimulatedEnrolment::referenceNumber)
			.containsExactly(enrolmentJob.get("reference").asString());
		assertThat(enrolmentJob.get("payload").asString()).doesNotContain("national")
			.doesNotMatch(".*[ST]\\d{7}[A-Z].*");
		assertThat(api.get("/api/v1/audit?action=learner.national_id.read")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("total")
			.asLong()).isEqualTo(1);
	}

	@Test
	void attendanceOfAPresentLearnerIsUploadedAgainstTheGatewaysSessionAndAnAbsenceIsNot() {
		switchOn();
		Map<String, Object> draft = runBody("068902");
		draft.put("status", "DRAFT");
		String run = api.post("/api/v1/courses/" + course() + "/runs")
			.bearer(ops)
			.json(draft)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		String sessionDate = draft.get("start_date").toString();
		String session = api.post("/api/v1/runs/" + run + "/sessions")
			.bearer(ops)
			.json(Map.of("date", sessionDate, "start_time", "09:00", "end_time", "12:30"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("status", "PUBLISHED")).send().expect(200);
		String presentNric = Nrics.next();
		String present = enrol(learner(presentNric), run);
		String absent = enrol(learner(Nrics.next()), run);
		api.post("/api/v1/attendance/mark-bulk")
			.bearer(ops)
			.json(Map.of("session_id", session, "records",
					List.of(Map.of("enrollment_id", present, "status", "PRESENT"),
							Map.of("enrollment_id", absent, "status", "ABSENT"))))
			.send()
			.expect(200);

		drain();

		JsonNode upload = job("UPLOAD_ATTENDANCE");
		assertThat(jobs()).filteredOn(j -> j.get("operation").asString().equals("UPLOAD_ATTENDANCE")).hasSize(1);
		assertThat(upload.get("status").asString()).isEqualTo("SUCCEEDED");
		String runId = job("PUBLISH_RUN").get("reference").asString();
		String gatewaySession = simulator.sessionIds(provider.uen(), runId).get(0);
		assertThat(upload.get("reference").asString()).isEqualTo(gatewaySession);
		assertThat(simulator.attendance(provider.uen(), gatewaySession, presentNric)).get()
			.satisfies(a -> assertThat(a.statusCode()).isEqualTo("1"))
			.satisfies(a -> assertThat(a.numberOfHours()).isEqualByComparingTo("3.5"));
	}

	@Test
	void anUploadRefusedAgainstAKeptSessionListIsSentOnceMoreAgainstAFreshOne() {
		switchOn();
		Map<String, Object> draft = runBody("068902");
		draft.put("status", "DRAFT");
		String run = api.post("/api/v1/courses/" + course() + "/runs")
			.bearer(ops)
			.json(draft)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		String session = api.post("/api/v1/runs/" + run + "/sessions")
			.bearer(ops)
			.json(Map.of("date", draft.get("start_date").toString(), "start_time", "09:00", "end_time", "12:30"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("status", "PUBLISHED")).send().expect(200);
		String first = enrol(learner(Nrics.next()), run);
		String secondNric = Nrics.next();
		String second = enrol(learner(secondNric), run);
		api.post("/api/v1/attendance")
			.bearer(ops)
			.json(Map.of("session_id", session, "enrollment_id", first, "status", "PRESENT"))
			.send()
			.expect(200);
		drain(); // the first upload fetches the run's sessions and keeps the list

		// the gateway refuses the next call, as it would a session it changed meanwhile
		simulator.rejectNext(provider.uen(), "course.sessionID", "Session not found");
		api.post("/api/v1/attendance")
			.bearer(ops)
			.json(Map.of("session_id", session, "enrollment_id", second, "status", "PRESENT"))
			.send()
			.expect(200);
		drain();

		assertThat(jobs()).filteredOn(j -> j.get("operation").asString().equals("UPLOAD_ATTENDANCE"))
			.hasSize(2)
			.allSatisfy(j -> assertThat(j.get("status").asString()).isEqualTo("SUCCEEDED"))
			.allSatisfy(
					j -> assertThat(j.get("attempts").asInt()).as("sent again within the same attempt").isEqualTo(1));
		String gatewaySession = simulator.sessionIds(provider.uen(), job("PUBLISH_RUN").get("reference").asString())
			.get(0);
		assertThat(simulator.attendance(provider.uen(), gatewaySession, secondNric)).isPresent();
	}

	@Test
	void anAnswerLostAfterTheGatewayAppliedTheCreateLeadsToAdoptionNotASecondRecord() {
		switchOn();
		String run = publishedRun();
		String nric = Nrics.next();
		enrol(learner(nric), run);
		worker.drainOnce("w", 1); // the run
		simulator.applyThenDropNext(provider.uen());

		worker.drainOnce("w", 10); // creates the enrolment, but the answer is lost
		assertThat(job("CREATE_ENROLMENT").get("status").asString()).isEqualTo("RETRYING");
		clock.advance(Duration.ofHours(1));
		drain();

		JsonNode enrolmentJob = job("CREATE_ENROLMENT");
		assertThat(enrolmentJob.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(enrolmentJob.get("attempts").asInt()).isEqualTo(2);
		assertThat(simulator.enrolments(provider.uen())).singleElement()
			.satisfies(e -> assertThat(e.referenceNumber()).isEqualTo(enrolmentJob.get("reference").asString()))
			.satisfies(e -> assertThat(e.traineeId()).isEqualTo(nric));
	}

	@Test
	void aGatewayValidationErrorIsDeadAtOnceWithItsMessage() {
		switchOn();
		String course = course();
		// the course registry is asked before the run is published: its answer first
		api.post("/api/v1/gateway/courses/" + course + "/registry").bearer(ops).send().expect(200);
		simulator.rejectNext(provider.uen(), "course.runs[0].venue.postalCode", "is not a known postal code");
		api.post("/api/v1/courses/" + course + "/runs").bearer(ops).json(runBody("068902")).send().expect(201);

		drain();

		JsonNode dead = job("PUBLISH_RUN");
		assertThat(dead.get("status").asString()).isEqualTo("DEAD");
		assertThat(dead.get("attempts").asInt()).isEqualTo(1);
		assertThat(dead.get("last_error").asString()).containsIgnoringCase("postalCode");
	}

	@Test
	void aRunMissingWhatTheGatewayRequiresIsRefusedWithFieldErrorsAndQueuesNothing() {
		switchOn();
		String course = course();
		Map<String, Object> body = runBody(null);
		body.remove("course_admin_email");

		JsonNode problem = api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(body)
			.send()
			.expectProblem(422, "run-incomplete-for-gateway");

		assertThat(problem.get("detail").asString()).contains("postal code").contains("course admin email");
		assertThat(problem.get("errors")).extracting(e -> e.get("field").asString())
			.containsExactlyInAnyOrder("venue_postal_code", "course_admin_email");
		assertThat(jobs()).isEmpty();
		body.put("status", "DRAFT");
		String draft = api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		api.patch("/api/v1/runs/" + draft)
			.bearer(ops)
			.json(Map.of("status", "PUBLISHED", "venue_postal_code", "068902"))
			.send()
			.expectProblem(422, "run-incomplete-for-gateway");
		assertThat(api.get("/api/v1/runs/" + draft).bearer(ops).send().expect(200).json().at("/run/status").asString())
			.isEqualTo("DRAFT");
		api.patch("/api/v1/runs/" + draft)
			.bearer(ops)
			.json(Map.of("status", "PUBLISHED", "venue_postal_code", "068902", "course_admin_email",
					"admin@provider.test"))
			.send()
			.expect(200);
		assertThat(jobs()).extracting(j -> j.get("operation").asString()).containsExactly("PUBLISH_RUN");
	}

	@Test
	void theComplianceSummaryShowsEachRunsDeadlinesAndSyncStateAndTheDeadLetters() {
		switchOn();
		String run = publishedRun();
		enrol(learner(Nrics.next()), run);

		JsonNode before = runOf(summary(), run);
		assertThat(deadline(before, "RUN_PUBLISHED").get("status").asString()).isEqualTo("ON_TRACK");
		assertThat(deadline(before, "RUN_PUBLISHED").get("days_left").asLong()).isEqualTo(14);
		assertThat(before.at("/sync/class_run/pending").asLong()).isEqualTo(1);
		drain();
		simulator.rejectNext(provider.uen(), "course.runs[0].venue.postalCode", "is not a known postal code");
		publishedRun();
		drain();

		JsonNode summary = summary();
		JsonNode after = runOf(summary, run);
		assertThat(summary.get("gateway_enabled").asBoolean()).isTrue();
		assertThat(deadline(after, "RUN_PUBLISHED").get("status").asString()).isEqualTo("DONE");
		assertThat(deadline(after, "ENROLMENTS_SUBMITTED").get("status").asString()).isEqualTo("DONE");
		assertThat(deadline(after, "ATTENDANCE_SUBMITTED").get("status").asString()).isEqualTo("ON_TRACK");
		assertThat(deadline(after, "ATTENDANCE_SUBMITTED").get("due").asString())
			.isEqualTo(LocalDate.parse(after.get("end_date").asString()).plusDays(14).toString());
		assertThat(after.at("/sync/enrolment/synced").asLong()).isEqualTo(1);
		assertThat(summary.get("dead_letters")).singleElement()
			.satisfies(dead -> assertThat(dead.get("last_error").asString()).containsIgnoringCase("postalCode"));
	}

	private JsonNode summary() {
		return api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json();
	}

	private static JsonNode runOf(JsonNode summary, String run) {
		for (JsonNode candidate : summary.get("runs")) {
			if (candidate.get("run_id").asString().equals(run)) {
				return candidate;
			}
		}
		throw new AssertionError("run " + run + " is not in the summary");
	}

	private static JsonNode deadline(JsonNode run, String type) {
		for (JsonNode deadline : run.get("deadlines")) {
			if (deadline.get("type").asString().equals(type)) {
				return deadline;
			}
		}
		throw new AssertionError("no deadline " + type);
	}

	@Test
	void aTenantWithoutTheGatewaySwitchedOnWritesNoJobs() {
		enrol(learner(Nrics.next()), publishedRun());

		assertThat(jobs()).isEmpty();
	}

	private void switchOn() {
		OnTheSimulator.switchOn(api, tenant, provider);
	}

	private String course() {
		return api.post("/api/v1/courses")
			.bearer(ops)
			.json(Map.of("code", Api.unique("WSH"), "title", "Workplace Safety", "ssg_course_ref", "TGS-2020002096",
					"modules", List.of(Map.of("code", "M1", "title", "Hazards", "hours", 4))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private Map<String, Object> runBody(String postalCode) {
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		Map<String, Object> body = new java.util.HashMap<>(Map.of("reference", Api.unique("R"), "start_date",
				start.toString(), "end_date", start.plusDays(1).toString(), "registration_opens",
				start.minusDays(20).toString(), "registration_closes", start.minusDays(1).toString(), "capacity", 20,
				"mode_of_training", "1", "status", "PUBLISHED", "venue", "112 Robinson Road"));
		body.put("course_admin_email", "admin@provider.test");
		if (postalCode != null) {
			body.put("venue_postal_code", postalCode);
		}
		return body;
	}

	private String publishedRun() {
		return api.post("/api/v1/courses/" + course() + "/runs")
			.bearer(ops)
			.json(runBody("068902"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private String learner(String nric) {
		return api.post("/api/v1/learners")
			.bearer(ops)
			.json(Map.of("full_name", "Tan Ah Kow", "email", Api.unique("ahkow") + "@example.com", "phone",
					"+65 9123 4567", "id_type", "SP", "national_id", nric, "date_of_birth", "1990-01-31"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private String enrol(String learner, String run) {
		return api.post("/api/v1/enrollments")
			.bearer(ops)
			.json(Map.of("learner_id", learner, "class_run_id", run, "fee_collection_status", "FULL"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private void drain() {
		for (int pass = 0; pass < 10 && worker.drainOnce("w", 10) > 0; pass++) {
			// a job that waits for another becomes due in the next pass
		}
	}

	private List<JsonNode> jobs() {
		List<JsonNode> jobs = new java.util.ArrayList<>();
		api.get("/api/v1/jobs").bearer(ops).send().expect(200).json().get("items").forEach(jobs::add);
		return jobs;
	}

	private JsonNode job(String operation) {
		return jobs().stream().filter(j -> j.get("operation").asString().equals(operation)).findFirst().orElseThrow();
	}

}
