package io.cohort.gateway.simulator;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.cohort.gateway.SsgPayloadCipher;

/** One simulated training provider's gateway state: its credentials, records and pending faults. */
final class Provider {

	final SimulatedProvider identity;

	final SsgPayloadCipher cipher;

	/** Run id to its course reference number. */
	final Map<String, String> runs = new ConcurrentHashMap<>();

	/** Session id to its run id. */
	final Map<String, String> sessions = new ConcurrentHashMap<>();

	/** Session id to the session as it was published. */
	final Map<String, tools.jackson.databind.JsonNode> sessionDetails = new ConcurrentHashMap<>();

	/** Reference number to enrolment. */
	final Map<String, SimulatedEnrolment> enrolments = new ConcurrentHashMap<>();

	/** "sessionId/traineeId" to the latest attendance uploaded. */
	final Map<String, SimulatedAttendance> attendance = new ConcurrentHashMap<>();

	final Set<String> tokens = ConcurrentHashMap.newKeySet();

	final AtomicInteger tokensIssued = new AtomicInteger();

	final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

	Provider(SimulatedProvider identity) {
		this.identity = identity;
		this.cipher = SsgPayloadCipher.ofBase64Key(identity.encryptionKey());
	}

}
