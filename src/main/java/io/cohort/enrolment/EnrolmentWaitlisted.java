package io.cohort.enrolment;

import java.util.UUID;

/**
 * A learner joined a full run's waitlist.
 */
public record EnrolmentWaitlisted(UUID tenantId, UUID enrolmentId, UUID classRunId, UUID learnerId, int position) {
}
