package io.cohort.gateway.simulator;

import java.util.List;

/**
 * A course run as the simulator holds it: its details as last published or edited, dates
 * as TPGateway writes them (YYYYMMDD), and the start dates of its live sessions in order.
 */
public record SimulatedRun(String runId, String courseReferenceNumber, boolean deleted, int intakeSize,
		String courseStart, String courseEnd, String venuePostalCode, List<String> sessionDates) {
}
