package io.cohort.analytics.simulator;

import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's HTTP face: {@code GET /simulators/analytics/{site}/mooc/…} and
 * {@code …/h5p/…} with a bearer token. Called server to server, so it needs no login or
 * CSRF token; 404 for any other path, an unknown site, or when the simulator is disabled.
 */
class AnalyticsSimulatorServlet extends HttpServlet {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final transient AnalyticsSimulator simulator;

	AnalyticsSimulatorServlet(AnalyticsSimulator simulator) {
		this.simulator = simulator;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		Optional<AnalyticsSimulator.Answer> answer = Optional.empty();
		int slash = path.indexOf('/', 1);
		if (path.startsWith("/") && slash > 1) {
			String site = path.substring(1, slash);
			String rest = path.substring(slash);
			if (rest.endsWith("/")) {
				rest = rest.substring(0, rest.length() - 1);
			}
			Map<String, String> query = new LinkedHashMap<>();
			request.getParameterMap().forEach((name, values) -> query.put(name, values[0]));
			answer = simulator.call(site, rest, query, request.getHeader("Authorization"),
					request.getRequestURL().toString());
		}
		if (answer.isEmpty()) {
			write(response, 404, "{\"detail\":\"Not found.\"}");
			return;
		}
		AnalyticsSimulator.Answer found = answer.get();
		if (!found.hold().isZero()) {
			try {
				Thread.sleep(found.hold().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		write(response, found.status(), JSON.writeValueAsString(found.body()));
	}

	private static void write(HttpServletResponse response, int status, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("application/json;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
