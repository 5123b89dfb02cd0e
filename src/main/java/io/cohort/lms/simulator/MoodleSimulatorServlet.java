package io.cohort.lms.simulator;

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
 * The simulator's HTTP face: {@code GET|POST
 * /simulators/moodle/{site}/webservice/rest/server.php} with the query and form
 * parameters merged, as Moodle reads them. Called server to server, so it needs no login
 * or CSRF token; 404 for any other path, an unknown site, or when the simulator is
 * disabled.
 */
class MoodleSimulatorServlet extends HttpServlet {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final transient MoodleSimulator simulator;

	MoodleSimulatorServlet(MoodleSimulator simulator) {
		this.simulator = simulator;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		String suffix = "/webservice/rest/server.php";
		Optional<MoodleSimulator.Answer> answer = Optional.empty();
		if (path.startsWith("/") && path.endsWith(suffix)
				&& ("POST".equals(request.getMethod()) || "GET".equals(request.getMethod()))) {
			String site = path.substring(1, path.length() - suffix.length());
			if (!site.isEmpty() && !site.contains("/")) {
				Map<String, String> parameters = new LinkedHashMap<>();
				request.getParameterMap().forEach((name, values) -> parameters.put(name, values[0]));
				answer = simulator.call(site, parameters);
			}
		}
		if (answer.isEmpty()) {
			write(response, 404, "text/plain", "Not Found");
			return;
		}
		MoodleSimulator.Answer found = answer.get();
		if (!found.hold().isZero()) {
			try {
				Thread.sleep(found.hold().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (found.status() != 200) {
			write(response, found.status(), "text/plain", String.valueOf(found.body()));
			return;
		}
		write(response, 200, "application/json",
				found.body() instanceof String text ? text : JSON.writeValueAsString(found.body()));
	}

	private static void write(HttpServletResponse response, int status, String type, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType(type + ";charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
