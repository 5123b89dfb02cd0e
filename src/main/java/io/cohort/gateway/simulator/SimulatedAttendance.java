package io.cohort.gateway.simulator;

import java.math.BigDecimal;

/** One trainee's attendance of one session as the simulator holds it. */
public record SimulatedAttendance(String runId, String sessionId, String traineeId, String statusCode,
		BigDecimal numberOfHours) {
}
