package io.cohort.system;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one error contract: RFC 9457 problem details with a stable {@code type} and
 * {@code code}.
 */
public final class Problems {

	/** Every problem type is this base plus the problem's code. */
	public static final String TYPE_BASE = "https://cohort.io/problems/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	public static ProblemDetail of(ProblemCode code, String detail) {
		return of(code.status(), code, detail);
	}

	/**
	 * A problem whose status is the framework's rather than the code's own (the generic
	 * {@code request-refused} and {@code internal-error}).
	 */
	static ProblemDetail of(HttpStatus status, ProblemCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + code.code()));
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty("code", code.code());
		RequestMetadata.correlationId().ifPresent(id -> problem.setProperty("correlation_id", id));
		return problem;
	}

	/**
	 * Whether the failure is the pool giving up on a connection (the database down or
	 * every connection busy for the pool's connection timeout).
	 */
	static boolean databaseUnavailable(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof org.springframework.jdbc.CannotGetJdbcConnectionException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Writes a problem straight to a response, for filters that answer before any
	 * controller.
	 */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		JSON.writeValue(response.getOutputStream(), body);
	}

}
