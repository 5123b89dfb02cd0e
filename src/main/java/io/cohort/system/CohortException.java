package io.cohort.system;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request that breaks a rule. Each failure has a stable code (it becomes the problem's
 * {@code type} and {@code code}) with its HTTP status, one of {@link ProblemCode}. A
 * refusal (4xx) is an expected answer, not a fault to trace, so it carries no stack trace
 * (walking the deep stack of a request costs CPU on every refusal, and nothing logs it).
 */
public class CohortException extends RuntimeException {

	private final ProblemCode code;

	private final Map<String, ?> properties;

	public CohortException(ProblemCode code, String detail) {
		this(code, detail, Map.of());
	}

	public CohortException(ProblemCode code, String detail, Map<String, ?> properties) {
		super(detail, null, false, !code.status().is4xxClientError());
		this.code = code;
		this.properties = Map.copyOf(properties);
	}

	public HttpStatus status() {
		return code.status();
	}

	public ProblemCode code() {
		return code;
	}

	public Map<String, ?> properties() {
		return properties;
	}

	/** The thing asked for does not exist in the caller's tenant. */
	public static CohortException notFound(String entity, Object id) {
		return new CohortException(ProblemCode.NOT_FOUND, "No " + entity + " with id " + id);
	}

	/** A value is invalid; reported like a Bean Validation failure on that field. */
	public static CohortException invalidField(String field, String message) {
		return new CohortException(ProblemCode.VALIDATION_FAILED, "The request is invalid",
				Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
	}

}
