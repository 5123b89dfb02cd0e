package io.cohort.enrolment;

import java.util.UUID;

/**
 * An enrolment ended because its run was cancelled.
 */
public record EnrolmentCancelled(UUID tenantId, UUID enrolmentId, UUID classRunId, UUID learnerId) {
}
