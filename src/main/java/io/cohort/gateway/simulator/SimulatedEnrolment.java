package io.cohort.gateway.simulator;

/** An enrolment as the simulator holds it. */
public record SimulatedEnrolment(String referenceNumber, String runId, String courseReferenceNumber, String traineeId,
		String traineeName, String status) {
}
