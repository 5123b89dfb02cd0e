package io.cohort.system;

import org.springframework.http.HttpStatus;

/**
 * Every problem Cohort answers with: its stable code (the problem's {@code code}, and the
 * end of its {@code type}) and its HTTP status. A code names one kind of failure and
 * always comes with the same status; {@code ProblemCodeTests} keeps the codes distinct
 * (no two differ only by a plural) and named by at least one test.
 */
public enum ProblemCode {

	ALREADY_ENROLLED(HttpStatus.CONFLICT, "already-enrolled"),

	ANALYTICS_COURSE_TAKEN(HttpStatus.CONFLICT, "analytics-course-taken"),

	ANALYTICS_INGESTION_RUNNING(HttpStatus.CONFLICT, "analytics-ingestion-running"),

	ANALYTICS_NOT_CONFIGURED(HttpStatus.UNPROCESSABLE_CONTENT, "analytics-not-configured"),

	ANALYTICS_RUN_NOT_LINKED(HttpStatus.UNPROCESSABLE_CONTENT, "analytics-run-not-linked"),

	API_KEY_REQUIRED(HttpStatus.UNAUTHORIZED, "api-key-required"),

	ASSESSMENT_DATE_IN_FUTURE(HttpStatus.UNPROCESSABLE_CONTENT, "assessment-date-in-future"),

	ASSESSMENT_DATE_OUTSIDE_RUN(HttpStatus.UNPROCESSABLE_CONTENT, "assessment-date-outside-run"),

	ASSESSMENT_EXISTS(HttpStatus.CONFLICT, "assessment-exists"),

	ASSESSMENT_VOIDED(HttpStatus.CONFLICT, "assessment-voided"),

	CAPACITY_BELOW_ENROLMENTS(HttpStatus.CONFLICT, "capacity-below-enrolments"),

	CERTIFICATE_NOT_LATEST(HttpStatus.CONFLICT, "certificate-not-latest"),

	CERTIFICATE_REVOKED(HttpStatus.CONFLICT, "certificate-revoked"),

	CHECK_IN_CLOSED(HttpStatus.UNPROCESSABLE_CONTENT, "check-in-closed"),

	CLASS_RUN_FULL(HttpStatus.CONFLICT, "class-run-full"),

	CLASS_RUN_NOT_OPEN(HttpStatus.CONFLICT, "class-run-not-open"),

	CONCURRENT_MODIFICATION(HttpStatus.CONFLICT, "concurrent-modification"),

	COURSE_ARCHIVED(HttpStatus.UNPROCESSABLE_CONTENT, "course-archived"),

	COURSE_CODE_TAKEN(HttpStatus.CONFLICT, "course-code-taken"),

	COURSE_NOT_ACTIVE(HttpStatus.UNPROCESSABLE_CONTENT, "course-not-active"),

	COURSE_NOT_DRAFT(HttpStatus.CONFLICT, "course-not-draft"),

	COURSE_NOT_IN_REGISTRY(HttpStatus.UNPROCESSABLE_CONTENT, "course-not-in-registry"),

	COURSE_REFERENCE_MISSING(HttpStatus.UNPROCESSABLE_CONTENT, "course-reference-missing"),

	COURSE_WITHOUT_MODULES(HttpStatus.UNPROCESSABLE_CONTENT, "course-without-modules"),

	DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable"),

	DUPLICATE(HttpStatus.CONFLICT, "duplicate"),

	EMAIL_TAKEN(HttpStatus.CONFLICT, "email-taken"),

	ENROLMENT_NOT_ACTIVE(HttpStatus.CONFLICT, "enrolment-not-active"),

	ENROLMENT_NOT_ASSESSABLE(HttpStatus.UNPROCESSABLE_CONTENT, "enrolment-not-assessable"),

	ENROLMENT_NOT_ELIGIBLE(HttpStatus.UNPROCESSABLE_CONTENT, "enrolment-not-eligible"),

	FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden"),

	GATEWAY_NOT_ENABLED(HttpStatus.UNPROCESSABLE_CONTENT, "gateway-not-enabled"),

	GATEWAY_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "gateway-unavailable"),

	IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused"),

	IDEMPOTENCY_REQUEST_IN_PROGRESS(HttpStatus.CONFLICT, "idempotency-request-in-progress"),

	IMPORT_NOT_RUNNING_HERE(HttpStatus.CONFLICT, "import-not-running-here"),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error"),

	INVALID_API_KEY(HttpStatus.UNAUTHORIZED, "invalid-api-key"),

	INVALID_CHECK_IN_CODE(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-check-in-code"),

	INVALID_COURSE_TRANSITION(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-course-transition"),

	INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid-credentials"),

	INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED, "invalid-refresh-token"),

	INVALID_RESET_TOKEN(HttpStatus.BAD_REQUEST, "invalid-reset-token"),

	INVALID_RUN_TRANSITION(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-run-transition"),

	INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid-token"),

	INVALID_TOTP_CODE(HttpStatus.UNAUTHORIZED, "invalid-totp-code"),

	LAST_ADMIN(HttpStatus.UNPROCESSABLE_CONTENT, "last-admin"),

	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed-request"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed"),

	MODULE_CODE_TAKEN(HttpStatus.CONFLICT, "module-code-taken"),

	MODULE_NOT_IN_COURSE(HttpStatus.UNPROCESSABLE_CONTENT, "module-not-in-course"),

	NATIONAL_ID_TAKEN(HttpStatus.CONFLICT, "national-id-taken"),

	NO_CERTIFICATE(HttpStatus.NOT_FOUND, "no-certificate"),

	NO_LEARNER_PROFILE(HttpStatus.NOT_FOUND, "no-learner-profile"),

	NO_NATIONAL_ID(HttpStatus.UNPROCESSABLE_CONTENT, "no-national-id"),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable"),

	NOT_CONFIRMED_ENROLMENT(HttpStatus.UNPROCESSABLE_CONTENT, "not-confirmed-enrolment"),

	NOT_ENROLLED(HttpStatus.UNPROCESSABLE_CONTENT, "not-enrolled"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "not-found"),

	PASSWORD_RESET_OFF(HttpStatus.SERVICE_UNAVAILABLE, "password-reset-off"),

	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large"),

	PUSH_SUBSCRIPTION_LIMIT(HttpStatus.CONFLICT, "push-subscription-limit"),

	REGISTRATION_CLOSED(HttpStatus.UNPROCESSABLE_CONTENT, "registration-closed"),

	REQUEST_REFUSED(HttpStatus.BAD_REQUEST, "request-refused"),

	REVOKED_REISSUE_ADMIN_ONLY(HttpStatus.FORBIDDEN, "revoked-reissue-admin-only"),

	RUN_CLOSED(HttpStatus.CONFLICT, "run-closed"),

	RUN_HAS_ENROLMENTS(HttpStatus.UNPROCESSABLE_CONTENT, "run-has-enrolments"),

	RUN_INCOMPLETE_FOR_GATEWAY(HttpStatus.UNPROCESSABLE_CONTENT, "run-incomplete-for-gateway"),

	RUN_REFERENCE_TAKEN(HttpStatus.CONFLICT, "run-reference-taken"),

	RUN_STARTS_IN_PAST(HttpStatus.UNPROCESSABLE_CONTENT, "run-starts-in-past"),

	SELF_LOCKOUT(HttpStatus.UNPROCESSABLE_CONTENT, "self-lockout"),

	SESSION_CANCELLED(HttpStatus.CONFLICT, "session-cancelled"),

	SESSION_CLOSED(HttpStatus.CONFLICT, "session-closed"),

	SESSION_OUTSIDE_RUN(HttpStatus.UNPROCESSABLE_CONTENT, "session-outside-run"),

	SLUG_TAKEN(HttpStatus.CONFLICT, "slug-taken"),

	TENANT_MISMATCH(HttpStatus.FORBIDDEN, "tenant-mismatch"),

	TOO_MANY_CHECK_IN_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-check-in-attempts"),

	TOO_MANY_LOGIN_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts"),

	TOO_MANY_RECORDS(HttpStatus.CONTENT_TOO_LARGE, "too-many-records"),

	TOO_MANY_RESET_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-reset-requests"),

	TOO_MANY_VERIFICATIONS(HttpStatus.TOO_MANY_REQUESTS, "too-many-verifications"),

	TOTP_ALREADY_ENABLED(HttpStatus.CONFLICT, "totp-already-enabled"),

	TOTP_CODE_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "totp-code-mismatch"),

	TOTP_ENROLMENT_REQUIRED(HttpStatus.UNPROCESSABLE_CONTENT, "totp-enrolment-required"),

	TOTP_NOT_STARTED(HttpStatus.CONFLICT, "totp-not-started"),

	TOTP_REQUIRED(HttpStatus.UNAUTHORIZED, "totp-required"),

	TOTP_RESET_OWN(HttpStatus.UNPROCESSABLE_CONTENT, "totp-reset-own"),

	TRAINER_DOUBLE_BOOKED(HttpStatus.CONFLICT, "trainer-double-booked"),

	TRAINER_EXISTS(HttpStatus.CONFLICT, "trainer-exists"),

	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated"),

	UNKNOWN_CERTIFICATE(HttpStatus.NOT_FOUND, "unknown-certificate"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),

	USER_ALREADY_LINKED(HttpStatus.CONFLICT, "user-already-linked"),

	USER_TOKEN_NOT_ACCEPTED(HttpStatus.FORBIDDEN, "user-token-not-accepted"),

	USERS_ONLY(HttpStatus.FORBIDDEN, "users-only"),

	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation-failed"),

	XAPI_STATEMENT_CONFLICT(HttpStatus.CONFLICT, "xapi-statement-conflict"),

	XAPI_VERSION(HttpStatus.BAD_REQUEST, "xapi-version");

	private final HttpStatus status;

	private final String code;

	ProblemCode(HttpStatus status, String code) {
		this.status = status;
		this.code = code;
	}

	public HttpStatus status() {
		return status;
	}

	/** The code as problems carry it, e.g. {@code class-run-full}. */
	public String code() {
		return code;
	}

}
