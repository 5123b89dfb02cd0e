package io.cohort.gateway.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's HTTP face, in TPGateway's wire format: requests are Base64 AES ciphertext (as a JSON
 * string), answers the encrypted {@code {data, error, meta, status}} envelope. Called server to server,
 * so it needs no login or CSRF token; it answers 404 when the simulator is disabled.
 */
@RestController
@RequestMapping("/simulators/tpgateway/{uen}")
class TpGatewaySimulatorController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long TOKEN_SECONDS = 1800;

	private final TpGatewaySimulator simulator;

	private final SimulatedApi api;

	TpGatewaySimulatorController(TpGatewaySimulator simulator, SimulatedApi api) {
		this.simulator = simulator;
		this.api = api;
	}

	@PostMapping("/dp-oauth/oauth/token")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> token(@PathVariable String uen,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestParam(name = "grant_type", required = false) @Nullable String grantType) {
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
	 * The simulator's developer portal: registers the UEN as a training provider (no OAuth) and hands out
	 * its payload key, once; 409 if the UEN is registered already. For local runs and benchmarks.
	 */
	@PostMapping("/portal/credentials")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> register(@PathVariable String uen) {
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

	@PostMapping("/courses/courseRuns/publish")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> publishRuns(@PathVariable String uen,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.PUBLISH_RUNS, "",
				(provider, request) -> api.publishRuns(provider, request), request -> null);
	}

	@GetMapping("/courses/courseRuns/reference")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> courseRuns(@PathVariable String uen,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestParam Map<String, String> query) {
		ObjectNode parameters = JSON.createObjectNode();
		query.forEach(parameters::put);
		return handle(uen, authorization, null, SimulatedCall.COURSE_RUNS, "",
				(provider, request) -> api.courseRuns(provider, parameters), request -> null);
	}

	@PostMapping("/courses/courseRuns/edit/{runId}")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> editRun(@PathVariable String uen, @PathVariable String runId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.EDIT_RUN, runId,
				(provider, request) -> api.editRun(provider, runId, request), request -> null);
	}

	@PostMapping("/tpg/enrolments")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> createEnrolment(@PathVariable String uen,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.CREATE_ENROLMENT, "",
				(provider, request) -> api.createEnrolment(provider, request), request -> enrolmentRecord(request));
	}

	@PostMapping("/tpg/enrolments/search")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> searchEnrolments(@PathVariable String uen,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.SEARCH_ENROLMENTS, "",
				(provider, request) -> api.searchEnrolments(provider, request), request -> enrolmentRecord(request));
	}

	@PostMapping("/tpg/enrolments/details/{reference}")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> editEnrolment(@PathVariable String uen, @PathVariable String reference,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.EDIT_ENROLMENT, reference,
				(provider, request) -> api.editEnrolment(provider, reference, request), request -> null);
	}

	@PostMapping("/tpg/enrolments/feeCollections/{reference}")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> updateFeeCollection(@PathVariable String uen, @PathVariable String reference,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.UPDATE_FEE_COLLECTION, reference,
				(provider, request) -> api.updateFeeCollection(provider, reference, request), request -> null);
	}

	@PostMapping("/tpg/assessments")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> createAssessment(@PathVariable String uen,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.CREATE_ASSESSMENT, "",
				(provider, request) -> api.createAssessment(provider, request), request -> null);
	}

	@PostMapping("/tpg/assessments/details/{reference}")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> editAssessment(@PathVariable String uen, @PathVariable String reference,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.EDIT_ASSESSMENT, reference,
				(provider, request) -> api.editAssessment(provider, reference, request), request -> null);
	}

	@PostMapping("/tpg/assessments/search")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> searchAssessments(@PathVariable String uen,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.SEARCH_ASSESSMENTS, "",
				(provider, request) -> api.searchAssessments(provider, request), request -> null);
	}

	@PostMapping("/courses/runs/{runId}/sessions/attendance")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> uploadAttendance(@PathVariable String uen, @PathVariable String runId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		return handle(uen, authorization, body, SimulatedCall.UPLOAD_ATTENDANCE, runId,
				(provider, request) -> api.uploadAttendance(provider, runId, request),
				request -> "attendance:" + request.path("course").path("sessionID").asString("") + "/"
						+ request.path("course").path("attendance").path("trainee").path("id").asString("").toUpperCase());
	}

	@GetMapping("/courses/runs/{runId}/sessions")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> sessions(@PathVariable String uen, @PathVariable String runId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		return handle(uen, authorization, null, SimulatedCall.LIST_SESSIONS, runId,
				(provider, request) -> api.sessions(provider, runId), request -> null);
	}

	@org.springframework.web.bind.annotation.GetMapping("/courses/courseRuns/id/{runId}")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> courseRun(@PathVariable String uen, @PathVariable String runId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		return handle(uen, authorization, null, SimulatedCall.COURSE_RUN, runId,
				(provider, request) -> api.courseRun(provider, runId), request -> null);
	}

	private interface Operation {

		SimulatedApi.Outcome apply(Provider provider, JsonNode request);

	}

	/** The record a request is about, for {@link TpGatewaySimulator#recordCalls}; null when none. */
	private interface RecordKey {

		@Nullable String of(JsonNode request);

	}

	private static @Nullable String enrolmentRecord(JsonNode request) {
		JsonNode enrolment = request.path("enrolment");
		String trainee = enrolment.path("trainee").path("id").asString("");
		return trainee.isEmpty() ? null
				: "enrolment:" + enrolment.path("course").path("run").path("id").asString("") + "/" + trainee.toUpperCase();
	}

	private ResponseEntity<String> handle(String uen, @Nullable String authorization, @Nullable String body,
			SimulatedCall call, String target, Operation operation, RecordKey recordKey) {
		Optional<Provider> found = provider(uen);
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
			// a GET carries no body; anything else carries the encrypted JSON
			request = body == null ? JSON.createObjectNode()
					: JSON.readTree(provider.cipher.decrypt(unquote(body)));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return envelope(provider, HttpStatus.BAD_REQUEST, Map.of(),
					error(400, "The payload could not be decrypted with the training provider's key", List.of()));
		}
		if (fault == null) {
			fault = provider.randomFault(call + " " + target + " " + request);
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

	/** The answer of a fault that refuses the call without applying it; null for any other. */
	private static @Nullable ResponseEntity<String> refuse(Provider provider, @Nullable Fault fault) {
		if (fault instanceof Fault.ServerError serverError) {
			return envelope(provider, HttpStatus.valueOf(serverError.status()), Map.of(),
					error(serverError.status(), "Simulated server error", List.of()));
		}
		if (fault instanceof Fault.Throttle throttle) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(throttle.retryAfter().toSeconds()))
				.contentType(MediaType.APPLICATION_JSON)
				.body(provider.cipher.encrypt(write(envelopeBody(Map.of(),
						error(429, "Too many requests", List.of()), 429))));
		}
		if (fault instanceof Fault.Invalid invalid) {
			return envelope(provider, HttpStatus.BAD_REQUEST, Map.of(),
					error(400, "Validation failed", List.of(new Violations.Violation(invalid.field(), invalid.message()))));
		}
		if (fault instanceof Fault.ErrorInEnvelope inside) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(provider.cipher.encrypt(write(envelopeBody(Map.of(),
						error(inside.status(), inside.message(), List.of()), inside.status()))));
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
