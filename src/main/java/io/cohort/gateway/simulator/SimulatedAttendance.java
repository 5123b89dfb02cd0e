package io.cohort.gateway.simulator;

import java.math.BigDecimal;

/** One trainee's attendance of one session as the simulator holds it. */
public record SimulatedAttendance(String runId, String sessionId, String traineeId, String idTypeCode,
		String statusCode, BigDecimal numberOfHours) {

	SimulatedAttendance withStatus(String code) {
		return new SimulatedAttendance(runId, sessionId, traineeId, idTypeCode, code, numberOfHours);
	}

}
