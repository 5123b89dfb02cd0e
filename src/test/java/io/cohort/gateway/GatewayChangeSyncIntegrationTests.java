package io.cohort.gateway;

import io.cohort.jobs.ManualWorker;
import io.cohort.jobs.JobExecutor;
import io.cohort.jobs.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.gateway.simulator.SimulatedAssessment;
import io.cohort.gateway.simulator.SimulatedEnrolment;
import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.SimulatedRun;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.MovableClock;
import io.cohort.testing.Nrics;
import io.cohort.testing.TestTenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes after the first sync reach the (simulated) TPGateway: run updates and deletion,
 * enrolment updates, fee collection and cancellation, attendance corrections, and
 * assessments created, updated and voided. Each job is written with its change, waits for
 * the record's previous job, and a lost answer never makes a second record.
 */
class GatewayChangeSyncIntegrationTests extends ApiIntegrationTest {

	@Autowired
	TpGatewayExecutor executor;

	@Autowired
	ApplicationContext context;

	private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");

	@Autowired
	TpGatewaySimulator simulator;

	MovableClock clock;

	ManualWorker worker;

	TestTenant tenant;

	String ops;

	SimulatedProvider provider;

	String course;

	@BeforeEach
	void tenantOnTheSimulator() {
		clock = new MovableClock(Instant.now().plus(Duration.ofDays(2)));
		tenant = api.newTenant();
		worker = ManualWorker.on(context, clock, tenant.id());
		ops = tenant.addUser("OPS").token();
		provider = simulator.register("20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K", false);
		OnTheSimulator.switchOn(api, tenant, provider);
		course = api.post("/api/v1/courses")
			.bearer(ops)
			.json(Map.of("code", Api.unique("WSH"), "title", "Workplace Safety", "ssg_course_ref", "TGS-2020002096",
					"modules", List.of(Map.of("code", "WSH-M1", "title", "Hazards", "hours", 4))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	@Test
	void changesOfAPublishedRunAndItsSessionsAreSentAsUpdatesInOrder() {
		String run = run(14);
		session(run, 14);
		drain();
		String runId = job("PUBLISH_RUN").get("reference").asString();
		assertThat(simulator.run(provider.uen(), runId).orElseThrow().sessionDates()).hasSize(1);

		api.patch("/api/v1/runs/" + run)
			.bearer(ops)
			.json(Map.of("capacity", 30, "venue", "1 Fusionopolis Way"))
			.send()
			.expect(200);
		session(run, 15);
		api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("waitlist_enabled", true)).send().expect(200);

		List<JsonNode> updates = jobs("UPDATE_RUN");
		// the first session, added after the publication, made the first update; the last
		// change alters
		// nothing the gateway holds and made none
		assertThat(updates).hasSize(3);
		assertThat(updates).extracting(j -> j.get("idempotency_key").asString()).doesNotHaveDuplicates();
		simulator.delayNext(provider.uen(), Duration.ZERO); // listing the gateway's
															// sessions answers normally
		simulator.applyThenDropNext(provider.uen()); // the first update is applied, its
														// answer lost
		drain();
		clock.advance(Duration.ofHours(1));
		drain();

		assertThat(jobs("UPDATE_RUN")).allSatisfy(j -> assertThat(j.get("status").asString()).isEqualTo("SUCCEEDED"));
		SimulatedRun remote = simulator.run(provider.uen(), runId).orElseThrow();
		LocalDate start = today().plusDays(14);
		assertThat(remote.intakeSize()).isEqualTo(30);
		assertThat(remote.sessionDates()).containsExactly(basic(start), basic(start.plusDays(1)));
		JsonNode summary = api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json();
		JsonNode runSync = java.util.stream.StreamSupport.stream(summary.get("runs").spliterator(), false)
			.filter(r -> r.get("run_id").asString().equals(run))
			.findFirst()
			.orElseThrow()
			.get("sync")
			.get("class_run");
		assertThat(runSync.get("synced").asLong()).as("one run, however many jobs its changes made").isEqualTo(1);
	}

	@Test
	void aPublicationWhoseAnswerWasLostIsFoundAndAdoptedNotPublishedAgain() {
		String run = run(14);
		session(run, 14);
		simulator.delayNext(provider.uen(), Duration.ZERO); // listing the course's runs
															// answers normally
		simulator.applyThenDropNext(provider.uen()); // the run is published, the answer
														// lost
		worker.drainOnce("w", 10);
		assertThat(job("PUBLISH_RUN").get("status").asString()).isEqualTo("RETRYING");
		assertThat(simulator.runs(provider.uen())).hasSize(1);

		clock.advance(Duration.ofHours(1));
		drain();

		JsonNode publish = job("PUBLISH_RUN");
		assertThat(publish.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(publish.get("attempts").asInt()).isEqualTo(2);
		assertThat(simulator.runs(provider.uen())).singleElement()
			.satisfies(r -> assertThat(r.runId()).isEqualTo(publish.get("reference").asString()))
			.satisfies(r -> assertThat(r.sessionDates()).containsExactly(basic(today().plusDays(14))));
	}

	@Test
	void aRunLikeOneAlreadyPublishedIsPublishedAsARunOfItsOwn() {
		String first = run(14);
		session(first, 14);
		drain();
		String second = run(14);
		session(second, 14);
		drain();

		List<JsonNode> publications = jobs("PUBLISH_RUN");
		assertThat(publications).hasSize(2)
			.allSatisfy(j -> assertThat(j.get("status").asString()).isEqualTo("SUCCEEDED"))
			.extracting(j -> j.get("reference").asString())
			.doesNotHaveDuplicates();
		assertThat(simulator.runs(provider.uen())).hasSize(2);
	}

	@Test
	void aCancelledRunIsDeletedOnTheGatewayWithItsEnrolments() {
		String run = run(14);
		enrol(learner(Nrics.next()), run);
		drain();
		String runId = job("PUBLISH_RUN").get("reference").asString();

		api.post("/api/v1/runs/" + run + "/cancel")
			.bearer(ops)
			.json(Map.of("reason", "Trainer unavailable"))
			.send()
			.expect(200);
		JsonNode delete = job("DELETE_RUN");
		assertThat(delete.get("status").asString()).isEqualTo("PENDING");
		simulator.failNext(provider.uen(), 1, 503);
		drain();
		clock.advance(Duration.ofHours(1));
		drain();

		assertThat(job("DELETE_RUN").get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(simulator.run(provider.uen(), runId)).get().extracting(SimulatedRun::deleted).isEqualTo(true);
		assertThat(simulator.enrolments(provider.uen())).singleElement()
			.extracting(SimulatedEnrolment::status)
			.isEqualTo("Cancelled");
	}

	@Test
	void cancellingARunCancelsTheJobsOfItsRecordsThatCanNoLongerSucceedWithTheReason() {
		String run = run(0);
		String session = session(run, 0);
		String synced = enrol(learner(Nrics.next()), run);
		drain();
		String unsent = enrol(learner(Nrics.next()), run);
		simulator.failNext(provider.uen(), 1, 503);
		drain();
		assertThat(job("CREATE_ENROLMENT", unsent).get("status").asString()).isEqualTo("RETRYING");
		mark(session, synced, "PRESENT");
		assess(synced);
		fees(synced, "PARTIAL");
		fees(unsent, "PARTIAL");

		api.post("/api/v1/runs/" + run + "/cancel")
			.bearer(ops)
			.json(Map.of("reason", "Trainer unavailable"))
			.send()
			.expect(200);

		String cancelled = "The run was cancelled: Trainer unavailable";
		JsonNode creation = job("CREATE_ENROLMENT", unsent);
		assertThat(creation.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(creation.get("last_error").asString()).startsWith(cancelled).contains("Simulated server error");
		assertThat(List.of(job("UPLOAD_ATTENDANCE"), job("CREATE_ASSESSMENT"))).allSatisfy(j -> {
			assertThat(j.get("status").asString()).isEqualTo("CANCELLED");
			assertThat(j.get("last_error").asString()).isEqualTo(cancelled);
		});
		JsonNode followingFees = job("UPDATE_FEE_COLLECTION", unsent);
		assertThat(followingFees.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(followingFees.get("last_error").asString())
			.isEqualTo("It waits for CREATE_ENROLMENT " + creation.get("id").asString() + ", which was cancelled");
		assertThat(job("UPDATE_FEE_COLLECTION", synced).get("status").asString()).as("fees outlive the run")
			.isEqualTo("PENDING");
		JsonNode audit = api
			.get("/api/v1/audit?action=job.cancelled&entity_id=" + job("UPLOAD_ATTENDANCE").get("id").asString())
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();
		assertThat(audit.get("items")).singleElement()
			.satisfies(entry -> assertThat(entry.at("/changes/reason").asString()).isEqualTo(cancelled));

		drain();

		assertThat(job("DELETE_RUN").get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(job("UPDATE_FEE_COLLECTION", synced).get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(jobs(null))
			.noneSatisfy(j -> assertThat(j.get("status").asString()).isIn("PENDING", "RETRYING", "DEAD"));
		assertThat(simulator.enrolments(provider.uen())).singleElement()
			.extracting(SimulatedEnrolment::status)
			.isEqualTo("Cancelled");
		assertThat(simulator.assessments(provider.uen())).isEmpty();
	}

	@Test
	void aRunCancelledBeforeItsPublicationWasAttemptedIsNeitherPublishedNorDeleted() {
		String run = run(14);
		enrol(learner(Nrics.next()), run);

		api.post("/api/v1/runs/" + run + "/cancel")
			.bearer(ops)
			.json(Map.of("reason", "Too few learners"))
			.send()
			.expect(200);
		drain();

		assertThat(jobs(null)).extracting(j -> j.get("operation").asString() + ":" + j.get("status").asString())
			.containsExactlyInAnyOrder("PUBLISH_RUN:CANCELLED", "CREATE_ENROLMENT:CANCELLED");
		assertThat(job("PUBLISH_RUN").get("last_error").asString())
			.isEqualTo("The run was cancelled: Too few learners");
		assertThat(simulator.runs(provider.uen())).isEmpty();
	}

	@Test
	void aJobOfARunDeletedWhileItRunsOrWrittenAfterwardsIsCancelledNotRetried() {
		String run = run(0);
		String session = session(run, 0);
		String enrolment = enrol(learner(Nrics.next()), run);
		String assessment = assess(enrolment);
		drain();
		mark(session, enrolment, "PRESENT");
		JobExecutor cancelMidway = job -> {
			if (!job.operation().equals("UPLOAD_ATTENDANCE") || !job.tenantId().equals(tenant.id())) {
				return executor.forBatch(List.of(job)).execute(job);
			}
			api.post("/api/v1/runs/" + run + "/cancel")
				.bearer(ops)
				.json(Map.of("reason", "Venue closed"))
				.send()
				.expect(200);
			return new JobOutcome.Retryable("TPGateway could not be reached", null);
		};
		for (int pass = 0; pass < 20 && worker.drainOnce("w", 10, cancelMidway) > 0; pass++) {
			// the upload fails while the run is cancelled; the run's deletion follows
		}

		JsonNode upload = job("UPLOAD_ATTENDANCE");
		assertThat(upload.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(upload.get("last_error").asString())
			.isEqualTo("The run is deleted on TPGateway (last error: TPGateway could not be reached)");
		assertThat(job("DELETE_RUN").get("status").asString()).isEqualTo("SUCCEEDED");

		api.post("/api/v1/assessments/" + assessment + "/void")
			.bearer(tenant.addUser("ASSESSOR").token())
			.json(Map.of("reason", "Wrong learner"))
			.send()
			.expect(200);
		JsonNode voiding = job("VOID_ASSESSMENT");
		assertThat(voiding.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(voiding.get("last_error").asString()).isEqualTo("The run is deleted on TPGateway");
		drain();
		assertThat(simulator.assessments(provider.uen())).singleElement()
			.extracting(SimulatedAssessment::status)
			.isEqualTo("Active");
	}

	@Test
	void aCancelledChangeLetsTheNextOneRunAndACancelledCreationTakesItsFollowersWithIt() {
		String run = run(14);
		drain();
		api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("capacity", 30)).send().expect(200);
		simulator.rejectNext(provider.uen(), "course.run.intakeSize", "is above the venue's capacity");
		drain();
		JsonNode refused = job("UPDATE_RUN");
		assertThat(refused.get("status").asString()).isEqualTo("DEAD");
		api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("capacity", 25)).send().expect(200);
		drain();
		assertThat(jobs("UPDATE_RUN")).extracting(j -> j.get("status").asString()).containsOnly("DEAD", "PENDING");

		cancel(refused);
		drain();

		assertThat(jobs("UPDATE_RUN")).extracting(j -> j.get("status").asString())
			.containsExactlyInAnyOrder("CANCELLED", "SUCCEEDED");
		String runId = job("PUBLISH_RUN").get("reference").asString();
		assertThat(simulator.run(provider.uen(), runId).orElseThrow().intakeSize()).isEqualTo(25);

		String enrolment = enrol(learner(Nrics.next()), run);
		simulator.rejectNext(provider.uen(), "enrolment.trainee.id", "is not a valid NRIC");
		drain();
		JsonNode creation = job("CREATE_ENROLMENT", enrolment);
		assertThat(creation.get("status").asString()).isEqualTo("DEAD");
		fees(enrolment, "PARTIAL");
		cancel(creation);
		fees(enrolment, "FULL");

		String because = "It waits for CREATE_ENROLMENT " + creation.get("id").asString() + ", which was cancelled";
		assertThat(jobs("UPDATE_FEE_COLLECTION")).hasSize(2).allSatisfy(j -> {
			assertThat(j.get("status").asString()).isEqualTo("CANCELLED");
			assertThat(j.get("last_error").asString()).isEqualTo(because);
		});
		assertThat(job("CREATE_ENROLMENT", enrolment).get("last_error").asString())
			.startsWith("Cancelled by an operator (last error: ");
	}

	// GH-10: a publication an operator cancelled is written afresh when the run changes,
	// and the run's
	// enrolments wait for the new one
	@Test
	void aRunWhosePublicationWasCancelledIsPublishedAgainWhenItChanges() {
		String run = run(14);
		cancel(job("PUBLISH_RUN"));
		assertThat(job("PUBLISH_RUN").get("status").asString()).isEqualTo("CANCELLED");

		api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("capacity", 25)).send().expect(200);
		String enrolment = enrol(learner(Nrics.next()), run);
		List<JsonNode> publications = jobs("PUBLISH_RUN");
		assertThat(publications).extracting(j -> j.get("status").asString())
			.containsExactlyInAnyOrder("CANCELLED", "PENDING");
		JsonNode fresh = publications.stream()
			.filter(j -> j.get("status").asString().equals("PENDING"))
			.findFirst()
			.orElseThrow();
		assertThat(jobs("UPDATE_RUN")).as("nothing waits for the cancelled publication").isEmpty();
		assertThat(job("CREATE_ENROLMENT", enrolment).get("waits_for").asString())
			.isEqualTo(fresh.get("id").asString());

		drain();
		assertThat(job("CREATE_ENROLMENT", enrolment).get("status").asString()).isEqualTo("SUCCEEDED");
		JsonNode published = jobs("PUBLISH_RUN").stream()
			.filter(j -> j.get("id").asString().equals(fresh.get("id").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(published.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(simulator.runs(provider.uen())).extracting(SimulatedRun::runId)
			.containsExactly(published.get("reference").asString());
	}

	@Test
	void feesContactDetailsAndWithdrawalOfASyncedEnrolmentFollowItsCreation() {
		String run = run(14);
		String learner = learner(Nrics.next());
		String enrolment = enrol(learner, run);
		api.patch("/api/v1/enrollments/" + enrolment + "/fees")
			.bearer(ops)
			.json(Map.of("fee_collection_status", "PARTIAL"))
			.send()
			.expect(200);
		drain();
		String reference = job("CREATE_ENROLMENT").get("reference").asString();
		assertThat(job("UPDATE_FEE_COLLECTION").get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(simulator.enrolmentDetails(provider.uen(), reference)).get()
			.satisfies(d -> assertThat(d.collectionStatus()).isEqualTo("Partial Payment"));

		api.patch("/api/v1/enrollments/" + enrolment + "/fees")
			.bearer(ops)
			.json(Map.of("fee_amount", 500, "discount_amount", 50))
			.send()
			.expect(200);
		api.patch("/api/v1/learners/" + learner).bearer(ops).json(Map.of("phone", "+65 8111 2222")).send().expect(200);
		drain();

		assertThat(jobs("UPDATE_ENROLMENT")).hasSize(2)
			.allSatisfy(j -> assertThat(j.get("status").asString()).isEqualTo("SUCCEEDED"))
			.allSatisfy(j -> assertThat(j.get("payload").asString()).doesNotMatch(".*[ST]\\d{7}[A-Z].*"));
		assertThat(simulator.enrolmentDetails(provider.uen(), reference)).get().satisfies(d -> {
			assertThat(d.discountAmount()).isEqualByComparingTo("50");
			assertThat(d.phoneNumber()).isEqualTo("81112222");
			assertThat(d.collectionStatus()).isEqualTo("Partial Payment");
		});

		api.post("/api/v1/enrollments/" + enrolment + "/withdraw")
			.bearer(ops)
			.json(Map.of("reason", "Changed job"))
			.send()
			.expect(200);
		simulator.applyThenDropNext(provider.uen());
		drain();
		clock.advance(Duration.ofHours(1));
		drain();

		assertThat(job("CANCEL_ENROLMENT").get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(simulator.enrolments(provider.uen())).singleElement()
			.extracting(SimulatedEnrolment::status)
			.isEqualTo("Cancelled");
	}

	@Test
	void aCorrectedAttendanceMarkIsVoidedAndConfirmedAgainInOrder() {
		String run = run(0);
		String session = session(run, 0);
		String nric = Nrics.next();
		String enrolment = enrol(learner(nric), run);
		mark(session, enrolment, "PRESENT");
		drain();
		String runId = job("PUBLISH_RUN").get("reference").asString();
		String gatewaySession = simulator.sessionIds(provider.uen(), runId).get(0);
		assertThat(simulator.attendance(provider.uen(), gatewaySession, nric)).get()
			.satisfies(a -> assertThat(a.statusCode()).isEqualTo("1"));

		mark(session, enrolment, "ABSENT");
		drain();
		assertThat(simulator.attendance(provider.uen(), gatewaySession, nric)).get()
			.satisfies(a -> assertThat(a.statusCode()).isEqualTo("4"));

		mark(session, enrolment, "LATE");
		mark(session, enrolment, "PRESENT");
		drain();

		List<JsonNode> uploads = jobs("UPLOAD_ATTENDANCE");
		assertThat(uploads).hasSize(3)
			.allSatisfy(j -> assertThat(j.get("status").asString()).isEqualTo("SUCCEEDED"))
			.extracting(j -> j.get("idempotency_key").asString())
			.doesNotHaveDuplicates();
		assertThat(simulator.attendance(provider.uen(), gatewaySession, nric)).get()
			.satisfies(a -> assertThat(a.statusCode()).isEqualTo("1"));
	}

	@Test
	void anAssessmentIsCreatedOnceThenUpdatedAndVoided() {
		String run = run(0);
		String nric = Nrics.next();
		String enrolment = enrol(learner(nric), run);
		drain();
		String assessor = tenant.addUser("ASSESSOR").token();
		String module = api.get("/api/v1/courses/" + course)
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("modules")
			.get(0)
			.get("id")
			.asString();
		String assessment = api.post("/api/v1/assessments")
			.bearer(assessor)
			.json(Map.of("enrollment_id", enrolment, "module_id", module, "result", "COMPETENT", "score", 78.6, "grade",
					"B", "assessed_on", today().toString()))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		simulator.delayNext(provider.uen(), Duration.ZERO); // the search answers normally
		simulator.applyThenDropNext(provider.uen()); // the create is applied, its answer
														// lost
		worker.drainOnce("w", 10);
		assertThat(job("CREATE_ASSESSMENT").get("status").asString()).isEqualTo("RETRYING");
		clock.advance(Duration.ofHours(1));
		drain();

		JsonNode create = job("CREATE_ASSESSMENT");
		assertThat(create.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(simulator.assessments(provider.uen())).singleElement().satisfies(a -> {
			assertThat(a.referenceNumber()).isEqualTo(create.get("reference").asString());
			assertThat(a.traineeId()).isEqualTo(nric);
			assertThat(a.skillCode()).isEqualTo("WSH-M1");
			assertThat(a.result()).isEqualTo("Pass");
			assertThat(a.score()).isEqualTo(79);
		});
		assertThat(api.get("/api/v1/assessments/" + assessment)
			.bearer(assessor)
			.send()
			.expect(200)
			.json()
			.at("/assessment/ssg_reference")
			.asString()).as("the assessment carries TPGateway's reference") // GH-10
			.isEqualTo(create.get("reference").asString());

		api.patch("/api/v1/assessments/" + assessment).bearer(assessor).json(Map.of("grade", "")).send().expect(200);
		drain();
		assertThat(simulator.assessments(provider.uen())).singleElement()
			.as("a grade cleared here is cleared there") // GH-10
			.satisfies(a -> {
				assertThat(a.grade()).isNull();
				assertThat(a.result()).isEqualTo("Pass");
			});

		api.patch("/api/v1/assessments/" + assessment)
			.bearer(assessor)
			.json(Map.of("result", "NOT_YET_COMPETENT", "grade", "E"))
			.send()
			.expect(200);
		api.post("/api/v1/assessments/" + assessment + "/void")
			.bearer(assessor)
			.json(Map.of("reason", "Wrong learner"))
			.send()
			.expect(200);
		assertThat(job("VOID_ASSESSMENT").get("waits_for").asString()).isEqualTo(jobs("UPDATE_ASSESSMENT").stream()
			.filter(j -> j.get("status").asString().equals("PENDING"))
			.map(j -> j.get("id").asString())
			.reduce((a, b) -> a + " and " + b)
			.orElseThrow());
		worker.drainOnce("w", 10);
		assertThat(simulator.assessments(provider.uen())).singleElement().satisfies(a -> {
			assertThat(a.result()).isEqualTo("Fail");
			assertThat(a.grade()).isEqualTo("E");
			assertThat(a.status()).isEqualTo("Active");
		});
		drain();

		assertThat(job("VOID_ASSESSMENT").get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(simulator.assessments(provider.uen())).singleElement()
			.extracting(SimulatedAssessment::status)
			.isEqualTo("Void");
	}

	private static LocalDate today() {
		return LocalDate.now(SINGAPORE);
	}

	private static String basic(LocalDate date) {
		return date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
	}

	/**
	 * A published two-day run starting in {@code days} days, open for registration today.
	 */
	private String run(int days) {
		LocalDate start = today().plusDays(days);
		Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date", start.toString(),
				"end_date", start.plusDays(1).toString(), "registration_opens", today().minusDays(20).toString(),
				"registration_closes", start.toString(), "capacity", 20, "mode_of_training", "1", "status", "PUBLISHED",
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

	private String session(String run, int days) {
		return api.post("/api/v1/runs/" + run + "/sessions")
			.bearer(ops)
			.json(Map.of("date", today().plusDays(days).toString(), "start_time", "09:00", "end_time", "12:30"))
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

	private void mark(String session, String enrolment, String status) {
		api.post("/api/v1/attendance/mark-bulk")
			.bearer(ops)
			.json(Map.of("session_id", session, "records",
					List.of(Map.of("enrollment_id", enrolment, "status", status))))
			.send()
			.expect(200);
	}

	private void fees(String enrolment, String collectionStatus) {
		api.patch("/api/v1/enrollments/" + enrolment + "/fees")
			.bearer(ops)
			.json(Map.of("fee_collection_status", collectionStatus))
			.send()
			.expect(200);
	}

	private String assess(String enrolment) {
		String assessor = tenant.addUser("ASSESSOR").token();
		String module = api.get("/api/v1/courses/" + course)
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("modules")
			.get(0)
			.get("id")
			.asString();
		return api.post("/api/v1/assessments")
			.bearer(assessor)
			.json(Map.of("enrollment_id", enrolment, "module_id", module, "result", "COMPETENT", "grade", "B",
					"assessed_on", today().toString()))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private void cancel(JsonNode job) {
		assertThat(api.post("/api/v1/jobs/cancel")
			.bearer(ops)
			.json(Map.of("ids", List.of(job.get("id").asString())))
			.send()
			.expect(200)
			.json()
			.get("ids")).hasSize(1);
	}

	private void drain() {
		for (int pass = 0; pass < 20 && worker.drainOnce("w", 10) > 0; pass++) {
			// a job that waits for another becomes due in the next pass
		}
	}

	/** The tenant's jobs of one operation, or all of them. */
	private List<JsonNode> jobs(@Nullable String operation) {
		List<JsonNode> jobs = new ArrayList<>();
		api.get("/api/v1/jobs?size=100").bearer(ops).send().expect(200).json().get("items").forEach(job -> {
			if (operation == null || job.get("operation").asString().equals(operation)) {
				jobs.add(job);
			}
		});
		return jobs;
	}

	/** The one job of this operation for this record. */
	private JsonNode job(String operation, String entity) {
		List<JsonNode> found = jobs(operation).stream()
			.filter(j -> j.get("entity_id").asString().equals(entity))
			.toList();
		assertThat(found).as("jobs of " + operation + " for " + entity).hasSize(1);
		return found.get(0);
	}

	private JsonNode job(String operation) {
		List<JsonNode> found = jobs(operation);
		assertThat(found).as("jobs of " + operation).hasSize(1);
		return found.get(0);
	}

}
