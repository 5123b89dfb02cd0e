package io.cohort.analytics.simulator;

import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's HTTP face: {@code GET /simulators/analytics/{site}/mooc/…} and
 * {@code …/h5p/…} with a bearer token, and two {@code POST}s that set up a site and its
 * courses. Called server to server, so it needs no login or CSRF token; 404 for any other
 * path, an unknown site, or when the simulator is disabled.
 */
class AnalyticsSimulatorServlet extends HttpServlet {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern SITE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

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

	/**
	 * What a benchmark or a demo needs to set a source up over HTTP, where the simulator
	 * runs (local mode or {@code cohort.analytics.simulator.enabled}; 404 elsewhere):
	 * {@code POST /simulators/analytics/{site}} makes a site and answers its token (409
	 * when the name is taken), optionally with {@code {"latency_ms"}} that each of its
	 * answers waits first, as a remote source's round trip; {@code POST
	 * /simulators/analytics/{site}/courses} with that token and {@code {"course_id",
	 * "learners", "seed", "finished"}} adds (or replaces) a course of that many generated
	 * users, none of them a Cohort learner.
	 */
	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		String[] parts = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path).split("/");
		if (!simulator.enabled() || parts.length < 2 || parts.length > 3 || !parts[0].isEmpty()
				|| !SITE.matcher(parts[1]).matches() || (parts.length == 3 && !"courses".equals(parts[2]))) {
			write(response, 404, "{\"detail\":\"Not found.\"}");
			return;
		}
		String site = parts[1];
		if (parts.length == 2) {
			Duration latency;
			try {
				latency = latency(request);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				write(response, 400, JSON.writeValueAsString(Map.of("detail",
						"Send nothing, or {\"latency_ms\": 0-" + MOST_LATENCY_MS + "} (each answer's delay)")));
				return;
			}
			Optional<String> token = simulator.createSiteIfAbsent(site, latency);
			if (token.isEmpty()) {
				write(response, 409, "{\"detail\":\"A site of this name exists.\"}");
				return;
			}
			write(response, 201, JSON.writeValueAsString(Map.of("site", site, "token", token.get())));
			return;
		}
		if (!simulator.tokenOf(site, request.getHeader("Authorization"))) {
			write(response, 401, "{\"detail\":\"Authentication credentials were not provided.\"}");
			return;
		}
		NewCourse course;
		try {
			course = NewCourse.of(JSON.readTree(request.getInputStream()));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			write(response, 400,
					JSON.writeValueAsString(
							Map.of("detail", "Send {\"course_id\": text, \"learners\": 1-" + NewCourse.MOST_LEARNERS
									+ ", \"seed\": number (optional), \"finished\": true|false (optional)}")));
			return;
		}
		int users = simulator
			.addCourse(site, course.courseId(), course.seed(), List.of(), course.learners(), Instant.now(),
					course.finished())
			.size();
		write(response, 201, JSON.writeValueAsString(Map.of("course_id", course.courseId(), "users", users)));
	}

	/** The longest round trip a site may be given. */
	private static final int MOST_LATENCY_MS = 5_000;

	/** The delay a new site's answers wait: {@code latency_ms} of an optional body. */
	private static Duration latency(HttpServletRequest request) throws IOException {
		byte[] body = request.getInputStream().readAllBytes();
		if (body.length == 0) {
			return Duration.ZERO;
		}
		JsonNode latency = JSON.readTree(body).path("latency_ms");
		if (latency.isMissingNode()) {
			return Duration.ZERO;
		}
		if (!latency.isInt() || latency.asInt() < 0 || latency.asInt() > MOST_LATENCY_MS) {
			throw new IllegalArgumentException("not a latency");
		}
		return Duration.ofMillis(latency.asInt());
	}

	/** A course to generate, as posted. */
	private record NewCourse(String courseId, int learners, long seed, boolean finished) {

		static final int MOST_LEARNERS = 100_000;

		static NewCourse of(JsonNode body) {
			JsonNode id = body.path("course_id");
			JsonNode learners = body.path("learners");
			if (!id.isString() || id.asString().isBlank() || id.asString().length() > 200 || !learners.isInt()
					|| learners.asInt() < 1 || learners.asInt() > MOST_LEARNERS
					|| !(body.path("seed").isMissingNode() || body.path("seed").isIntegralNumber())
					|| !(body.path("finished").isMissingNode() || body.path("finished").isBoolean())) {
				throw new IllegalArgumentException("not a course");
			}
			String courseId = id.asString().trim();
			return new NewCourse(courseId, learners.asInt(),
					body.path("seed").isIntegralNumber() ? body.path("seed").asLong() : courseId.hashCode(),
					body.path("finished").asBoolean(false));
		}

	}

	private static void write(HttpServletResponse response, int status, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("application/json;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
