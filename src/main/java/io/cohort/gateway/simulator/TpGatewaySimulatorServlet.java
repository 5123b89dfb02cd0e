package io.cohort.gateway.simulator;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's HTTP face, in TPGateway's wire format: requests are Base64 AES
 * ciphertext (as a JSON string), answers the encrypted {@code {data, error, meta,
 * status}} envelope. Called server to server, so it needs no login or CSRF token (the
 * security chain lets {@code /simulators/tpgateway/**} through); it answers 404 when the
 * simulator is disabled.
 * <p>
 * A plain servlet at {@code /simulators/tpgateway/*} with its own small route table, not
 * an MVC controller: it stands in for a remote system, so what a call to it costs here
 * (measured beside our job drain, on the same cores) should be the wire format's work,
 * not our web framework's.
 */
class TpGatewaySimulatorServlet extends HttpServlet {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long TOKEN_SECONDS = 1800;

	private final transient TpGatewaySimulator simulator;

	private final transient SimulatedApi api;

	private final transient List<Route> routes;

	TpGatewaySimulatorServlet(TpGatewaySimulator simulator, SimulatedApi api) {
		this.simulator = simulator;
		this.api = api;
		RecordKey none = request -> null;
		this.routes = List.of(
				new Route("POST", "dp-oauth/oauth/token",
						call -> token(call.uen(), call.authorization(), call.parameter("grant_type"))),
				new Route("POST", "portal/credentials", call -> register(call.uen())),
				new Route("POST", "courses/courseRuns/publish",
						call -> handle(call, SimulatedCall.PUBLISH_RUNS, api::publishRuns, none)),
				new Route("GET", "courses/courseRuns/reference",
						call -> handle(call, SimulatedCall.COURSE_RUNS,
								(provider, request) -> api.courseRuns(provider, call.parameters()), none)),
				new Route("POST", "courses/courseRuns/edit/{}",
						call -> handle(call, SimulatedCall.EDIT_RUN,
								(provider, request) -> api.editRun(provider, call.variable(), request), none)),
				new Route("POST", "tpg/enrolments",
						call -> handle(call, SimulatedCall.CREATE_ENROLMENT, api::createEnrolment,
								TpGatewaySimulatorServlet::enrolmentRecord)),
				new Route("POST", "tpg/enrolments/search",
						call -> handle(call, SimulatedCall.SEARCH_ENROLMENTS, api::searchEnrolments,
								TpGatewaySimulatorServlet::enrolmentRecord)),
				new Route("POST", "tpg/enrolments/details/{}",
						call -> handle(call, SimulatedCall.EDIT_ENROLMENT,
								(provider, request) -> api.editEnrolment(provider, call.variable(), request), none)),
				new Route("POST", "tpg/enrolments/feeCollections/{}",
						call -> handle(call, SimulatedCall.UPDATE_FEE_COLLECTION,
								(provider, request) -> api.updateFeeCollection(provider, call.variable(), request),
								none)),
				new Route("POST", "tpg/assessments",
						call -> handle(call, SimulatedCall.CREATE_ASSESSMENT, api::createAssessment, none)),
				new Route("POST", "tpg/assessments/details/{}",
						call -> handle(call, SimulatedCall.EDIT_ASSESSMENT,
								(provider, request) -> api.editAssessment(provider, call.variable(), request), none)),
				new Route("POST", "tpg/assessments/search",
						call -> handle(call, SimulatedCall.SEARCH_ASSESSMENTS, api::searchAssessments, none)),
				new Route("POST", "courses/runs/{}/sessions/attendance",
						call -> handle(call, SimulatedCall.UPLOAD_ATTENDANCE,
								(provider, request) -> api.uploadAttendance(provider, call.variable(), request),
								TpGatewaySimulatorServlet::attendanceRecord)),
				new Route("GET", "courses/runs/{}/sessions/attendance",
						call -> handle(call, SimulatedCall.SESSION_ATTENDANCE,
								(provider, request) -> api.sessionAttendance(provider, call.variable(),
										call.parameters()),
								none)),
				new Route("GET", "courses/runs/{}/sessions",
						call -> handle(call, SimulatedCall.LIST_SESSIONS,
								(provider, request) -> api.sessions(provider, call.variable()), none)),
				new Route("GET", "courses/courseRuns/id/{}",
						call -> handle(call, SimulatedCall.COURSE_RUN,
								(provider, request) -> api.courseRun(provider, call.variable()), none)),
				new Route("GET", "tpg/courses/registry/details/{}", call -> handle(call, SimulatedCall.REGISTRY_COURSE,
						(provider, request) -> simulator.registryCourse(call.variable()), none)));
	}

	/**
	 * An endpoint: its method and its path after the UEN, with at most one variable
	 * segment ({@code {}}).
	 */
	private record Route(String method, String[] segments, Function<Call, ResponseEntity<String>> handler) {

		Route(String method, String path, Function<Call, ResponseEntity<String>> handler) {
			this(method, path.split("/"), handler);
		}

		/**
		 * The variable segment's value when {@code path} is this route's ("" if it has
		 * none), else null.
		 */
		@Nullable String match(String method, String[] path) {
			if (!this.method.equals(method) || path.length != segments.length) {
				return null;
			}
			String variable = "";
			for (int i = 0; i < segments.length; i++) {
				if (segments[i].equals("{}")) {
					variable = path[i];
				}
				else if (!segments[i].equals(path[i])) {
					return null;
				}
			}
			return variable;
		}

	}

	/** One request as the endpoints read it. */
	private record Call(String uen, String variable, HttpServletRequest request) {

		@Nullable String authorization() {
			return request.getHeader(HttpHeaders.AUTHORIZATION);
		}

		@Nullable String parameter(String name) {
			return request.getParameter(name);
		}

		/** The query's parameters, as the simulated API reads them. */
		ObjectNode parameters() {
			ObjectNode parameters = JSON.createObjectNode();
			request.getParameterMap().forEach((name, values) -> parameters.put(name, values[0]));
			return parameters;
		}

		/** The body, or null when there is none. */
		@Nullable String body() {
			try {
				String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				return body.isEmpty() ? null : body;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		int slash = path.indexOf('/', 1);
		ResponseEntity<String> answer = null;
		if (path.startsWith("/") && slash > 1) {
			String uen = path.substring(1, slash);
			String[] rest = path.substring(slash + 1).split("/");
			for (Route route : routes) {
				String variable = route.match(request.getMethod(), rest);
				if (variable != null) {
					answer = route.handler().apply(new Call(uen, variable, request));
					break;
				}
			}
		}
		write(answer == null ? plain(HttpStatus.NOT_FOUND, "Not Found") : answer, response);
	}

	private static void write(ResponseEntity<String> answer, HttpServletResponse response) throws IOException {
		response.setStatus(answer.getStatusCode().value());
		answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
		byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody().getBytes(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private ResponseEntity<String> token(String uen, @Nullable String authorization, @Nullable String grantType) {
		Optional<Provider> found = provider(uen);
		if (found.isEmpty()) {
			return plain(HttpStatus.NOT_FOUND, "Not Found");
		}
		Provider provider = found.get();
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((provider.identity.clientId() + ":" + provider.identity.clientSecret())
				.getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(authorization)) {
			return json(HttpStatus.UNAUTHORIZED, Map.of("error", "invalid_client"));
		}
		if (!"client_credentials".equals(grantType)) {
			return json(HttpStatus.BAD_REQUEST, Map.of("error", "unsupported_grant_type"));
		}
		String token = UUID.randomUUID().toString();
		provider.tokens.add(token);
		provider.tokensIssued.incrementAndGet();
		return json(HttpStatus.OK, Map.of("access_token", token, "token_type", "Bearer", "expires_in", TOKEN_SECONDS));
	}

	/**
	 * The simulator's developer portal: registers the UEN as a training provider (no
	 * OAuth) and hands out its payload key, once; 409 if the UEN is registered already.
	 * For local runs and benchmarks.
	 */
	private ResponseEntity<String> register(String uen) {
		if (!simulator.enabled()) {
			return plain(HttpStatus.NOT_FOUND, "Not Found");
		}
		if (!uen.matches("[0-9A-Z]{9,10}")) {
			return json(HttpStatus.BAD_REQUEST, Map.of("error", "uen must be 9 or 10 letters and digits"));
		}
		return simulator.registerNew(uen)
			.map(p -> json(HttpStatus.CREATED, Map.of("uen", p.uen(), "encryption_key", p.encryptionKey())))
			.orElseGet(() -> json(HttpStatus.CONFLICT, Map.of("error", "uen is registered already")));
	}

	private interface Operation {

		SimulatedApi.Outcome apply(Provider provider, JsonNode request);

	}

	/**
	 * The record a request is about, for {@link TpGatewaySimulator#recordCalls}; null
	 * when none.
	 */
	private interface RecordKey {

		@Nullable String of(JsonNode request);

	}

	private static @Nullable String enrolmentRecord(JsonNode request) {
		JsonNode enrolment = request.path("enrolment");
		String trainee = enrolment.path("trainee").path("id").asString("");
		return trainee.isEmpty() ? null : "enrolment:" + enrolment.path("course").path("run").path("id").asString("")
				+ "/" + trainee.toUpperCase();
	}

	private static String attendanceRecord(JsonNode request) {
		return "attendance:" + request.path("course").path("sessionID").asString("") + "/"
				+ request.path("course").path("attendance").path("trainee").path("id").asString("").toUpperCase();
	}

	/**
	 * One call of the simulated API: the provider its UEN names, its OAuth token if the
	 * provider wants one, the faults queued or drawn for it, the decrypted request (a GET
	 * carries none), the operation, and the encrypted envelope of the answer.
	 * {@code target} is the path's record (run id, reference), if any.
	 */
	private ResponseEntity<String> handle(Call http, SimulatedCall call, Operation operation, RecordKey recordKey) {
		String authorization = http.authorization();
		String body = http.request().getMethod().equals("GET") ? null : http.body();
		String target = http.variable();
		Optional<Provider> found = provider(http.uen());
		if (found.isEmpty()) {
			return plain(HttpStatus.NOT_FOUND, "Not Found");
		}
		Provider provider = found.get();
		if (provider.identity.oauthRequired() && (authorization == null || !authorization.startsWith("Bearer ")
				|| !provider.tokens.contains(authorization.substring("Bearer ".length())))) {
			return envelope(provider, HttpStatus.UNAUTHORIZED, Map.of(), error(401, "Unauthorized", List.of()));
		}
		Fault fault = provider.nextFault(call);
		ResponseEntity<String> refused = refuse(provider, fault);
		if (refused != null) {
			return refused;
		}
		if (fault instanceof Fault.Delay delay) {
			pause(delay.delay());
		}
		JsonNode request;
		try {
			request = body == null ? JSON.createObjectNode() : JSON.readTree(provider.cipher.decrypt(unquote(body)));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return envelope(provider, HttpStatus.BAD_REQUEST, Map.of(),
					error(400, "The payload could not be decrypted with the training provider's key", List.of()));
		}
		if (fault == null) {
			JsonNode asSent = request;
			fault = provider.randomFault(() -> call + " " + target + " " + asSent);
			refused = refuse(provider, fault);
			if (refused != null) {
				return refused;
			}
		}
		String record = recordKey.of(request);
		Provider.CallCounter counter = record == null ? null
				: provider.recordCalls.computeIfAbsent(record, r -> new Provider.CallCounter());
		if (counter != null) {
			counter.start();
		}
		try {
			SimulatedApi.Outcome outcome = operation.apply(provider, request);
			if (fault instanceof Fault.ApplyThenDrop) {
				return plain(HttpStatus.BAD_GATEWAY, "Bad Gateway");
			}
			if (fault instanceof Fault.ApplyThenStall stall) {
				pause(stall.stall());
			}
			if (outcome.notFound()) {
				return envelope(provider, HttpStatus.NOT_FOUND, Map.of(), error(404, "Not found", List.of()));
			}
			if (outcome.violations().any()) {
				return envelope(provider, HttpStatus.BAD_REQUEST, Map.of(),
						error(400, "Validation failed", outcome.violations().found()));
			}
			return envelope(provider, HttpStatus.OK, outcome.data(), Map.of());
		}
		finally {
			if (counter != null) {
				counter.end();
			}
		}
	}

	/**
	 * The answer of a fault that refuses the call without applying it; null for any
	 * other.
	 */
	private static @Nullable ResponseEntity<String> refuse(Provider provider, @Nullable Fault fault) {
		if (fault instanceof Fault.ServerError serverError) {
			return envelope(provider, HttpStatus.valueOf(serverError.status()), Map.of(),
					error(serverError.status(), "Simulated server error", List.of()));
		}
		if (fault instanceof Fault.Throttle throttle) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(throttle.retryAfter().toSeconds()))
				.contentType(MediaType.APPLICATION_JSON)
				.body(provider.cipher
					.encrypt(write(envelopeBody(Map.of(), error(429, "Too many requests", List.of()), 429))));
		}
		if (fault instanceof Fault.Invalid invalid) {
			return envelope(provider, HttpStatus.BAD_REQUEST, Map.of(), error(400, "Validation failed",
					List.of(new Violations.Violation(invalid.field(), invalid.message()))));
		}
		if (fault instanceof Fault.ErrorInEnvelope inside) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(provider.cipher.encrypt(write(
						envelopeBody(Map.of(), error(inside.status(), inside.message(), List.of()), inside.status()))));
		}
		return null;
	}

	private Optional<Provider> provider(String uen) {
		return simulator.enabled() ? simulator.find(uen) : Optional.empty();
	}

	private static void pause(java.time.Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, Object> error(int code, String message, List<Violations.Violation> details) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", Integer.toString(code));
		error.put("message", message);
		error.put("details", details.stream().map(d -> Map.of("field", d.field(), "message", d.message())).toList());
		return error;
	}

	private static Map<String, Object> envelopeBody(Object data, Map<String, Object> error, int status) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("data", data);
		envelope.put("error", error);
		envelope.put("meta", Map.of());
		envelope.put("status", status);
		return envelope;
	}

	private static ResponseEntity<String> envelope(Provider provider, HttpStatus status, Object data,
			Map<String, Object> error) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(provider.cipher.encrypt(write(envelopeBody(data, error, status.value()))));
	}

	private static ResponseEntity<String> json(HttpStatus status, Object body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(write(body));
	}

	private static ResponseEntity<String> plain(HttpStatus status, String text) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(text);
	}

	private static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	private static String unquote(String body) {
		String trimmed = body.trim();
		return trimmed.startsWith("\"") ? JSON.readTree(trimmed).asString() : trimmed;
	}

}
