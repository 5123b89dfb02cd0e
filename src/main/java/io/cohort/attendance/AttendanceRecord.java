package io.cohort.attendance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One learner's attendance at one session.
 */
public record AttendanceRecord(UUID id, UUID sessionId, UUID enrolmentId, UUID learnerId, AttendanceStatus status,
		String remarks, BigDecimal hours, String method, String markedBy, Instant markedAt) {
}
