package io.cohort.gateway.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.cohort.system.Installation;
import org.springframework.stereotype.Component;

/**
 * An in-repo simulator of TPGateway for local use and tests, answering the real wire format at
 * {@code /simulators/tpgateway/{uen}/...}. It simulates an external system, so its state lives in
 * memory only (one {@link ConcurrentHashMap} entry per training provider UEN) and is gone on restart.
 * Tests register providers and switch faults through this Java API; there is no HTTP endpoint for it.
 */
@Component
public class TpGatewaySimulator {

	private final Map<String, Provider> providers = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final boolean enabled;

	TpGatewaySimulator(SimulatorSettings settings, Installation installation) {
		this.enabled = settings.enabled() != null ? settings.enabled() : installation.local();
	}

	/** Whether the simulator answers HTTP calls ({@code cohort.gateway.simulator.enabled}, else local mode). */
	public boolean enabled() {
		return enabled;
	}

	/**
	 * Registers a training provider with a fresh payload key and client credentials; with
	 * {@code oauthRequired} every API call must carry a bearer token from the simulator's token endpoint.
	 */
	public SimulatedProvider register(String uen, boolean oauthRequired) {
		SimulatedProvider identity = new SimulatedProvider(uen, Base64.getEncoder().encodeToString(bytes(32)),
				"client-" + uen.toLowerCase(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24)),
				oauthRequired);
		providers.put(uen, new Provider(identity));
		return identity;
	}

	/**
	 * Registers a training provider (without OAuth) as the simulator's developer portal does, once per
	 * UEN: empty if the UEN is registered already.
	 */
	public Optional<SimulatedProvider> registerNew(String uen) {
		SimulatedProvider identity = new SimulatedProvider(uen, Base64.getEncoder().encodeToString(bytes(32)),
				"client-" + uen.toLowerCase(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24)), false);
		return providers.putIfAbsent(uen, new Provider(identity)) == null ? Optional.of(identity) : Optional.empty();
	}

	/** The next {@code calls} API calls answer this 5xx status and change nothing. */
	public void failNext(String uen, int calls, int status) {
		for (int i = 0; i < calls; i++) {
			provider(uen).faults.add(new Fault.ServerError(status));
		}
	}

	/** The next API call is answered only after this delay (then normally, as a slow gateway would). */
	public void delayNext(String uen, Duration delay) {
		provider(uen).faults.add(new Fault.Delay(delay));
	}

	/**
	 * The next call of this kind is applied, and its answer is then held this long (set the client's
	 * timeout shorter): a caller killed or timed out meanwhile never learns that it was applied.
	 */
	public void stallAfterApplyingNext(String uen, SimulatedCall call, Duration stall) {
		provider(uen).callFaults.computeIfAbsent(call, c -> new java.util.concurrent.ConcurrentLinkedQueue<>())
			.add(new Fault.ApplyThenStall(stall));
	}

	/** From now on a share of the provider's calls misbehaves, as drawn by {@code faults}; null stops it. */
	public void faultAtRandom(String uen, @org.jspecify.annotations.Nullable RandomFaults faults) {
		provider(uen).randomFaults = faults;
	}

	/**
	 * The calls received per record: keys {@code enrolment:<runId>/<traineeId>} (searches and creates) and
	 * {@code attendance:<sessionId>/<traineeId>}.
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

	/** The next API call answers HTTP 200 with this error (and status 400) inside the envelope. */
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

	/** Whether the provider has published this run. */
	public boolean hasRun(String uen, String runId) {
		return provider(uen).runs.containsKey(runId);
	}

	/** The provider's enrolments. */
	public List<SimulatedEnrolment> enrolments(String uen) {
		return provider(uen).enrolments.values()
			.stream()
			.sorted(Comparator.comparing(SimulatedEnrolment::referenceNumber))
			.toList();
	}

	/** The latest attendance uploaded for a trainee in a session. */
	public Optional<SimulatedAttendance> attendance(String uen, String sessionId, String traineeId) {
		return Optional.ofNullable(provider(uen).attendance.get(sessionId + "/" + traineeId.toUpperCase()));
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
