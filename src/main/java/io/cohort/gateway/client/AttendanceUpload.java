package io.cohort.gateway.client;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One trainee's attendance of one session: status code 1 Confirmed, 2 Unconfirmed, 3
 * Rejected, 4 TP Voided; hours 0.5–8.0; survey language EL, MN, MY or TM.
 */
public record AttendanceUpload(String runId, String courseReferenceNumber, String sessionId, String statusCode,
		String traineeId, String traineeIdType, String traineeName, @Nullable String email, @Nullable String mobile,
		BigDecimal numberOfHours, String surveyLanguage, @Nullable String corppassId) {

	@Override
	public String toString() {
		return "AttendanceUpload[runId=" + runId + ", sessionId=" + sessionId + ", statusCode=" + statusCode + "]";
	}

}
