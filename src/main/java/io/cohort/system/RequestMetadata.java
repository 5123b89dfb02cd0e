package io.cohort.system;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What is known about the request being served: its correlation id and the client's
 * address. Outside a request (jobs, start-up) the correlation id is whatever the current
 * thread's log context carries.
 */
public final class RequestMetadata {

	/** The key of the correlation id in the log context (MDC) and the header name. */
	public static final String MDC_KEY = "correlation_id";

	public static final String HEADER = "X-Correlation-ID";

	private RequestMetadata() {
	}

	public static Optional<String> correlationId() {
		return Optional.ofNullable(MDC.get(MDC_KEY));
	}

	public static Optional<String> clientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			return Optional.of(servlet.getRequest().getRemoteAddr());
		}
		return Optional.empty();
	}

	static @Nullable String sanitize(@Nullable String candidate) {
		if (candidate == null || candidate.isBlank() || candidate.length() > 128
				|| !candidate.matches("[A-Za-z0-9._:-]+")) {
			return null;
		}
		return candidate;
	}

}
