package io.cohort.gateway;

import io.cohort.jobs.ManualWorker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
 * Reconciliation against the simulator: each difference between Cohort's records of a
 * published run and the gateway's is recorded and shows in the compliance summary; a
 * failed search is recorded as such and nothing is concluded from it.
 */
class ReconciliationIntegrationTests extends ApiIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	TpGatewaySimulator simulator;

	@Autowired
	Reconciliations reconciliations;

	ManualWorker worker;

	TestTenant tenant;

	String ops;

	SimulatedProvider provider;

	@BeforeEach
	void tenantOnTheSimulator() {
		tenant = api.newTenant();
		worker = ManualWorker.on(context, new MovableClock(Instant.now().plus(Duration.ofDays(4))), tenant.id());
		ops = tenant.addUser("OPS").token();
		provider = simulator.register("22" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K", false);
	}

	@Test
	void eachDifferenceWithTheGatewayIsRecordedAndShownPerRun() {
		switchOn();
		String course = course();
		String matching = publishedRun(course);
		String synced = enrol(learner(Nrics.next(), true), matching);
		String cancelledThere = enrol(learner(Nrics.next(), true), matching);
		String neverSent = enrol(learner(Nrics.next(), false), matching); // no date of
																			// birth: DEAD
																			// at once
		String lost = publishedRun(course);
		drain();
		assertThat(job(neverSent).get("status").asString()).isEqualTo("DEAD");
		String gatewayRun = job(matching).get("reference").asString();
		simulator.setEnrolmentStatus(provider.uen(), job(cancelledThere).get("reference").asString(), "Cancelled");
		String portalNric = Nrics.next();
		String portal = simulator.addEnrolment(provider.uen(), gatewayRun, portalNric, "Walk In");
		simulator.forgetRun(provider.uen(), job(lost).get("reference").asString());

		JsonNode done = api.post("/api/v1/gateway/reconciliations").bearer(ops).send().expect(201).json();

		assertThat(done.get("runs_checked").asInt()).isEqualTo(2);
		assertThat(done.get("failed_checks").asInt()).isZero();
		assertThat(done.get("discrepancies").asInt()).isEqualTo(4);
		assertThat(done.toString()).doesNotContain(portalNric);
		JsonNode summary = api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json();
		assertThat(check(summary, matching, "class_run").get("outcome").asString()).isEqualTo("MATCHED");
		JsonNode enrolments = check(summary, matching, "enrolment");
		assertThat(enrolments.get("outcome").asString()).isEqualTo("DISCREPANCIES");
		assertThat(enrolments.get("discrepancies").values())
			.extracting(d -> d.get("kind").asString() + ":"
					+ (d.get("entity_id").isNull() ? d.get("gateway_reference").asString()
							: d.get("entity_id").asString())
					+ ":" + d.get("local_status").asString(null) + ":" + d.get("remote_status").asString(null))
			.containsExactlyInAnyOrder("MISSING_REMOTELY:" + neverSent + ":CONFIRMED:null",
					"STATUS_DIFFERS:" + cancelledThere + ":CONFIRMED:Cancelled",
					"UNKNOWN_REMOTELY:" + portal + ":null:Confirmed");
		assertThat(enrolments.toString()).doesNotContain(synced).doesNotContain(portalNric);
		assertThat(check(summary, lost, "class_run").at("/discrepancies/0/kind").asString())
			.isEqualTo("MISSING_REMOTELY");
		assertThat(api.get("/api/v1/gateway/reconciliations")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.at("/items/0/id")
			.asString()).isEqualTo(done.get("id").asString());
	}

	@Test
	void attendanceTheGatewayHoldsOtherwiseThanItWasUploadedIsRecorded() {
		switchOn();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		String run = runStartingToday(course());
		api.post("/api/v1/runs/" + run + "/sessions")
			.bearer(ops)
			.json(Map.of("date", today.toString(), "start_time", "09:00", "end_time", "12:30"))
			.send()
			.expect(201);
		String session = api.get("/api/v1/runs/" + run + "/sessions")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.at("/0/id")
			.asString();
		List<String> nrics = List.of(Nrics.next(), Nrics.next(), Nrics.next());
		List<String> enrolments = nrics.stream().map(nric -> enrol(learner(nric, true), run)).toList();
		api.post("/api/v1/attendance/mark-bulk")
			.bearer(ops)
			.json(Map.of("session_id", session, "records",
					enrolments.stream().map(e -> Map.of("enrollment_id", e, "status", "PRESENT")).toList()))
			.send()
			.expect(200);
		drain();
		String gatewayRun = job(run).get("reference").asString();
		String gatewaySession = simulator.sessionIds(provider.uen(), gatewayRun).get(0);
		simulator.setAttendanceStatus(provider.uen(), gatewaySession, nrics.get(1), "3");
		simulator.setAttendanceStatus(provider.uen(), gatewaySession, nrics.get(2), null);

		JsonNode done = api.post("/api/v1/gateway/reconciliations")
			.bearer(ops)
			.json(Map.of("run_id", run))
			.send()
			.expect(201)
			.json();

		assertThat(done.get("failed_checks").asInt()).isZero();
		JsonNode attendance = check(api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json(), run,
				"attendance");
		assertThat(attendance.get("outcome").asString()).isEqualTo("DISCREPANCIES");
		assertThat(attendance.get("discrepancies").values())
			.extracting(d -> d.get("kind").asString() + ":" + d.get("local_status").asString(null) + ":"
					+ d.get("remote_status").asString(null))
			.containsExactlyInAnyOrder("STATUS_DIFFERS:Confirmed:Rejected", "MISSING_REMOTELY:Confirmed:null");
		assertThat(attendance.toString()).doesNotContain(nrics.get(1)).doesNotContain(nrics.get(2));
	}

	@Test
	void eachAssessmentResultThatDiffersFromTheGatewaysIsRecorded() {
		switchOn();
		String course = course();
		String run = runStartingToday(course);
		List<String> enrolments = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			enrolments.add(enrol(learner(Nrics.next(), true), run));
		}
		drain();
		String assessor = tenant.addUser("ASSESSOR").token();
		String module = api.get("/api/v1/courses/" + course)
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.at("/modules/0/id")
			.asString();
		String matching = assess(assessor, enrolments.get(0), module);
		String voidedThere = assess(assessor, enrolments.get(1), module);
		String regradedThere = assess(assessor, enrolments.get(2), module);
		String voidedHere = assess(assessor, enrolments.get(3), module);
		drain();
		api.post("/api/v1/assessments/" + voidedHere + "/void")
			.bearer(assessor)
			.json(Map.of("reason", "Wrong learner"))
			.send()
			.expect(200);
		simulator.rejectNext(provider.uen(), "assessment", "cannot be voided after the claim was made");
		drain();
		assertThat(job(voidedHere, "VOID_ASSESSMENT").get("status").asString()).isEqualTo("DEAD");
		String refused = assess(assessor, enrolments.get(4), module);
		simulator.rejectNext(provider.uen(), "assessment.skillCode", "is not a skill of the course");
		drain();
		assertThat(job(refused, "CREATE_ASSESSMENT").get("status").asString()).isEqualTo("DEAD");
		simulator.setAssessment(provider.uen(), reference(voidedThere), "B", "Void");
		simulator.setAssessment(provider.uen(), reference(regradedThere), "A", "Active");
		String portalNric = Nrics.next();
		String portal = simulator.addAssessment(provider.uen(), job(run, "PUBLISH_RUN").get("reference").asString(),
				portalNric, "M1");

		JsonNode done = api.post("/api/v1/gateway/reconciliations")
			.bearer(ops)
			.json(Map.of("run_id", run))
			.send()
			.expect(201)
			.json();

		assertThat(done.get("failed_checks").asInt()).isZero();
		assertThat(done.get("discrepancies").asInt()).isEqualTo(5);
		JsonNode assessments = check(api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json(), run,
				"assessment");
		assertThat(assessments.get("outcome").asString()).isEqualTo("DISCREPANCIES");
		assertThat(assessments.get("discrepancies").values())
			.extracting(d -> d.get("kind").asString() + ":"
					+ (d.get("entity_id").isNull() ? d.get("gateway_reference").asString()
							: d.get("entity_id").asString())
					+ ":" + d.get("local_status").asString(null) + ":" + d.get("remote_status").asString(null))
			.containsExactlyInAnyOrder("MISSING_REMOTELY:" + refused + ":Pass, grade B, score 80:null",
					"STATUS_DIFFERS:" + voidedThere + ":Pass, grade B, score 80:Void",
					"STATUS_DIFFERS:" + regradedThere + ":Pass, grade B, score 80:Pass, grade A, score 80",
					"STATUS_DIFFERS:" + voidedHere + ":VOIDED:Pass, grade B, score 80",
					"UNKNOWN_REMOTELY:" + portal + ":null:Pass");
		assertThat(assessments.toString()).doesNotContain(matching)
			.doesNotContain(portalNric)
			.contains("Never reached TPGateway (job DEAD)")
			.contains("is live here but voided at TPGateway")
			.contains("is voided here but live at TPGateway");
	}

	@Test
	void aSearchThatFailsIsRecordedWithItsErrorAndNothingIsGuessed() {
		switchOn();
		String run = publishedRun(course());
		enrol(learner(Nrics.next(), true), run);
		drain();
		// the run's, its enrolments', its assessments' and its sessions' reads
		simulator.failNext(provider.uen(), 4, 503);

		JsonNode done = api.post("/api/v1/gateway/reconciliations")
			.bearer(tenant.adminToken())
			.json(Map.of("run_id", run))
			.send()
			.expect(201)
			.json();

		assertThat(done.get("run_id").asString()).isEqualTo(run);
		assertThat(done.get("failed_checks").asInt()).isEqualTo(4);
		assertThat(done.get("discrepancies").asInt()).isZero();
		assertThat(done.get("checks").values()).allSatisfy(c -> {
			assertThat(c.get("outcome").asString()).isEqualTo("FAILED");
			assertThat(c.get("error").asString()).containsIgnoringCase("server error");
			assertThat(c.get("discrepancies").values()).isEmpty();
		});
		JsonNode summary = api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json();
		assertThat(check(summary, run, "enrolment").get("outcome").asString()).isEqualTo("FAILED");
		assertThat(api.get("/api/v1/audit?action=gateway.reconciliation.requested")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("total")
			.asLong()).isEqualTo(1);
	}

	@Test
	void theScheduledPassReconcilesATenantOnceAnIntervalWhateverTheInstances() {
		switchOn();
		publishedRun(course());
		drain();

		reconciliations.scheduledPass(Duration.ofHours(6));
		reconciliations.scheduledPass(Duration.ofHours(6)); // as another instance would,
															// at once

		List<JsonNode> done = new ArrayList<>();
		api.get("/api/v1/gateway/reconciliations")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items")
			.forEach(done::add);
		assertThat(done).singleElement().satisfies(r -> {
			assertThat(r.get("trigger").asString()).isEqualTo("SCHEDULED");
			assertThat(r.get("runs_checked").asInt()).isEqualTo(1);
			assertThat(r.get("discrepancies").asInt()).isZero();
		});
	}

	@Test
	void aTenantWithoutTheGatewayCannotReconcile() {
		api.post("/api/v1/gateway/reconciliations").bearer(ops).send().expectProblem(422, "gateway-not-enabled");
	}

	private static JsonNode check(JsonNode summary, String run, String recordType) {
		for (JsonNode candidate : summary.get("runs")) {
			if (candidate.get("run_id").asString().equals(run)) {
				for (JsonNode check : candidate.get("reconciliation")) {
					if (check.get("record_type").asString().equals(recordType)) {
						return check;
					}
				}
			}
		}
		throw new AssertionError("no " + recordType + " check of run " + run + " in " + summary);
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

	private String publishedRun(String course) {
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date", start.toString(),
				"end_date", start.plusDays(1).toString(), "registration_opens", start.minusDays(20).toString(),
				"registration_closes", start.minusDays(1).toString(), "capacity", 20, "mode_of_training", "1", "status",
				"PUBLISHED", "venue", "112 Robinson Road"));
		body.put("course_admin_email", "admin@provider.test");
		body.put("venue_postal_code", "068902");
		return api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	/** A published two-day run that started today, so its results can be recorded. */
	private String runStartingToday(String course) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date", today.toString(),
				"end_date", today.plusDays(1).toString(), "registration_opens", today.minusDays(20).toString(),
				"registration_closes", today.toString(), "capacity", 20, "mode_of_training", "1", "status", "PUBLISHED",
				"venue", "112 Robinson Road"));
		body.put("course_admin_email", "admin@provider.test");
		body.put("venue_postal_code", "068902");
		return api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	/**
	 * A competent result, grade B and score 80, of the enrolment's one module, assessed
	 * today.
	 */
	private String assess(String assessor, String enrolment, String module) {
		return api.post("/api/v1/assessments")
			.bearer(assessor)
			.json(Map.of("enrollment_id", enrolment, "module_id", module, "result", "COMPETENT", "score", 80, "grade",
					"B", "assessed_on", LocalDate.now(ZoneId.of("Asia/Singapore")).toString()))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private String reference(String assessment) {
		return job(assessment, "CREATE_ASSESSMENT").get("reference").asString();
	}

	private String learner(String nric, boolean withDateOfBirth) {
		Map<String, Object> body = new HashMap<>(Map.of("full_name", "Tan Ah Kow", "email",
				Api.unique("ahkow") + "@example.com", "phone", "+65 9123 4567", "id_type", "SP", "national_id", nric));
		if (withDateOfBirth) {
			body.put("date_of_birth", "1990-01-31");
		}
		return api.post("/api/v1/learners").bearer(ops).json(body).send().expect(201).json().get("id").asString();
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

	private JsonNode job(String entity, String operation) {
		for (JsonNode job : api.get("/api/v1/jobs?size=500").bearer(ops).send().expect(200).json().get("items")) {
			if (job.get("entity_id").asString().equals(entity) && job.get("operation").asString().equals(operation)) {
				return job;
			}
		}
		throw new AssertionError("no " + operation + " job for " + entity);
	}

	private JsonNode job(String entity) {
		for (JsonNode job : api.get("/api/v1/jobs?size=500").bearer(ops).send().expect(200).json().get("items")) {
			if (job.get("entity_id").asString().equals(entity)) {
				return job;
			}
		}
		throw new AssertionError("no job for " + entity);
	}

}
