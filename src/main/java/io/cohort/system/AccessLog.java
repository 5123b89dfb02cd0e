package io.cohort.system;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One log line per request, after it is answered, on the logger {@code cohort.access}:
 * the method, the route (the handler's pattern, such as {@code /api/v1/runs/{id}}, so
 * that no id or query string is logged), the status, the latency, and who asked (user and
 * tenant, once authentication knew them, see {@link #identify}), beside the correlation
 * id every line of the request carries. In production the console speaks JSON, so each of
 * these is a field of its own.
 * <p>
 * The in-app simulators ({@code /simulators/**}, local runs only) stand in for remote
 * systems: their requests are the remote system's traffic, not ours, and are not logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AccessLog extends OncePerRequestFilter {

	static final String LOGGER = "cohort.access";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private static final String USER = AccessLog.class.getName() + ".user";

	private static final String TENANT = AccessLog.class.getName() + ".tenant";

	/** The route logged for a request no handler took (a 404, or refused before MVC). */
	static final String UNMATCHED = "(unmatched)";

	/** Records who made the request, for its access-log line. */
	public static void identify(ServletRequest request, UUID user, @Nullable UUID tenant) {
		request.setAttribute(USER, user.toString());
		if (tenant != null) {
			request.setAttribute(TENANT, tenant.toString());
		}
	}

	/** Where the in-app simulators of remote systems answer. */
	static final String SIMULATORS = "/simulators/";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + SIMULATORS);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!log.isInfoEnabled()) {
			chain.doFilter(request, response);
			return;
		}
		long started = System.nanoTime();
		int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		try {
			chain.doFilter(request, response);
			status = response.getStatus();
		}
		finally {
			write(request, status, (System.nanoTime() - started) / 1_000_000);
		}
	}

	private static void write(HttpServletRequest request, int status, long millis) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String route = (pattern != null) ? pattern.toString() : UNMATCHED;
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("http.request.method", request.getMethod());
		fields.put("http.route", route);
		fields.put("http.response.status_code", Integer.toString(status));
		fields.put("event.duration_ms", Long.toString(millis));
		putIfPresent(fields, "user.id", request.getAttribute(USER));
		putIfPresent(fields, "tenant.id", request.getAttribute(TENANT));
		fields.forEach(MDC::put);
		try {
			log.info("{} {} {} {} ms", request.getMethod(), route, status, millis);
		}
		finally {
			fields.keySet().forEach(MDC::remove);
		}
	}

	private static void putIfPresent(Map<String, String> fields, String key, @Nullable Object value) {
		if (value != null) {
			fields.put(key, value.toString());
		}
	}

}
