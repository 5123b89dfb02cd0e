package io.cohort.testing;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A test tenant's training data built through the API as its first admin: courses,
 * trainers, runs open for registration today, sessions happening now, learners,
 * enrolments and attendance marks.
 */
public final class Training {

	/**
	 * The zone test tenants get by default, in which "today" and "now" of sessions are
	 * read.
	 */
	public static final ZoneId ZONE = ZoneId.of("Asia/Singapore");

	private final TestTenant tenant;

	public Training(TestTenant tenant) {
		this.tenant = tenant;
	}

	/** A course with one module. */
	public record Course(UUID id, String code, UUID moduleId) {
	}

	/**
	 * A course with the SSG reference TPGateway needs to publish its runs, should the
	 * tenant switch the gateway on.
	 */
	public Course course() {
		return course(Map.of("ssg_course_ref", "TGS-2020002096"));
	}

	/** A course without an SSG reference: an in-house course. */
	public Course inHouseCourse() {
		return course(Map.of());
	}

	private Course course(Map<String, Object> extra) {
		String code = Api.unique("C");
		Map<String, Object> body = new LinkedHashMap<>(Map.of("code", code, "title", "Course " + code, "modules",
				List.of(Map.of("code", "M1", "title", "Module one", "hours", 3))));
		body.putAll(extra);
		JsonNode course = post("/api/v1/courses", body, 201);
		return new Course(id(course), code, UUID.fromString(course.at("/modules/0/id").asString()));
	}

	public UUID module(UUID courseId) {
		JsonNode course = post("/api/v1/courses/" + courseId + "/modules",
				Map.of("code", Api.unique("M"), "title", "Another module", "hours", 2), 201);
		JsonNode modules = course.get("modules");
		return UUID.fromString(modules.get(modules.size() - 1).get("id").asString());
	}

	/** A trainer, linked to a user holding TRAINER when {@code userId} is given. */
	public UUID trainer(@Nullable UUID userId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("full_name", "Trainer " + Api.unique("t"));
		body.put("email", Api.unique("trainer") + "@training.test");
		if (userId != null) {
			body.put("user_id", userId.toString());
		}
		return id(post("/api/v1/trainers", body, 201));
	}

	/**
	 * A published run that started today, open for registration today, with room for a
	 * thousand learners.
	 */
	public UUID run(UUID courseId) {
		return id(post("/api/v1/courses/" + courseId + "/runs", runRequest(), 201));
	}

	/** The body that schedules such a run, with a reference of its own. */
	public static Map<String, Object> runRequest() {
		LocalDate today = LocalDate.now(ZONE);
		Map<String, Object> run = new LinkedHashMap<>(Map.of("reference", Api.unique("R"), "start_date",
				today.toString(), "end_date", today.plusDays(30).toString(), "registration_opens",
				today.minusDays(1).toString(), "registration_closes", today.plusDays(1).toString(), "capacity", 1000,
				"mode_of_training", "1", "status", "PUBLISHED"));
		// what TPGateway needs, should the tenant switch the gateway on
		run.put("venue_postal_code", "068902");
		run.put("course_admin_email", "admin@training.test");
		return run;
	}

	/**
	 * A session of the run today that spans the current time (within today, near
	 * midnight), so that self check-in is open.
	 */
	public UUID sessionNow(UUID runId, @Nullable UUID trainerId) {
		LocalTime now = LocalTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
		LocalTime start = now.isBefore(LocalTime.of(1, 0)) ? LocalTime.MIDNIGHT : now.minusHours(1);
		LocalTime end = now.isAfter(LocalTime.of(22, 58)) ? LocalTime.of(23, 59, 59) : now.plusHours(1);
		return session(runId, LocalDate.now(ZONE), start, end, trainerId);
	}

	public UUID session(UUID runId, LocalDate date, LocalTime start, LocalTime end, @Nullable UUID trainerId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("date", date.toString());
		body.put("start_time", start.toString());
		body.put("end_time", end.toString());
		if (trainerId != null) {
			body.put("trainer_id", trainerId.toString());
		}
		return id(post("/api/v1/runs/" + runId + "/sessions", body, 201));
	}

	/**
	 * A learner with a fresh NRIC, linked to a user holding LEARNER when {@code userId}
	 * is given.
	 */
	public Learner learner(@Nullable UUID userId) {
		String nric = Nrics.next();
		String name = "Learner " + Api.unique("l");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("full_name", name);
		body.put("email", Api.unique("learner") + "@training.test");
		body.put("id_type", "SP");
		body.put("national_id", nric);
		body.put("consent", true);
		if (userId != null) {
			body.put("user_id", userId.toString());
		}
		return new Learner(id(post("/api/v1/learners", body, 201)), name, nric);
	}

	/** A learner profile, with what identifies it. */
	public record Learner(UUID id, String fullName, String nationalId) {
	}

	/**
	 * Enrols the learner (staff enrolment); the run has room, so the enrolment is
	 * confirmed.
	 */
	public UUID enrol(UUID learnerId, UUID runId) {
		JsonNode enrolment = post("/api/v1/enrollments",
				Map.of("learner_id", learnerId.toString(), "class_run_id", runId.toString()), 201);
		return id(enrolment);
	}

	/**
	 * Marks one learner of a session as a caller who may (OPS or the session's trainer);
	 * the record's id.
	 */
	public UUID mark(String token, UUID sessionId, UUID enrolmentId, String status) {
		return id(tenant.api()
			.post("/api/v1/attendance")
			.bearer(token)
			.json(Map.of("session_id", sessionId.toString(), "enrollment_id", enrolmentId.toString(), "status", status))
			.send()
			.expect(200)
			.json());
	}

	/**
	 * The session's current self check-in code, as a caller who may see it (OPS or the
	 * session's trainer).
	 */
	public String checkInCode(String token, UUID sessionId) {
		return tenant.api()
			.get("/api/v1/sessions/" + sessionId + "/check-in-code")
			.bearer(token)
			.send()
			.expect(200)
			.json()
			.get("code")
			.asString();
	}

	/**
	 * Records a module's result for an enrolment, assessed today, as an ASSESSOR; the
	 * assessment's id.
	 */
	public UUID assess(String assessorToken, UUID enrolmentId, UUID moduleId, String result) {
		return id(tenant.api()
			.post("/api/v1/assessments")
			.bearer(assessorToken)
			.json(Map.of("enrollment_id", enrolmentId.toString(), "module_id", moduleId.toString(), "result", result,
					"assessed_on", LocalDate.now(ZONE).toString()))
			.send()
			.expect(201)
			.json());
	}

	/** An enrolment in a run, and the valid certificate it holds. */
	public record Certified(UUID run, UUID enrolment, UUID certificate) {
	}

	/**
	 * Enrols the learner in a run of a new one-module course, marks them present at its
	 * only session and has the module assessed COMPETENT, so that the enrolment is issued
	 * a certificate.
	 */
	public Certified certified(UUID learnerId, String markerToken, String assessorToken) {
		Course course = course();
		UUID run = run(course.id());
		UUID session = sessionNow(run, null);
		UUID enrolment = enrol(learnerId, run);
		mark(markerToken, session, enrolment, "PRESENT");
		assess(assessorToken, enrolment, course.moduleId(), "COMPETENT");
		return new Certified(run, enrolment, certificateOf(run, enrolment));
	}

	/**
	 * The valid certificate of an enrolment of the run, failing the test if there is
	 * none.
	 */
	public UUID certificateOf(UUID runId, UUID enrolmentId) {
		JsonNode certificates = tenant.api()
			.get("/api/v1/certificates?class_run_id=" + runId)
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();
		return certificates.values()
			.stream()
			.filter(c -> c.get("enrollment_id").asString().equals(enrolmentId.toString())
					&& c.get("status").asString().equals("VALID"))
			.map(Training::id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("enrolment " + enrolmentId + " holds no valid certificate"));
	}

	private JsonNode post(String path, Object body, int status) {
		return tenant.api().post(path).bearer(tenant.adminToken()).json(body).send().expect(status).json();
	}

	private static UUID id(JsonNode node) {
		return UUID.fromString(node.get("id").asString());
	}

}
