package io.cohort.lms;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cohort.jobs.ManualWorker;
import io.cohort.lms.simulator.MoodleSimulator;
import io.cohort.lms.simulator.SimulatedEnrolment;
import io.cohort.lms.simulator.SimulatedRequest;
import io.cohort.lms.simulator.SimulatedSite;
import io.cohort.lms.simulator.SimulatedUser;
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
 * From a confirmed enrolment to the user and enrolment at the (simulated) Moodle: the job
 * is written with the enrolment, the worker finds or creates the user and enrols it, and
 * outages, create races, lost answers and Moodle's errors end in exactly one user and
 * enrolment, or a DEAD job with Moodle's message.
 */
class MoodleProvisioningIntegrationTests extends ApiIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	MoodleSimulator simulator;

	MovableClock clock;

	ManualWorker worker;

	TestTenant tenant;

	String ops;

	SimulatedSite site;

	String runReference;

	long courseId;

	@BeforeEach
	void tenantWithASite() {
		clock = new MovableClock(Instant.now().plus(Duration.ofDays(2)));
		tenant = api.newTenant();
		worker = ManualWorker.on(context, clock, tenant.id());
		ops = tenant.addUser("OPS").token();
		site = simulator.createSite(Api.unique("site"));
		runReference = Api.unique("R");
		courseId = simulator.addCourse(site.name(), runReference, runReference, "Workplace Safety");
	}

	@Test
	void thirtyEnrolmentsThroughOutagesAndCreateRacesMakeEachUserAndEnrolmentExactlyOnce() {
		switchOn(Map.of());
		String run = run(runReference);
		List<String> nationalIds = new ArrayList<>();
		Map<String, String> enrolments = new HashMap<>();
		for (int i = 0; i < 30; i++) {
			String nric = Nrics.next();
			nationalIds.add(nric);
			String learner = learner(nric);
			enrolments.put(enrol(learner, run), learner);
		}
		simulator.randomFaults(site.name(), 20261206L, 0.15, 0.20);

		drainAll();

		List<JsonNode> jobs = jobs();
		assertThat(jobs).hasSize(30).allSatisfy(job -> assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED"));
		assertThat(jobs.stream().mapToInt(job -> job.get("attempts").asInt()).sum())
			.as("the outages made some attempts fail")
			.isGreaterThan(30);
		List<SimulatedUser> users = simulator.users(site.name());
		assertThat(users).extracting(SimulatedUser::idnumber)
			.as("one Moodle user per learner, its idnumber the learner's Cohort id")
			.containsExactlyInAnyOrderElementsOf(enrolments.values());
		assertThat(simulator.racesMet(site.name())).as("some creations met a twin").isPositive();
		assertThat(simulator.outagesServed(site.name())).as("some calls met an outage").isPositive();
		List<SimulatedRequest> requests = simulator.requests(site.name());
		List<SimulatedEnrolment> enrolled = simulator.enrolments(site.name());
		assertThat(enrolled).hasSize(30)
			.allSatisfy(e -> assertThat(e.courseId()).isEqualTo(courseId))
			.allSatisfy(e -> assertThat(e.roleId()).isEqualTo(5));
		assertThat(enrolled).extracting(SimulatedEnrolment::userId)
			.containsExactlyInAnyOrderElementsOf(users.stream().map(SimulatedUser::id).toList());
		assertThat(requests).flatExtracting(r -> List.copyOf(r.parameters().values()))
			.as("no national id is ever sent to Moodle")
			.noneMatch(value -> nationalIds.stream().anyMatch(value::contains));
		assertThat(requests).flatExtracting(r -> List.copyOf(r.parameters().keySet()))
			.noneMatch(key -> key.contains("national") || key.equals("wstoken"));
		Map<Long, String> idnumbers = users.stream()
			.collect(Collectors.toMap(SimulatedUser::id, SimulatedUser::idnumber));
		enrolments.forEach((enrolment, learner) -> {
			JsonNode view = lms(enrolment);
			assertThat(view.get("moodle_status").asString()).isEqualTo("ENROLLED");
			assertThat(view.get("moodle_course_id").asLong()).isEqualTo(courseId);
			assertThat(idnumbers.get(view.get("moodle_user_id").asLong())).isEqualTo(learner);
		});
	}

	@Test
	void aUserTheSiteAlreadyHasByEmailIsAdoptedAndARaceEndsWithTheTwinAdopted() {
		switchOn(Map.of());
		String run = run(runReference);
		String email = Api.unique("known") + "@example.com";
		String known = learner(Nrics.next(), email);
		String raced = learner(Nrics.next());
		// a user Moodle has from before, under an idnumber of its own: found by email
		long legacy = simulator.addUser(site.name(), "legacy-user", email, "crm-legacy-1", "Legacy", "User");

		enrol(known, run);
		drainAll();
		simulator.raceNextCreate(site.name());
		enrol(raced, run);
		drainAll();

		assertThat(jobs()).allSatisfy(job -> assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED"));
		assertThat(simulator.users(site.name())).hasSize(2);
		assertThat(simulator.users(site.name())).extracting(SimulatedUser::idnumber)
			.containsExactlyInAnyOrder("crm-legacy-1", raced);
		assertThat(simulator.racesMet(site.name())).isEqualTo(1);
		assertThat(simulator.enrolments(site.name())).extracting(SimulatedEnrolment::userId)
			.hasSize(2)
			.contains(legacy);
	}

	@Test
	void aKeptUserTheSiteNoLongerHasIsLookedUpAgain() {
		switchOn(Map.of());
		String learner = learner(Nrics.next());
		String first = enrol(learner, run(runReference));
		drainAll();
		simulator.deleteUser(site.name(), lms(first).get("moodle_user_id").asLong());
		String other = Api.unique("R");
		long otherCourse = simulator.addCourse(site.name(), other, other, "Second course");

		String second = enrol(learner, run(other));
		drainAll();

		assertThat(jobOf(second).get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(jobOf(second).get("attempts").asInt()).isEqualTo(2);
		assertThat(simulator.users(site.name())).singleElement()
			.satisfies(u -> assertThat(u.idnumber()).isEqualTo(learner));
		assertThat(simulator.enrolments(site.name())).singleElement()
			.satisfies(e -> assertThat(e.courseId()).isEqualTo(otherCourse));
	}

	@Test
	void aCourseMoodleDoesNotHaveIsDeadAtOnceWithTheIdnumbersLookedFor() {
		switchOn(Map.of());
		String reference = Api.unique("NOPE");
		enrol(learner(Nrics.next()), run(reference));

		drainAll();

		JsonNode job = jobs().get(0);
		assertThat(job.get("status").asString()).isEqualTo("DEAD");
		assertThat(job.get("attempts").asInt()).isEqualTo(1);
		assertThat(job.get("last_error").asString()).contains("No Moodle course has the idnumber " + reference);
	}

	@Test
	void anInvalidTokenAndAnAccessControlErrorAreDeadWithMoodlesMessageAndNoToken() {
		switchOn(Map.of());
		String run = run(runReference);
		simulator.failNextWith(site.name(), "webservice_access_exception", "accessexception",
				"Access control exception");
		String refused = enrol(learner(Nrics.next()), run);
		drainAll();
		simulator.revokeToken(site.name());
		String revoked = enrol(learner(Nrics.next()), run);
		drainAll();

		JsonNode accessJob = jobOf(refused);
		assertThat(accessJob.get("status").asString()).isEqualTo("DEAD");
		assertThat(accessJob.get("attempts").asInt()).isEqualTo(1);
		assertThat(accessJob.get("last_error").asString()).contains("accessexception")
			.contains("Access control exception");
		JsonNode tokenJob = jobOf(revoked);
		assertThat(tokenJob.get("status").asString()).isEqualTo("DEAD");
		assertThat(tokenJob.get("last_error").asString()).contains("invalidtoken").doesNotContain(site.token());
		assertThat(lms(revoked).get("moodle_status").asString()).isEqualTo("FAILED");
		assertThat(simulator.enrolments(site.name())).isEmpty();
	}

	@Test
	void anOutageADatabaseErrorAndATimeoutAreRetriedUntilTheEnrolmentIsMade() {
		switchOn(Map.of("timeout_ms", 300));
		String run = run(runReference);
		String enrolment = enrol(learner(Nrics.next()), run);
		simulator.unavailableNext(site.name(), 1);
		worker.drainOnce("w", 10);
		simulator.failNextWith(site.name(), "dml_read_exception", "dmlreadexception", "Error reading from database");
		clock.advance(Duration.ofHours(1));
		worker.drainOnce("w", 10);
		simulator.stallNext(site.name(), Duration.ofMillis(1500));
		clock.advance(Duration.ofHours(1));
		worker.drainOnce("w", 10);
		assertThat(jobOf(enrolment).get("status").asString()).isEqualTo("RETRYING");
		assertThat(jobOf(enrolment).get("last_error").asString()).contains("did not answer");
		assertThat(lms(enrolment).get("moodle_status").asString()).isEqualTo("RETRYING");

		drainAll();

		assertThat(jobOf(enrolment).get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(jobOf(enrolment).get("attempts").asInt()).isEqualTo(4);
		assertThat(simulator.users(site.name())).hasSize(1);
		assertThat(simulator.enrolments(site.name())).hasSize(1);
	}

	@Test
	void aWithdrawalAndARunCancellationUnenrol() {
		switchOn(Map.of());
		String run = run(runReference);
		String withdrawn = enrol(learner(Nrics.next()), run);
		String cancelled = enrol(learner(Nrics.next()), run);
		drainAll();
		assertThat(simulator.enrolments(site.name())).hasSize(2);

		api.post("/api/v1/enrollments/" + withdrawn + "/withdraw")
			.bearer(ops)
			.json(Map.of("reason", "Moved"))
			.send()
			.expect(200);
		drainAll();
		assertThat(simulator.enrolments(site.name())).singleElement()
			.satisfies(e -> assertThat(e.userId()).isEqualTo(lms(cancelled).get("moodle_user_id").asLong()));
		assertThat(lms(withdrawn).get("moodle_status").asString()).isEqualTo("UNENROLLED");

		api.post("/api/v1/runs/" + run + "/cancel")
			.bearer(ops)
			.json(Map.of("reason", "Trainer ill"))
			.send()
			.expect(200);
		drainAll();
		assertThat(simulator.enrolments(site.name())).isEmpty();
		assertThat(lms(cancelled).get("moodle_status").asString()).isEqualTo("UNENROLLED");
		assertThat(simulator.requests(site.name())).filteredOn(r -> r.function().equals("enrol_manual_unenrol_users"))
			.hasSize(2);
	}

	@Test
	void aWithdrawalBeforeTheProvisioningWasTriedCancelsItAndMoodleHearsNothing() {
		switchOn(Map.of());
		String enrolment = enrol(learner(Nrics.next()), run(runReference));
		assertThat(jobOf(enrolment).get("status").asString()).isEqualTo("PENDING");

		api.post("/api/v1/enrollments/" + enrolment + "/withdraw")
			.bearer(ops)
			.json(Map.of("reason", "Changed her mind"))
			.send()
			.expect(200);
		drainAll();

		assertThat(jobs()).filteredOn(job -> job.get("entity_id").asString().equals(enrolment))
			.singleElement()
			.satisfies(job -> {
				assertThat(job.get("operation").asString()).isEqualTo("ENROL");
				assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
			});
		assertThat(lms(enrolment).get("moodle_status").asString()).isEqualTo("CANCELLED");
		assertThat(simulator.requests(site.name())).isEmpty();
	}

	@Test
	void withMoodleOffAnEnrolmentWritesNoJobAndIsPendingMoodle() {
		String enrolment = enrol(learner(Nrics.next()), run(runReference));

		assertThat(jobs()).isEmpty();
		assertThat(lms(enrolment).get("moodle_status").asString()).isEqualTo("PENDING_MOODLE");
	}

	@Test
	void theSettingsKeepTheTokenSealedAndNeverReturnIt() {
		JsonNode saved = switchOn(Map.of());

		assertThat(saved.get("token_set").asBoolean()).isTrue();
		assertThat(saved.has("token")).isFalse();
		assertThat(saved.toString()).doesNotContain(site.token());
		JsonNode read = api.get("/api/v1/settings/moodle").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(read.toString()).doesNotContain(site.token());
		assertThat(read.get("student_role_id").asLong()).isEqualTo(5);
		assertThat(jdbc.sql("SELECT encode(token_sealed, 'escape') FROM moodle_settings WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(String.class)
			.single()).doesNotContain(site.token());
		assertThat(api.get("/api/v1/audit?action=moodle.settings.updated")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.body()).contains("base_url").doesNotContain(site.token());
		// a change without a token keeps the one stored
		api.request("PUT", "/api/v1/settings/moodle")
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", true, "base_url", baseUrl(), "student_role_id", 5))
			.send()
			.expect(200);
		assertThat(test().get("ok").asBoolean()).isTrue();
	}

	@Test
	void theConnectionTestAnswersTheSiteNameAndReleaseOrTheProblem() {
		switchOn(Map.of());

		JsonNode ok = test();
		assertThat(ok.get("ok").asBoolean()).isTrue();
		assertThat(ok.get("site_name").asString()).contains(site.name());
		assertThat(ok.get("release").asString()).startsWith("4.5");
		simulator.revokeToken(site.name());
		JsonNode refused = test();
		assertThat(refused.get("ok").asBoolean()).isFalse();
		assertThat(refused.get("problem").asString()).contains("invalidtoken").doesNotContain(site.token());
	}

	@Test
	void refusesABaseUrlWithCredentialsOrAQueryAndSettingsForAnyoneButTheAdmin() {
		for (String url : List.of("http://user:pw@localhost:9/moodle", "http://localhost:9/moodle?x=1")) {
			JsonNode problem = api.request("PUT", "/api/v1/settings/moodle")
				.bearer(tenant.adminToken())
				.json(Map.of("enabled", true, "base_url", url, "token", "t", "student_role_id", 5))
				.send()
				.expect(400)
				.json();
			assertThat(problem.toString()).contains("base_url");
		}
		api.request("PUT", "/api/v1/settings/moodle")
			.bearer(ops)
			.json(Map.of("enabled", true, "base_url", baseUrl(), "token", site.token(), "student_role_id", 5))
			.send()
			.expect(403);
		api.get("/api/v1/settings/moodle").bearer(ops).send().expect(403);
		api.post("/api/v1/settings/moodle/test").bearer(ops).send().expect(403);
		assertThat(api.get("/api/v1/settings/moodle")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("configured")
			.asBoolean()).isFalse();
	}

	@Test
	void aCrmEnrolmentIsQueuedThenProvisionedIntoTheClassesMoodleCourseUnderTheStudentsZohoId() {
		switchOn(Map.of());
		String key = tenant.addApiKey().key();
		String moodleClass = Api.unique("MC");
		long course = simulator.addCourse(site.name(), moodleClass, moodleClass, "From the CRM");
		String student = Api.unique("STU");
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(10);
		sync(key, "programs", Map.of("id", "P1", "Product_Name", "Python", "status", "Active"));
		sync(key, "classes",
				Map.of("id", "C1", "BTEC_Class_Name", "Python 101", "status", "Active", "Start_Date", start.toString(),
						"End_Date", start.plusDays(5).toString(), "BTEC_Program", Map.of("id", "P1"), "Moodle_Class_ID",
						moodleClass));
		sync(key, "students",
				Map.of("id", student, "Name", "Siti Rahmat", "email", Api.unique("siti") + "@example.com"));
		JsonNode result = sync(key, "enrollments", Map.of("id", "E1", "Student", Map.of("id", student), "BTEC_Class",
				Map.of("id", "C1"), "status", "Active"));
		assertThat(result.at("/results/0/moodle_status").asString()).isEqualTo("QUEUED");

		drainAll();

		assertThat(simulator.users(site.name())).singleElement()
			.satisfies(u -> assertThat(u.idnumber()).isEqualTo(student))
			.satisfies(u -> assertThat(u.firstname()).isEqualTo("Siti"))
			.satisfies(u -> assertThat(u.lastname()).isEqualTo("Rahmat"));
		assertThat(simulator.enrolments(site.name())).singleElement()
			.satisfies(e -> assertThat(e.courseId()).isEqualTo(course));
		JsonNode view = lms(jobs().get(0).get("entity_id").asString());
		assertThat(view.get("moodle_status").asString()).isEqualTo("ENROLLED");
		assertThat(view.get("moodle_course_id").asLong()).isEqualTo(course);
	}

	private JsonNode sync(String key, String entity, Map<String, Object> record) {
		return api.post("/v1/sync/" + entity)
			.apiKey(key)
			.header("X-Tenant-ID", tenant.slug())
			.json(Map.of("data", List.of(record)))
			.send()
			.expect(200)
			.json();
	}

	private JsonNode switchOn(Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(
				Map.of("enabled", true, "base_url", baseUrl(), "token", site.token(), "student_role_id", 5));
		body.putAll(extra);
		return api.request("PUT", "/api/v1/settings/moodle")
			.bearer(tenant.adminToken())
			.json(body)
			.send()
			.expect(200)
			.json();
	}

	private String baseUrl() {
		return api.base() + "/simulators/moodle/" + site.name();
	}

	private JsonNode test() {
		return api.post("/api/v1/settings/moodle/test").bearer(tenant.adminToken()).send().expect(200).json();
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

	private String run(String reference) {
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		Map<String, Object> body = new HashMap<>(Map.of("reference", reference, "start_date", start.toString(),
				"end_date", start.plusDays(1).toString(), "registration_opens", start.minusDays(20).toString(),
				"registration_closes", start.minusDays(1).toString(), "capacity", 40, "mode_of_training", "1", "status",
				"PUBLISHED", "venue", "112 Robinson Road"));
		return api.post("/api/v1/courses/" + course() + "/runs")
			.bearer(ops)
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private String learner(String nric) {
		return learner(nric, Api.unique("ahkow") + "@example.com");
	}

	private String learner(String nric, String email) {
		return api.post("/api/v1/learners")
			.bearer(ops)
			.json(Map.of("full_name", "Tan Ah Kow", "email", email, "phone", "+65 9123 4567", "id_type", "SP",
					"national_id", nric, "date_of_birth", "1990-01-31"))
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

	/**
	 * Drains until the tenant's Moodle jobs are all finished, moving time past each
	 * backoff.
	 */
	private void drainAll() {
		for (int round = 0; round < 200; round++) {
			while (worker.drainOnce("w", 10) > 0) {
				// a job that waits for another becomes due in the next pass
			}
			if (jobs().stream()
				.allMatch(job -> List.of("SUCCEEDED", "DEAD", "CANCELLED").contains(job.get("status").asString()))) {
				return;
			}
			clock.advance(Duration.ofHours(2));
		}
		throw new AssertionError("the Moodle jobs did not finish: " + jobs());
	}

	private List<JsonNode> jobs() {
		List<JsonNode> jobs = new ArrayList<>();
		api.get("/api/v1/jobs?target=MOODLE&size=200")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items")
			.forEach(jobs::add);
		return jobs;
	}

	private JsonNode jobOf(String enrolment) {
		return jobs().stream().filter(j -> j.get("entity_id").asString().equals(enrolment)).findFirst().orElseThrow();
	}

	private JsonNode lms(String enrolment) {
		return api.get("/api/v1/lms/enrolments/" + enrolment).bearer(ops).send().expect(200).json();
	}

}
