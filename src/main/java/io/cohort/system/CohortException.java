package io.cohort.system;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request that breaks a rule. Each failure has a stable code (it becomes the problem's
 * {@code type} and {@code code}) and an HTTP status; subclasses name the failure
 * ({@code ClassRunFull}). A refusal (4xx) is an expected answer, not a fault to trace, so
 * it carries no stack trace (walking the deep stack of a request costs CPU on every
 * refusal, and nothing logs it).
 */
public class CohortException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, ?> properties;

	public CohortException(HttpStatus status, String code, String detail) {
		this(status, code, detail, Map.of());
	}

	public CohortException(HttpStatus status, String code, String detail, Map<String, ?> properties) {
		super(detail, null, false, !status.is4xxClientError());
		this.status = status;
		this.code = code;
		this.properties = Map.copyOf(properties);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public Map<String, ?> properties() {
		return properties;
	}

	/** The thing asked for does not exist in the caller's tenant. */
	public static CohortException notFound(String entity, Object id) {
		return new CohortException(HttpStatus.NOT_FOUND, "not-found", "No " + entity + " with id " + id);
	}

	/** The request conflicts with what is already there (a duplicate, a stale state). */
	public static CohortException conflict(String code, String detail) {
		return new CohortException(HttpStatus.CONFLICT, code, detail);
	}

	/** The request is well-formed but a business rule refuses it. */
	public static CohortException unprocessable(String code, String detail) {
		return new CohortException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
	}

	/** A value is invalid; reported like a Bean Validation failure on that field. */
	public static CohortException invalidField(String field, String message) {
		return new CohortException(HttpStatus.BAD_REQUEST, "validation-failed", "The request is invalid",
				Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
	}

}
