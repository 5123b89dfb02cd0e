package io.cohort;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Endpoints.Endpoint;
import io.cohort.testing.Endpoints;
import io.cohort.testing.Images;
import io.cohort.testing.Nrics;
import io.cohort.testing.SyncJobs;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.ADMIN;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.ANONYMOUS;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.ASSESSOR;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.LEARNER;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.OPS;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.PLATFORM_ADMIN;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.TRAINER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API endpoint called by every kind of caller: those allowed get a success, other
 * authenticated callers 403 and anonymous callers 401, each as a problem. The table must
 * list every endpoint the application serves under {@code /api/v1}. Beyond the roles: a
 * learner reaches only their own enrolments and certificates, and a trainer marks only
 * the sessions they lead.
 */
class AuthorisationMatrixIntegrationTests extends ApiIntegrationTest {

	enum Caller {

		PLATFORM_ADMIN, ADMIN, OPS, TRAINER, ASSESSOR, LEARNER, API_KEY, ANONYMOUS

	}

	private static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);

	private static final Set<Caller> AUTHENTICATED = EnumSet.complementOf(EnumSet.of(ANONYMOUS));

	/** Every user, whatever their role, and no API key. */
	private static final Set<Caller> USERS = EnumSet.of(PLATFORM_ADMIN, ADMIN, OPS, TRAINER, ASSESSOR, LEARNER);

	/** Who manages courses, runs, trainers, learners and enrolments. */
	private static final Set<Caller> MANAGERS = EnumSet.of(ADMIN, OPS);

	/** Who reads courses, runs, rosters and attendance. */
	private static final Set<Caller> STAFF = EnumSet.of(ADMIN, OPS, TRAINER, ASSESSOR);

	/** Who marks attendance: OPS, and the trainer who leads the session. */
	private static final Set<Caller> MARKERS = EnumSet.of(OPS, TRAINER);

	/** Who reads assessment results. */
	private static final Set<Caller> RESULT_READERS = EnumSet.of(ADMIN, OPS, TRAINER, ASSESSOR);

	/**
	 * A request an allowed caller makes successfully, built against the test's tenant.
	 */
	private record Case(Set<Caller> allowed, int success, Function<Fixture, Call> call) {
	}

	private record Call(String path, Object body) {

		static Call of(String path) {
			return new Call(path, null);
		}

	}

	/** A CSV file uploaded as the {@code file} part of a multipart request. */
	private record Upload(String fileName, String csv) {
	}

	/** A PNG image uploaded as the {@code file} part of a multipart request. */
	private record ImageUpload(byte[] png) {
	}

	/**
	 * The test's tenant with one of each thing: the TRAINER leads the session (happening
	 * now) of the run, the LEARNER is the learner enrolled in it, marked present once;
	 * {@code openRun} is a run the LEARNER has not enrolled in, {@code spareRun} one for
	 * enrolments made to be withdrawn. The ASSESSOR assessed the LEARNER's enrolment
	 * ({@code assessment}); {@code voidable} is an enrolment for assessments made to be
	 * voided. {@code certified} is another enrolment of the LEARNER, holding a
	 * certificate, {@code revocable} another learner's; {@code importJob} is a learners
	 * import.
	 */
	private record Fixture(Api api, TestTenant tenant, Map<Caller, String> tokens, String apiKey,
			TestTenant.TestUser target, TestTenant.TestKey revocableKey, Training training, Training.Course course,
			UUID trainer, UUID run, UUID session, UUID learner, UUID enrolment, UUID attendance, UUID openRun,
			UUID spareRun, UUID assessment, UUID voidable, Training.Certified certified, Training.Certified revocable,
			UUID importJob, UUID syncJob) {

		String token(Caller caller) {
			return tokens.get(caller);
		}

	}

	private static final Map<Endpoint, Case> TABLE = new LinkedHashMap<>();

	static {
		allow("POST /api/v1/auth/login", EVERYONE, 200, f -> new Call("/api/v1/auth/login",
				Map.of("tenant", f.tenant().slug(), "email", f.target().email(), "password", Api.PASSWORD)));
		allow("POST /api/v1/auth/refresh", EVERYONE, 200,
				f -> new Call("/api/v1/auth/refresh", Map.of("refresh_token", freshRefreshToken(f))));
		allow("POST /api/v1/auth/logout", EVERYONE, 204,
				f -> new Call("/api/v1/auth/logout", Map.of("refresh_token", freshRefreshToken(f))));
		// forgot password: anyone may ask (the same 202 for every email); a reset with a
		// token that was never mailed gets past authorisation to its 400
		allow("POST /api/v1/auth/password/forgot", EVERYONE, 202, f -> new Call("/api/v1/auth/password/forgot", Map
			.of("tenant", f.tenant().slug(), "email", Api.unique("nobody") + "@" + f.tenant().slug() + ".test")));
		allow("POST /api/v1/auth/password/reset", EVERYONE, 400, f -> new Call("/api/v1/auth/password/reset",
				Map.of("token", "never-mailed-token", "password", "a-fresh-reset-password-2026")));
		allow("GET /api/v1/me", AUTHENTICATED, 200, f -> Call.of("/api/v1/me"));
		// a second factor is every user's own (PLATFORM_ADMIN's too), never an API key's;
		// the enrolment is started
		// before the wrong first code is confirmed (422 past authorisation) and removed
		// after
		allow("POST /api/v1/me/totp", USERS, 200, f -> Call.of("/api/v1/me/totp"));
		allow("POST /api/v1/me/totp/confirm", USERS, 422,
				f -> new Call("/api/v1/me/totp/confirm", Map.of("code", "not-a-code")));
		allow("DELETE /api/v1/me/totp", USERS, 204, f -> Call.of("/api/v1/me/totp"));
		allow("DELETE /api/v1/users/{id}/totp", EnumSet.of(ADMIN), 204,
				f -> Call.of("/api/v1/users/" + f.target().id() + "/totp"));
		allow("GET /api/v1/settings/security", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/settings/security"));
		allow("PUT /api/v1/settings/security", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/security", Map.of("require_totp_for_admins", false)));
		allow("GET /api/v1/platform/tenants", EnumSet.of(PLATFORM_ADMIN), 200,
				f -> Call.of("/api/v1/platform/tenants"));
		allow("POST /api/v1/platform/tenants", EnumSet.of(PLATFORM_ADMIN), 201, f -> {
			String slug = Api.unique("m");
			return new Call("/api/v1/platform/tenants", Map.of("slug", slug, "name", "Matrix", "uen", "201912345K",
					"admin_email", "admin@" + slug + ".test", "admin_password", Api.PASSWORD));
		});
		allow("GET /api/v1/users", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/users"));
		allow("POST /api/v1/users", EnumSet.of(ADMIN), 201,
				f -> new Call("/api/v1/users", Map.of("email", Api.unique("new") + "@matrix.test", "display_name",
						"New", "password", Api.PASSWORD, "roles", List.of("LEARNER"))));
		allow("GET /api/v1/users/{id}", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/users/" + f.target().id()));
		allow("PATCH /api/v1/users/{id}", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/users/" + f.target().id(), Map.of("display_name", Api.unique("renamed"))));
		allow("GET /api/v1/api-keys", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/api-keys"));
		allow("POST /api/v1/api-keys", EnumSet.of(ADMIN), 201,
				f -> new Call("/api/v1/api-keys", Map.of("name", Api.unique("matrix"))));
		allow("DELETE /api/v1/api-keys/{id}", EnumSet.of(ADMIN), 204,
				f -> Call.of("/api/v1/api-keys/" + f.revocableKey().id()));
		allow("GET /api/v1/audit", EnumSet.of(ADMIN, OPS), 200, f -> Call.of("/api/v1/audit"));
		allow("GET /api/v1/audit/verify", EnumSet.of(ADMIN, OPS), 200, f -> Call.of("/api/v1/audit/verify"));

		allow("POST /api/v1/courses", MANAGERS, 201,
				f -> new Call("/api/v1/courses", Map.of("code", Api.unique("C"), "title", "Matrix course")));
		allow("GET /api/v1/courses", STAFF, 200, f -> Call.of("/api/v1/courses"));
		allow("GET /api/v1/courses/{id}", STAFF, 200, f -> Call.of("/api/v1/courses/" + f.course().id()));
		allow("PATCH /api/v1/courses/{id}", MANAGERS, 200,
				f -> new Call("/api/v1/courses/" + f.course().id(), Map.of("title", Api.unique("Renamed"))));
		allow("GET /api/v1/courses/{id}/modules", STAFF, 200,
				f -> Call.of("/api/v1/courses/" + f.course().id() + "/modules"));
		allow("POST /api/v1/courses/{id}/modules", MANAGERS, 201,
				f -> new Call("/api/v1/courses/" + f.course().id() + "/modules",
						Map.of("code", Api.unique("M"), "title", "Matrix module", "hours", 1)));
		allow("PATCH /api/v1/courses/{id}/modules/{moduleId}", MANAGERS, 200,
				f -> new Call("/api/v1/courses/" + f.course().id() + "/modules/" + f.course().moduleId(),
						Map.of("title", Api.unique("Renamed"))));
		allow("DELETE /api/v1/courses/{id}/modules/{moduleId}", MANAGERS, 200, f -> Call
			.of("/api/v1/courses/" + f.course().id() + "/modules/" + f.training().module(f.course().id())));

		allow("POST /api/v1/courses/{courseId}/runs", MANAGERS, 201,
				f -> new Call("/api/v1/courses/" + f.course().id() + "/runs", Training.runRequest()));
		allow("GET /api/v1/runs", STAFF, 200, f -> Call.of("/api/v1/runs"));
		allow("GET /api/v1/runs/{id}", STAFF, 200, f -> Call.of("/api/v1/runs/" + f.run()));
		allow("PATCH /api/v1/runs/{id}", MANAGERS, 200,
				f -> new Call("/api/v1/runs/" + f.run(), Map.of("venue", Api.unique("Room"))));
		allow("POST /api/v1/runs/{id}/cancel", MANAGERS, 200,
				f -> new Call("/api/v1/runs/" + f.training().run(f.course().id()) + "/cancel",
						Map.of("reason", "Matrix")));
		allow("POST /api/v1/runs/{id}/sessions", MANAGERS, 201,
				f -> new Call("/api/v1/runs/" + f.run() + "/sessions",
						Map.of("date", LocalDate.now(Training.ZONE).plusDays(1).toString(), "start_time", "09:00",
								"end_time", "12:00")));
		allow("GET /api/v1/runs/{id}/sessions", STAFF, 200, f -> Call.of("/api/v1/runs/" + f.run() + "/sessions"));
		allow("PATCH /api/v1/sessions/{id}", MANAGERS, 200,
				f -> new Call("/api/v1/sessions/" + f.session(), Map.of("venue", Api.unique("Room"))));
		allow("GET /api/v1/sections/available", EnumSet.of(ADMIN, OPS, TRAINER, ASSESSOR, LEARNER), 200,
				f -> Call.of("/api/v1/sections/available"));

		allow("POST /api/v1/trainers", MANAGERS, 201, f -> new Call("/api/v1/trainers",
				Map.of("full_name", "Matrix trainer", "email", Api.unique("trainer") + "@matrix.test")));
		allow("GET /api/v1/trainers", EnumSet.of(ADMIN, OPS, ASSESSOR), 200, f -> Call.of("/api/v1/trainers"));
		allow("GET /api/v1/trainers/{id}", EnumSet.of(ADMIN, OPS, ASSESSOR), 200,
				f -> Call.of("/api/v1/trainers/" + f.trainer()));
		allow("GET /api/v1/trainers/{id}/sessions", MANAGERS, 200,
				f -> Call.of("/api/v1/trainers/" + f.trainer() + "/sessions"));
		allow("GET /api/v1/trainers/me/sessions", EnumSet.of(TRAINER), 200,
				f -> Call.of("/api/v1/trainers/me/sessions"));

		allow("POST /api/v1/learners", MANAGERS, 201,
				f -> new Call("/api/v1/learners", Map.of("full_name", "Matrix learner", "email",
						Api.unique("learner") + "@matrix.test", "id_type", "SP", "national_id", Nrics.next())));
		allow("GET /api/v1/learners", MANAGERS, 200, f -> Call.of("/api/v1/learners"));
		allow("GET /api/v1/learners/me", EnumSet.of(LEARNER), 200, f -> Call.of("/api/v1/learners/me"));
		allow("GET /api/v1/learners/{id}", MANAGERS, 200, f -> Call.of("/api/v1/learners/" + f.learner()));
		allow("PATCH /api/v1/learners/{id}", MANAGERS, 200,
				f -> new Call("/api/v1/learners/" + f.learner(), Map.of("full_name", Api.unique("Renamed"))));
		allow("POST /api/v1/learners/{id}/national-id/reveal", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/learners/" + f.learner() + "/national-id/reveal"));

		allow("POST /api/v1/enrollments", MANAGERS, 201, f -> new Call("/api/v1/enrollments",
				Map.of("learner_id", f.training().learner(null).id().toString(), "class_run_id", f.run().toString())));
		allow("POST /api/v1/enroll", EnumSet.of(LEARNER), 201,
				f -> new Call("/api/v1/enroll", Map.of("class_run_id", f.openRun().toString())));
		allow("GET /api/v1/enrollments", STAFF, 200, f -> Call.of("/api/v1/enrollments"));
		allow("GET /api/v1/enrollments/me", EnumSet.of(LEARNER), 200, f -> Call.of("/api/v1/enrollments/me"));
		allow("GET /api/v1/enrollments/{id}", EnumSet.of(ADMIN, OPS, TRAINER, ASSESSOR, LEARNER), 200,
				f -> Call.of("/api/v1/enrollments/" + f.enrolment()));
		allow("POST /api/v1/enrollments/{id}/withdraw", EnumSet.of(ADMIN, OPS, LEARNER), 200,
				f -> new Call("/api/v1/enrollments/" + liveEnrolment(f, f.spareRun()) + "/withdraw",
						Map.of("reason", "Matrix")));
		allow("PATCH /api/v1/enrollments/{id}/fees", MANAGERS, 200,
				f -> new Call("/api/v1/enrollments/" + f.enrolment() + "/fees", Map.of("fee_amount", 100)));

		allow("POST /api/v1/attendance", MARKERS, 200, f -> new Call("/api/v1/attendance", Map.of("session_id",
				f.session().toString(), "enrollment_id", f.enrolment().toString(), "status", "PRESENT")));
		allow("POST /api/v1/attendance/mark-bulk", MARKERS, 200,
				f -> new Call("/api/v1/attendance/mark-bulk", Map.of("session_id", f.session().toString(), "records",
						List.of(Map.of("enrollment_id", f.enrolment().toString(), "status", "PRESENT")))));
		allow("POST /api/v1/attendance/check-in", EnumSet.of(LEARNER), 200, f -> new Call("/api/v1/attendance/check-in",
				Map.of("code", f.training().checkInCode(f.token(OPS), f.session()))));
		allow("GET /api/v1/attendance/me", EnumSet.of(LEARNER), 200, f -> Call.of("/api/v1/attendance/me"));
		allow("GET /api/v1/attendance/{id}/history", EnumSet.of(ADMIN, OPS, TRAINER), 200,
				f -> Call.of("/api/v1/attendance/" + f.attendance() + "/history"));
		allow("GET /api/v1/sessions/{id}/attendance", STAFF, 200,
				f -> Call.of("/api/v1/sessions/" + f.session() + "/attendance"));
		allow("GET /api/v1/runs/{id}/attendance", STAFF, 200, f -> Call.of("/api/v1/runs/" + f.run() + "/attendance"));
		allow("GET /api/v1/sessions/{id}/check-in-code", MARKERS, 200,
				f -> Call.of("/api/v1/sessions/" + f.session() + "/check-in-code"));
		allow("GET /api/v1/sessions/{id}/check-in-qr", MARKERS, 200,
				f -> Call.of("/api/v1/sessions/" + f.session() + "/check-in-qr"));

		allow("POST /api/v1/assessments", EnumSet.of(ASSESSOR), 201, f -> new Call("/api/v1/assessments",
				assessment(f.training().enrol(f.training().learner(null).id(), f.run()), f.course().moduleId())));
		allow("PATCH /api/v1/assessments/{id}", EnumSet.of(ASSESSOR), 200,
				f -> new Call("/api/v1/assessments/" + f.assessment(), Map.of("remarks", Api.unique("Matrix"))));
		allow("POST /api/v1/assessments/{id}/void", EnumSet.of(ASSESSOR), 200,
				f -> new Call("/api/v1/assessments/" + liveAssessment(f) + "/void", Map.of("reason", "Matrix")));
		allow("GET /api/v1/assessments", RESULT_READERS, 200,
				f -> Call.of("/api/v1/assessments?class_run_id=" + f.run()));
		allow("GET /api/v1/assessments/{id}", RESULT_READERS, 200,
				f -> Call.of("/api/v1/assessments/" + f.assessment()));

		allow("GET /api/v1/certification/policy", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/certification/policy"));
		allow("PUT /api/v1/certification/policy", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/certification/policy", Map.of("attendance_threshold_percent", 75)));
		allow("GET /api/v1/enrollments/{id}/certificate", EnumSet.of(ADMIN, OPS, LEARNER), 200,
				f -> Call.of("/api/v1/enrollments/" + f.certified().enrolment() + "/certificate"));
		allow("GET /api/v1/certificates", MANAGERS, 200,
				f -> Call.of("/api/v1/certificates?class_run_id=" + f.certified().run()));
		allow("GET /api/v1/certificates/me", EnumSet.of(LEARNER), 200, f -> Call.of("/api/v1/certificates/me"));
		allow("POST /api/v1/certificates/{id}/revoke", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/certificates/" + f.revocable().certificate() + "/revoke",
						Map.of("reason", "Matrix")));
		allow("GET /api/v1/learners/{id}/certificates", MANAGERS, 200,
				f -> Call.of("/api/v1/learners/" + f.learner() + "/certificates"));
		// each allowed caller reissues the enrolment's latest certificate
		allow("POST /api/v1/certificates/{id}/reissue", MANAGERS, 201,
				f -> new Call("/api/v1/certificates/" + latestCertificate(f) + "/reissue", Map.of("reason", "Matrix")));
		allow("GET /api/v1/certification/template", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/certification/template"));
		allow("PUT /api/v1/certification/template", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/certification/template",
						Map.of("title", "Certificate of Achievement", "statement", "has achieved")));
		allow("GET /api/v1/certification/template/images/{image}", EnumSet.of(ADMIN), 200, f -> {
			withLogo(f);
			return Call.of("/api/v1/certification/template/images/logo");
		});
		allow("PUT /api/v1/certification/template/images/{image}", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/certification/template/images/signature", new ImageUpload(Images.png(120, 40))));
		allow("DELETE /api/v1/certification/template/images/{image}", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/certification/template/images/signature"));
		allow("GET /api/v1/certification/template/preview", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/certification/template/preview"));

		allow("POST /api/v1/learners/import", MANAGERS, 202,
				f -> new Call("/api/v1/learners/import", new Upload("learners.csv", learnersCsv())));
		allow("POST /api/v1/runs/{id}/enrollments/import", MANAGERS, 202,
				f -> new Call("/api/v1/runs/" + f.run() + "/enrollments/import",
						new Upload("enrolments.csv", "learner_email\n" + Api.unique("nobody") + "@matrix.test\n")));
		allow("GET /api/v1/imports", MANAGERS, 200, f -> Call.of("/api/v1/imports"));
		allow("GET /api/v1/imports/{id}", MANAGERS, 200, f -> Call.of("/api/v1/imports/" + f.importJob()));
		allow("GET /api/v1/imports/{id}/rows", MANAGERS, 200,
				f -> Call.of("/api/v1/imports/" + f.importJob() + "/rows"));
		allow("GET /api/v1/runs/{id}/enrollments.csv", STAFF, 200,
				f -> Call.of("/api/v1/runs/" + f.run() + "/enrollments.csv"));
		allow("GET /api/v1/runs/{id}/attendance.csv", STAFF, 200,
				f -> Call.of("/api/v1/runs/" + f.run() + "/attendance.csv"));
		// past authorisation: the course has no SSG reference
		allow("GET /api/v1/gateway/courses/{id}/registry", EnumSet.of(ADMIN, OPS), 422,
				f -> Call.of("/api/v1/gateway/courses/" + f.training().inHouseCourse().id() + "/registry"));
		allow("POST /api/v1/gateway/courses/{id}/registry", EnumSet.of(ADMIN, OPS), 422,
				f -> Call.of("/api/v1/gateway/courses/" + f.training().inHouseCourse().id() + "/registry"));
		allow("GET /api/v1/settings/gateway", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/settings/gateway"));
		allow("PUT /api/v1/settings/gateway", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/gateway",
						Map.of("enabled", false, "base_url", "http://localhost:9/simulators/tpgateway", "uen",
								"201912345K", "encryption_key", SyncJobs.KEY, "auth_mode", "NONE")));
		allow("GET /api/v1/settings/moodle", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/settings/moodle"));
		allow("PUT /api/v1/settings/moodle", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/moodle", Map.of("enabled", false, "base_url",
						"http://localhost:9/moodle", "token", "matrix-token", "student_role_id", 5)));
		allow("POST /api/v1/settings/moodle/test", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/settings/moodle/test"));
		allow("GET /api/v1/lms/enrolments/{id}", MANAGERS, 200,
				f -> Call.of("/api/v1/lms/enrolments/" + f.enrolment()));
		allow("GET /api/v1/settings/retry-policy", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/settings/retry-policy"));
		allow("PUT /api/v1/settings/retry-policy", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/retry-policy",
						Map.of("base_delay_seconds", 2, "max_delay_seconds", 1800, "retry_budget_seconds", 86_400,
								"breaker_failure_threshold", 5, "breaker_cool_down_seconds", 60)));
		allow("POST /api/v1/gateway/reconciliations", MANAGERS, 201, f -> {
			gatewayOn(f);
			return Call.of("/api/v1/gateway/reconciliations");
		});
		allow("GET /api/v1/gateway/reconciliations", MANAGERS, 200, f -> Call.of("/api/v1/gateway/reconciliations"));
		allow("GET /api/v1/gateway/reconciliations/{id}", MANAGERS, 200, f -> {
			gatewayOn(f);
			return Call.of("/api/v1/gateway/reconciliations/" + f.api()
				.post("/api/v1/gateway/reconciliations")
				.bearer(f.tenant().adminToken())
				.send()
				.expect(201)
				.json()
				.get("id")
				.asString());
		});
		allow("GET /api/v1/settings/compliance", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/settings/compliance"));
		allow("PUT /api/v1/settings/compliance", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/compliance",
						Map.of("run_published_days_before_start", 0, "enrolments_days_after_start", 0,
								"records_days_after_end", 14, "in_house_records_days_after_end", 28, "due_soon_days",
								3)));
		allow("GET /api/v1/jobs", MANAGERS, 200, f -> Call.of("/api/v1/jobs"));
		allow("GET /api/v1/gateway/sync-states", STAFF, 200,
				f -> Call.of("/api/v1/gateway/sync-states?entity_type=enrolment&ids=" + f.enrolment()));
		allow("GET /api/v1/compliance/summary", MANAGERS, 200, f -> Call.of("/api/v1/compliance/summary"));
		allow("GET /api/v1/crm/deliveries", MANAGERS, 200, f -> Call.of("/api/v1/crm/deliveries"));
		allow("GET /api/v1/crm/deliveries/{id}", MANAGERS, 200,
				f -> Call.of("/api/v1/crm/deliveries/" + crmDelivery(f)));
		allow("GET /api/v1/jobs/{id}", MANAGERS, 200, f -> Call.of("/api/v1/jobs/" + f.syncJob()));
		allow("POST /api/v1/jobs/retry", MANAGERS, 200,
				f -> new Call("/api/v1/jobs/retry", Map.of("ids", List.of(f.syncJob().toString()))));
		allow("POST /api/v1/jobs/cancel", MANAGERS, 200,
				f -> new Call("/api/v1/jobs/cancel", Map.of("ids", List.of(f.syncJob().toString()))));
		allow("GET /api/v1/events/incomplete", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/events/incomplete"));
		allow("POST /api/v1/events/incomplete/resubmit", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/events/incomplete/resubmit"));
		allow("GET /api/v1/notifications/me", EnumSet.of(LEARNER, OPS, TRAINER), 200,
				f -> Call.of("/api/v1/notifications/me"));
		// no one's message: 404 past authorisation; each reads their own in
		// NotificationIntegrationTests and NotificationPagesTests
		allow("POST /api/v1/notifications/{id}/read", EnumSet.of(LEARNER, OPS, TRAINER), 404,
				f -> Call.of("/api/v1/notifications/" + UUID.randomUUID() + "/read"));
		allow("GET /api/v1/notifications/deliveries", MANAGERS, 200, f -> Call.of("/api/v1/notifications/deliveries"));
		allow("GET /api/v1/notifications/push-key", EnumSet.of(LEARNER), 200,
				f -> Call.of("/api/v1/notifications/push-key"));
		allow("POST /api/v1/notifications/push-subscriptions", EnumSet.of(LEARNER), 201,
				f -> new Call("/api/v1/notifications/push-subscriptions", matrixBrowser().subscription()));
		allow("DELETE /api/v1/notifications/push-subscriptions/{id}", EnumSet.of(LEARNER), 204,
				f -> Call.of("/api/v1/notifications/push-subscriptions/" + pushSubscription(f)));
		allow("GET /api/v1/learners/me/notification-preferences", EnumSet.of(LEARNER), 200,
				f -> Call.of("/api/v1/learners/me/notification-preferences"));
		allow("PUT /api/v1/learners/me/notification-preferences", EnumSet.of(LEARNER), 200,
				f -> new Call("/api/v1/learners/me/notification-preferences",
						Map.of("channels", Map.of("ABSENCE_RECORDED", List.of("EMAIL", "IN_APP")))));
		allow("GET /api/v1/learners/{id}/notification-preferences", MANAGERS, 200,
				f -> Call.of("/api/v1/learners/" + f.learner() + "/notification-preferences"));
		allow("PUT /api/v1/learners/{id}/notification-preferences", MANAGERS, 200,
				f -> new Call("/api/v1/learners/" + f.learner() + "/notification-preferences",
						Map.of("channels", Map.of("ENROLMENT_WITHDRAWN", List.of("IN_APP")))));
		allow("GET /api/v1/settings/analytics", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/settings/analytics"));
		allow("PUT /api/v1/settings/analytics", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/analytics",
						Map.of("mooc_base_url", "http://localhost:9/mooc", "mooc_token", "matrix-token", "h5p_base_url",
								"http://localhost:9/h5p", "h5p_token", "matrix-token")));
		allow("GET /api/v1/analytics/runs/{id}/course", STAFF, 200,
				f -> Call.of("/api/v1/analytics/runs/" + f.run() + "/course"));
		allow("PUT /api/v1/analytics/runs/{id}/course", MANAGERS, 200,
				f -> new Call("/api/v1/analytics/runs/" + f.run() + "/course",
						Map.of("mooc_course_id", Api.unique("course-v1:Matrix"))));
		// a fresh run follows no MOOC course: 422 past authorisation
		allow("POST /api/v1/analytics/runs/{id}/ingest", MANAGERS, 422,
				f -> Call.of("/api/v1/analytics/runs/" + f.training().run(f.course().id()) + "/ingest"));
		allow("GET /api/v1/analytics/runs/{id}/ingestion", MANAGERS, 200,
				f -> Call.of("/api/v1/analytics/runs/" + f.run() + "/ingestion"));
		allow("GET /api/v1/analytics/runs/{id}/learners", STAFF, 200,
				f -> Call.of("/api/v1/analytics/runs/" + f.run() + "/learners"));
		// nothing ingested yet: 404 past authorisation
		allow("GET /api/v1/analytics/runs/{id}/learners/{userId}/trajectory", STAFF, 404,
				f -> Call.of("/api/v1/analytics/runs/" + f.run() + "/learners/1001/trajectory"));
		allow("GET /api/v1/analytics/runs/{id}/unmatched", MANAGERS, 200,
				f -> Call.of("/api/v1/analytics/runs/" + f.run() + "/unmatched"));
		allow("POST /api/v1/analytics/runs/{id}/links", MANAGERS, 422,
				f -> new Call("/api/v1/analytics/runs/" + f.training().run(f.course().id()) + "/links",
						Map.of("mooc_user_id", 1001, "learner_id", f.learner().toString())));
		allow("GET /api/v1/analytics/model", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/analytics/model"));
		allow("POST /api/v1/analytics/model/train", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/analytics/model/train"));
		// an integration key only; without the xAPI version header, 400 past
		// authorisation
		allow("POST /api/v1/xapi/statements", EnumSet.of(Caller.API_KEY), 400,
				f -> new Call("/api/v1/xapi/statements", Map.of("actor", Map.of("mbox", "mailto:a@matrix.test"))));
		allow("GET /api/v1/settings/notifications", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/settings/notifications"));
		allow("PUT /api/v1/settings/notifications", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/notifications", Map.of("sender_address", "training@matrix.test")));
		allow("GET /api/v1/settings/notifications/templates/{kind}", EnumSet.of(ADMIN), 200,
				f -> Call.of("/api/v1/settings/notifications/templates/ABSENCE_RECORDED"));
		allow("PUT /api/v1/settings/notifications/templates/{kind}", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/notifications/templates/ABSENCE_RECORDED",
						Map.of("subject", "Absent: {course}", "text", "Dear {name}, you were absent.")));
		allow("POST /api/v1/settings/notifications/templates/{kind}/preview", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/settings/notifications/templates/ABSENCE_RECORDED/preview",
						Map.of("subject", "Absent: {course}", "text", "Dear {name}, you were absent.")));
	}

	/**
	 * The latest certificate of the {@code certified} enrolment: the one issued, or the
	 * one an earlier reissue put in its place.
	 */
	private static String latestCertificate(Fixture f) {
		return f.api()
			.get("/api/v1/learners/" + f.learner() + "/certificates")
			.bearer(f.tenant().adminToken())
			.send()
			.expect(200)
			.json()
			.values()
			.stream()
			.filter(c -> c.get("enrollment_id").asString().equals(f.certified().enrolment().toString()))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
	}

	/** Gives the tenant's certificate template a logo, as its admin. */
	private static void withLogo(Fixture f) {
		f.api()
			.request("PUT", "/api/v1/certification/template/images/logo")
			.bearer(f.tenant().adminToken())
			.multipart("file", "logo.png", "image/png", Images.png(200, 80))
			.send()
			.expect(200);
	}

	/** A CRM delivery sent with the tenant's integration key; returns its id. */
	private static String crmDelivery(Fixture f) {
		f.api()
			.post("/v1/sync/programs")
			.apiKey(f.apiKey())
			.header("X-Tenant-ID", f.tenant().slug())
			.json(Map.of("data", List.of(Map.of("id", Api.unique("P"), "Product_Name", "Matrix"))))
			.send()
			.expect(200);
		return f.api()
			.get("/api/v1/crm/deliveries?size=1")
			.bearer(f.tenant().adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0)
			.get("id")
			.asString();
	}

	/**
	 * Switches the gateway on for the tenant (towards nothing: the tenant has no
	 * published run to compare).
	 */
	private static void gatewayOn(Fixture f) {
		f.api()
			.request("PUT", "/api/v1/settings/gateway")
			.bearer(f.tenant().adminToken())
			.json(Map.of("enabled", true, "base_url", "http://localhost:9/simulators/tpgateway", "uen", "201912345K",
					"encryption_key", SyncJobs.KEY, "auth_mode", "NONE"))
			.send()
			.expect(200);
	}

	private static void allow(String endpoint, Set<Caller> allowed, int success, Function<Fixture, Call> call) {
		TABLE.put(Endpoint.of(endpoint), new Case(allowed, success, call));
	}

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theTableListsEveryApiEndpoint() {
		Endpoints.assertCovers(TABLE.keySet(), mappings, "the authorisation matrix");
	}

	@TestFactory
	Stream<DynamicTest> everyEndpointRefusesEveryCallerItDoesNotAllow() {
		Fixture fixture = fixture();
		return TABLE.entrySet()
			.stream()
			.flatMap(entry -> EVERYONE.stream()
				.map(caller -> DynamicTest.dynamicTest(entry.getKey() + " as " + caller,
						() -> check(fixture, entry.getKey(), entry.getValue(), caller))));
	}

	@Test
	void aLearnerReachesOnlyTheirOwnEnrolmentsAndATrainerMarksOnlyTheSessionsTheyLead() {
		TestTenant tenant = api.newTenant();
		Training training = new Training(tenant);
		Training.Course course = training.course();
		UUID run = training.run(course.id());
		TestTenant.TestUser leader = tenant.addUser("TRAINER");
		UUID session = training.sessionNow(run, training.trainer(leader.id()));
		TestTenant.TestUser learner = tenant.addUser("LEARNER");
		training.enrol(training.learner(learner.id()).id(), run);
		UUID another = training.enrol(training.learner(null).id(), run);

		api.get("/api/v1/enrollments/" + another).bearer(learner.token()).send().expectProblem(404, "not-found");
		api.post("/api/v1/enrollments/" + another + "/withdraw")
			.bearer(learner.token())
			.send()
			.expectProblem(404, "not-found");
		assertThat(api.get("/api/v1/enrollments/" + another)
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("status")
			.asString()).isEqualTo("CONFIRMED");

		TestTenant.TestUser otherTrainer = tenant.addUser("TRAINER");
		training.trainer(otherTrainer.id());
		TestTenant.TestUser unlinkedTrainer = tenant.addUser("TRAINER");
		Map<String, Object> mark = Map.of("session_id", session.toString(), "enrollment_id", another.toString(),
				"status", "ABSENT");
		for (TestTenant.TestUser trainer : List.of(otherTrainer, unlinkedTrainer)) {
			api.post("/api/v1/attendance").bearer(trainer.token()).json(mark).send().expectProblem(403, "forbidden");
			api.post("/api/v1/attendance/mark-bulk")
				.bearer(trainer.token())
				.json(Map.of("session_id", session.toString(), "records",
						List.of(Map.of("enrollment_id", another.toString(), "status", "ABSENT"))))
				.send()
				.expectProblem(403, "forbidden");
			for (String code : List.of("check-in-code", "check-in-qr")) {
				api.get("/api/v1/sessions/" + session + "/" + code)
					.bearer(trainer.token())
					.send()
					.expectProblem(403, "forbidden");
			}
		}
		assertThat(api.get("/api/v1/sessions/" + session + "/attendance")
			.bearer(leader.token())
			.send()
			.expect(200)
			.json()
			.values()).isEmpty();
		api.post("/api/v1/attendance").bearer(leader.token()).json(mark).send().expect(200);
	}

	@Test
	void aLearnerGetsOnlyTheirOwnCertificates() {
		TestTenant tenant = api.newTenant();
		Training training = new Training(tenant);
		String ops = tenant.addUser("OPS").token();
		String assessor = tenant.addUser("ASSESSOR").token();
		TestTenant.TestUser learner = tenant.addUser("LEARNER");
		Training.Certified own = training.certified(training.learner(learner.id()).id(), ops, assessor);
		Training.Certified another = training.certified(training.learner(null).id(), ops, assessor);

		api.get("/api/v1/enrollments/" + another.enrolment() + "/certificate")
			.bearer(learner.token())
			.send()
			.expectProblem(404, "not-found");
		assertThat(api.get("/api/v1/certificates/me").bearer(learner.token()).send().expect(200).json().values())
			.extracting(c -> c.get("id").asString())
			.containsExactly(own.certificate().toString());
		assertThat(api.get("/api/v1/enrollments/" + own.enrolment() + "/certificate")
			.bearer(learner.token())
			.send()
			.expect(200)
			.contentType()).startsWith("application/pdf");
		assertThat(api.get("/api/v1/certificates/me")
			.bearer(tenant.addUser("LEARNER").token())
			.send()
			.expect(200)
			.json()
			.values()).as("a learner user without a learner profile has no certificates").isEmpty();
	}

	private void check(Fixture fixture, Endpoint endpoint, Case expectation, Caller caller) {
		Call call = expectation.call().apply(fixture);
		Api.Request request = api.request(endpoint.method(), call.path());
		if (call.body() instanceof Upload upload) {
			request.multipart("file", upload.fileName(), "text/csv", upload.csv().getBytes(StandardCharsets.UTF_8));
		}
		else if (call.body() instanceof ImageUpload image) {
			request.multipart("file", "image.png", "image/png", image.png());
		}
		else if (call.body() != null) {
			request.json(call.body());
		}
		if (caller == Caller.API_KEY) {
			request.apiKey(fixture.apiKey());
		}
		else if (caller != ANONYMOUS) {
			request.bearer(fixture.tokens().get(caller));
		}
		Api.Response response = request.send();
		if (expectation.allowed().contains(caller)) {
			response.expect(expectation.success());
		}
		else if (caller == ANONYMOUS) {
			response.expectProblem(401, "unauthenticated");
		}
		else {
			response.expectProblem(403, "forbidden");
		}
	}

	private Fixture fixture() {
		TestTenant tenant = api.newTenant();
		Map<Caller, String> tokens = new EnumMap<>(Caller.class);
		tokens.put(PLATFORM_ADMIN, api.platformAdminToken());
		tokens.put(ADMIN, tenant.adminToken());
		Map<Caller, TestTenant.TestUser> users = new EnumMap<>(Caller.class);
		for (Caller role : List.of(OPS, TRAINER, ASSESSOR, LEARNER)) {
			users.put(role, tenant.addUser(role.name()));
			tokens.put(role, users.get(role).token());
		}
		TestTenant.TestUser target = tenant.addUser("LEARNER");
		Training training = new Training(tenant);
		Training.Course course = training.course();
		UUID trainer = training.trainer(users.get(TRAINER).id());
		UUID run = training.run(course.id());
		UUID session = training.sessionNow(run, trainer);
		UUID learner = training.learner(users.get(LEARNER).id()).id();
		UUID enrolment = training.enrol(learner, run);
		UUID attendance = training.mark(tokens.get(OPS), session, enrolment, "PRESENT");
		UUID assessment = training.assess(tokens.get(ASSESSOR), enrolment, course.moduleId(), "COMPETENT");
		UUID voidable = training.enrol(training.learner(null).id(), run);
		Training.Certified certified = training.certified(learner, tokens.get(OPS), tokens.get(ASSESSOR));
		Training.Certified revocable = training.certified(training.learner(null).id(), tokens.get(OPS),
				tokens.get(ASSESSOR));
		UUID importJob = UUID.fromString(api.post("/api/v1/learners/import")
			.bearer(tenant.adminToken())
			.multipart("file", "learners.csv", "text/csv", learnersCsv().getBytes(StandardCharsets.UTF_8))
			.send()
			.expect(202)
			.json()
			.get("id")
			.asString());
		Fixture fixture = new Fixture(api, tenant, tokens, tenant.addApiKey().key(), target, tenant.addApiKey(),
				training, course, trainer, run, session, learner, enrolment, attendance, training.run(course.id()),
				training.run(course.id()), assessment, voidable, certified, revocable, importJob,
				SyncJobs.insertDead(jdbc, tenant.id()));
		assertThat(fixture.tokens()).containsOnlyKeys(EnumSet.complementOf(EnumSet.of(Caller.API_KEY, ANONYMOUS)));
		return fixture;
	}

	/**
	 * The LEARNER's live enrolment in the run: the one a refused call left, or a new one.
	 */
	private static UUID liveEnrolment(Fixture f, UUID run) {
		JsonNode live = f.api()
			.get("/api/v1/enrollments?status=CONFIRMED&class_run_id=" + run + "&learner_id=" + f.learner())
			.bearer(f.tenant().adminToken())
			.send()
			.expect(200)
			.json()
			.get("items");
		return live.isEmpty() ? f.training().enrol(f.learner(), run)
				: UUID.fromString(live.get(0).get("id").asString());
	}

	/**
	 * The body recording a COMPETENT result, assessed today, for the enrolment's module.
	 */
	private static Map<String, Object> assessment(UUID enrolment, UUID module) {
		return Map.of("enrollment_id", enrolment.toString(), "module_id", module.toString(), "result", "COMPETENT",
				"assessed_on", LocalDate.now(Training.ZONE).toString());
	}

	/**
	 * The active assessment of the {@code voidable} enrolment: the one a refused call
	 * left, or a new one.
	 */
	private static UUID liveAssessment(Fixture f) {
		JsonNode live = f.api()
			.get("/api/v1/assessments?enrollment_id=" + f.voidable())
			.bearer(f.tenant().adminToken())
			.send()
			.expect(200)
			.json();
		return live.isEmpty() ? f.training().assess(f.token(ASSESSOR), f.voidable(), f.course().moduleId(), "COMPETENT")
				: UUID.fromString(live.get(0).get("id").asString());
	}

	/** A learners file of one valid row, a new learner. */
	private static String learnersCsv() {
		return "full_name,email,id_type,national_id,consent\nImported learner," + Api.unique("imported")
				+ "@matrix.test,SP," + Nrics.next() + ",yes\n";
	}

	/** A browser whose push service is nowhere (the matrix sends it nothing). */
	private static io.cohort.testing.PushBrowser matrixBrowser() {
		return new io.cohort.testing.PushBrowser("http://127.0.0.1:18599/push/" + UUID.randomUUID());
	}

	/** A browser the LEARNER subscribed; returns its subscription's id. */
	private static String pushSubscription(Fixture f) {
		return f.api()
			.post("/api/v1/notifications/push-subscriptions")
			.bearer(f.token(LEARNER))
			.json(matrixBrowser().subscription())
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private static String freshRefreshToken(Fixture f) {
		return f.api()
			.login(f.tenant().slug(), f.target().email(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();
	}

}
