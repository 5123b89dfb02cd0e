package io.cohort.attendance;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A learner was newly marked ABSENT for a session.
 */
public record AbsenceRecorded(UUID tenantId, UUID sessionId, UUID classRunId, UUID enrolmentId, UUID learnerId,
		LocalDate sessionDate) {
}
