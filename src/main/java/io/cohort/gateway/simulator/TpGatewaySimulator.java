package io.cohort.gateway.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.cohort.system.Installation;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An in-repo simulator of TPGateway for local use and tests, answering the real wire
 * format at {@code /simulators/tpgateway/{uen}/...}. It simulates an external system, so
 * its state lives in memory only (one {@link ConcurrentHashMap} entry per training
 * provider UEN) and is gone on restart. Tests register providers and switch faults
 * through this Java API; there is no HTTP endpoint for it.
 */
@Component
public class TpGatewaySimulator {

	private final Map<String, Provider> providers = new ConcurrentHashMap<>();

	/**
	 * SSG's course registry, shared by every provider: the courses listed otherwise than
	 * by default, or delisted (empty).
	 */
	private final Map<String, Optional<Map<String, Object>>> registry = new ConcurrentHashMap<>();

	/** What a course reference must look like to be listed by default. */
	private static final Pattern LISTED_BY_DEFAULT = Pattern.compile("TGS-\\d{10}");

	private final SecureRandom random = new SecureRandom();

	private final boolean enabled;

	TpGatewaySimulator(SimulatorSettings settings, Installation installation) {
		this.enabled = settings.enabled() != null ? settings.enabled() : installation.local();
	}

	/**
	 * Whether the simulator answers HTTP calls ({@code cohort.gateway.simulator.enabled},
	 * else local mode).
	 */
	public boolean enabled() {
		return enabled;
	}

	/**
	 * Lists a course in the simulated course registry with a title and a status (such as
	 * "Active" or "Inactive"). Any reference of the form {@code TGS-} and ten digits is
	 * listed as an active course by default.
	 */
	public void listCourse(String referenceNumber, String title, String status) {
		registry.put(referenceNumber, Optional.of(Map.of("referenceNumber", referenceNumber, "title", title, "status",
				Map.of("code", status.substring(0, 1).toUpperCase(), "description", status))));
	}

	/** Takes a course out of the simulated course registry: asking for it is a 404. */
	public void delistCourse(String referenceNumber) {
		registry.put(referenceNumber, Optional.empty());
	}

	SimulatedApi.Outcome registryCourse(String referenceNumber) {
		Optional<Map<String, Object>> course = registry.getOrDefault(referenceNumber,
				LISTED_BY_DEFAULT.matcher(referenceNumber).matches() ? Optional
					.of(Map.of("referenceNumber", referenceNumber, "title", "Registered course " + referenceNumber,
							"status", Map.of("code", "A", "description", "Active")))
						: Optional.empty());
		return course.map(c -> new SimulatedApi.Outcome(Map.of("courses", List.of(c)), new Violations()))
			.orElseGet(() -> new SimulatedApi.Outcome(Map.of(), new Violations(), true));
	}

	/**
	 * Registers a training provider with a fresh payload key and client credentials; with
	 * {@code oauthRequired} every API call must carry a bearer token from the simulator's
	 * token endpoint.
	 */
	public SimulatedProvider register(String uen, boolean oauthRequired) {
		SimulatedProvider identity = new SimulatedProvider(uen, Base64.getEncoder().encodeToString(bytes(32)),
				"client-" + uen.toLowerCase(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24)),
				oauthRequired);
		providers.put(uen, new Provider(identity));
		return identity;
	}

	/**
	 * Registers a training provider without OAuth under a payload key it already has (the
	 * local run's demo tenant, whose key is kept in its gateway settings across
	 * restarts); a provider already registered with the same key keeps its records.
	 */
	public SimulatedProvider register(String uen, String encryptionKey) {
		return providers.compute(uen,
				(key, existing) -> existing != null && existing.identity.encryptionKey().equals(encryptionKey)
						&& !existing.identity.oauthRequired()
								? existing
								: new Provider(new SimulatedProvider(uen, encryptionKey, "client-" + uen.toLowerCase(),
										Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24)),
										false))).identity;
	}

	/**
	 * Registers a training provider (without OAuth) as the simulator's developer portal
	 * does, once per UEN: empty if the UEN is registered already.
	 */
	public Optional<SimulatedProvider> registerNew(String uen) {
		SimulatedProvider identity = new SimulatedProvider(uen, Base64.getEncoder().encodeToString(bytes(32)),
				"client-" + uen.toLowerCase(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24)),
				false);
		return providers.putIfAbsent(uen, new Provider(identity)) == null ? Optional.of(identity) : Optional.empty();
	}

	/** The next {@code calls} API calls answer this 5xx status and change nothing. */
	public void failNext(String uen, int calls, int status) {
		for (int i = 0; i < calls; i++) {
			provider(uen).faults.add(new Fault.ServerError(status));
		}
	}

	/**
	 * The next API call is answered only after this delay (then normally, as a slow
	 * gateway would).
	 */
	public void delayNext(String uen, Duration delay) {
		provider(uen).faults.add(new Fault.Delay(delay));
	}

	/**
	 * The next call of this kind is applied, and its answer is then held this long (set
	 * the client's timeout shorter): a caller killed or timed out meanwhile never learns
	 * that it was applied.
	 */
	public void stallAfterApplyingNext(String uen, SimulatedCall call, Duration stall) {
		provider(uen).callFaults.computeIfAbsent(call, c -> new java.util.concurrent.ConcurrentLinkedQueue<>())
			.add(new Fault.ApplyThenStall(stall));
	}

	/**
	 * From now on a share of the provider's calls misbehaves, as drawn by {@code faults};
	 * null stops it.
	 */
	public void faultAtRandom(String uen, @org.jspecify.annotations.Nullable RandomFaults faults) {
		provider(uen).randomFaults = faults;
	}

	/**
	 * The calls received per record: keys {@code enrolment:<runId>/<traineeId>} (searches
	 * and creates) and {@code attendance:<sessionId>/<traineeId>}.
	 */
	public Map<String, RecordCalls> recordCalls(String uen) {
		Map<String, RecordCalls> calls = new java.util.TreeMap<>();
		provider(uen).recordCalls.forEach((record, counter) -> calls.put(record, counter.view()));
		return calls;
	}

	/** The next API call answers 429 with this Retry-After and changes nothing. */
	public void throttleNext(String uen, Duration retryAfter) {
		provider(uen).faults.add(new Fault.Throttle(retryAfter));
	}

	/** The next API call is applied but its response is lost: the client sees a 502. */
	public void applyThenDropNext(String uen) {
		provider(uen).faults.add(new Fault.ApplyThenDrop());
	}

	/** The next API call answers 400 with this validation error and changes nothing. */
	public void rejectNext(String uen, String field, String message) {
		provider(uen).faults.add(new Fault.Invalid(field, message));
	}

	/**
	 * The next API call answers HTTP 200 with this error (and status 400) inside the
	 * envelope.
	 */
	public void errorInEnvelopeNext(String uen, String message) {
		provider(uen).faults.add(new Fault.ErrorInEnvelope(400, message));
	}

	/** How many OAuth tokens the simulator has issued to the provider. */
	public int tokensIssued(String uen) {
		return provider(uen).tokensIssued.get();
	}

	/** The session ids of a published run, in order. */
	public List<String> sessionIds(String uen, String runId) {
		return provider(uen).sessions.entrySet()
			.stream()
			.filter(e -> e.getValue().equals(runId))
			.map(Map.Entry::getKey)
			.sorted(Comparator.comparingInt(id -> Integer.parseInt(id.substring(id.lastIndexOf("-S") + 2))))
			.toList();
	}

	/** The runs the provider published (deleted ones included), oldest first. */
	public List<SimulatedRun> runs(String uen) {
		return provider(uen).runs.keySet()
			.stream()
			.sorted(Comparator.comparingLong(Long::parseLong))
			.map(id -> run(uen, id).orElseThrow())
			.toList();
	}

	/** Whether the provider has published this run. */
	public boolean hasRun(String uen, String runId) {
		return provider(uen).runs.containsKey(runId);
	}

	/** A run the provider published, as it stands now. */
	public Optional<SimulatedRun> run(String uen, String runId) {
		Provider provider = provider(uen);
		tools.jackson.databind.JsonNode run = provider.runDetails.get(runId);
		if (run == null) {
			return Optional.empty();
		}
		List<String> sessionDates = sessionIds(uen, runId).stream()
			.map(id -> provider.sessionDetails.get(id).path("startDate").asString())
			.toList();
		return Optional.of(new SimulatedRun(runId, provider.runs.get(runId), provider.deletedRuns.contains(runId),
				run.path("intakeSize").asInt(), run.path("courseDates").path("start").asString(),
				run.path("courseDates").path("end").asString(), run.path("venue").path("postalCode").asString(),
				sessionDates));
	}

	/** The provider's enrolments. */
	public List<SimulatedEnrolment> enrolments(String uen) {
		return provider(uen).enrolments.values()
			.stream()
			.sorted(Comparator.comparing(SimulatedEnrolment::referenceNumber))
			.toList();
	}

	/** An enrolment's contact details and fees as the simulator holds them. */
	public Optional<SimulatedEnrolmentDetails> enrolmentDetails(String uen, String referenceNumber) {
		return Optional.ofNullable(provider(uen).enrolmentDetails.get(referenceNumber));
	}

	/** The provider's assessments. */
	public List<SimulatedAssessment> assessments(String uen) {
		return provider(uen).assessments.values()
			.stream()
			.sorted(Comparator.comparing(SimulatedAssessment::referenceNumber))
			.toList();
	}

	/** The latest attendance uploaded for a trainee in a session. */
	public Optional<SimulatedAttendance> attendance(String uen, String sessionId, String traineeId) {
		return Optional.ofNullable(provider(uen).attendance.get(sessionId + "/" + traineeId.toUpperCase()));
	}

	/**
	 * Changes the status of an uploaded attendance (as if edited on the portal), or with
	 * {@code null} removes it: for reconciliation tests.
	 */
	public void setAttendanceStatus(String uen, String sessionId, String traineeId, @Nullable String statusCode) {
		String key = sessionId + "/" + traineeId.toUpperCase();
		if (statusCode == null) {
			provider(uen).attendance.remove(key);
		}
		else {
			provider(uen).attendance.computeIfPresent(key, (k, a) -> a.withStatus(statusCode));
		}
	}

	/**
	 * The gateway loses a run (as if deleted by hand on the portal): for reconciliation
	 * tests.
	 */
	public void forgetRun(String uen, String runId) {
		provider(uen).runs.remove(runId);
	}

	/** Sets an enrolment's status at the gateway (as if changed on the portal). */
	public void setEnrolmentStatus(String uen, String referenceNumber, String status) {
		provider(uen).enrolments.computeIfPresent(referenceNumber, (ref, e) -> new SimulatedEnrolment(ref, e.runId(),
				e.courseReferenceNumber(), e.traineeId(), e.traineeName(), status));
	}

	/**
	 * An enrolment made at the gateway outside Cohort (e.g. on the portal); returns its
	 * reference number.
	 */
	public String addEnrolment(String uen, String runId, String traineeId, String traineeName) {
		Provider provider = provider(uen);
		String reference = "ENR-PORTAL-" + (provider.enrolments.size() + 1);
		provider.enrolments.put(reference, new SimulatedEnrolment(reference, runId,
				provider.runs.getOrDefault(runId, ""), traineeId.toUpperCase(), traineeName, "Confirmed"));
		return reference;
	}

	/**
	 * Changes an assessment at the gateway (as if edited or voided on the portal): its
	 * grade and status.
	 */
	public void setAssessment(String uen, String referenceNumber, @Nullable String grade, String status) {
		provider(uen).assessments.computeIfPresent(referenceNumber, (ref, a) -> a.with(a.traineeName(), a.skillCode(),
				a.result(), grade, a.score(), a.assessmentDate(), status));
	}

	/**
	 * An assessment recorded at the gateway outside Cohort (e.g. on the portal); returns
	 * its reference number.
	 */
	public String addAssessment(String uen, String runId, String traineeId, String skillCode) {
		Provider provider = provider(uen);
		String reference = "ASM-PORTAL-" + (provider.assessments.size() + 1);
		provider.assessments.put(reference,
				new SimulatedAssessment(reference, runId, provider.runs.getOrDefault(runId, ""),
						traineeId.toUpperCase(), "Walk In", skillCode, "Pass", null, null, "2026-01-01", "Active"));
		return reference;
	}

	Optional<Provider> find(String uen) {
		return Optional.ofNullable(providers.get(uen));
	}

	private Provider provider(String uen) {
		Provider provider = providers.get(uen);
		if (provider == null) {
			throw new IllegalArgumentException("No provider " + uen + " is registered at the simulator");
		}
		return provider;
	}

	private byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		random.nextBytes(bytes);
		return bytes;
	}

}
