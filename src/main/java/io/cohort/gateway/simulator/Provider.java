package io.cohort.gateway.simulator;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.cohort.gateway.client.SsgPayloadCipher;
import org.jspecify.annotations.Nullable;

/**
 * One simulated training provider's gateway state: its credentials, records and pending
 * faults.
 */
final class Provider {

	final SimulatedProvider identity;

	final SsgPayloadCipher cipher;

	/** Run id to its course reference number. */
	final Map<String, String> runs = new ConcurrentHashMap<>();

	/** Run id to the run's details as published and since edited. */
	final Map<String, tools.jackson.databind.JsonNode> runDetails = new ConcurrentHashMap<>();

	/** Runs deleted through the edit endpoint. */
	final Set<String> deletedRuns = ConcurrentHashMap.newKeySet();

	/**
	 * Run id to the number of the last session it was given (session ids are never
	 * reused).
	 */
	final Map<String, AtomicInteger> sessionNumbers = new ConcurrentHashMap<>();

	/** Session id to its run id. */
	final Map<String, String> sessions = new ConcurrentHashMap<>();

	/** Session id to the session as it was published. */
	final Map<String, tools.jackson.databind.JsonNode> sessionDetails = new ConcurrentHashMap<>();

	/** Reference number to enrolment. */
	final Map<String, SimulatedEnrolment> enrolments = new ConcurrentHashMap<>();

	/** Reference number to the enrolment's contact details and fees. */
	final Map<String, SimulatedEnrolmentDetails> enrolmentDetails = new ConcurrentHashMap<>();

	/** Reference number to assessment. */
	final Map<String, SimulatedAssessment> assessments = new ConcurrentHashMap<>();

	/** "sessionId/traineeId" to the latest attendance uploaded. */
	final Map<String, SimulatedAttendance> attendance = new ConcurrentHashMap<>();

	final Set<String> tokens = ConcurrentHashMap.newKeySet();

	final AtomicInteger tokensIssued = new AtomicInteger();

	final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

	/** Faults for the next calls of one kind. */
	final Map<SimulatedCall, Queue<Fault>> callFaults = new ConcurrentHashMap<>();

	/** Faults on a share of all calls, while set. */
	volatile @Nullable RandomFaults randomFaults;

	/**
	 * How often each distinct call (method, path, body) came, for {@link RandomFaults}.
	 */
	final Map<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();

	/** Calls per record. */
	final Map<String, CallCounter> recordCalls = new ConcurrentHashMap<>();

	Provider(SimulatedProvider identity) {
		this.identity = identity;
		this.cipher = SsgPayloadCipher.ofBase64Key(identity.encryptionKey());
	}

	/**
	 * The fault the next call of this kind meets: one queued for any call, then one aimed
	 * at its kind.
	 */
	@Nullable Fault nextFault(SimulatedCall call) {
		Fault fault = faults.poll();
		if (fault == null) {
			Queue<Fault> aimed = callFaults.get(call);
			fault = aimed == null ? null : aimed.poll();
		}
		return fault;
	}

	/**
	 * The fault a share of calls meets, drawn from the call itself (see
	 * {@link RandomFaults}).
	 */
	@Nullable Fault randomFault(Supplier<String> call) {
		RandomFaults random = randomFaults;
		if (random == null) {
			return null; // the call's text (its whole request) is only written out when
							// faults are drawn
		}
		String text = call.get();
		return random.draw(text, occurrences.computeIfAbsent(text, c -> new AtomicInteger()).incrementAndGet());
	}

	/**
	 * Counts one record's calls: how many, how many are being handled now, the most at
	 * once.
	 */
	static final class CallCounter {

		private int calls;

		private int now;

		private int most;

		synchronized void start() {
			calls++;
			now++;
			most = Math.max(most, now);
		}

		synchronized void end() {
			now--;
		}

		synchronized RecordCalls view() {
			return new RecordCalls(calls, most);
		}

	}

}
