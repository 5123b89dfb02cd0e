package io.cohort.enrolment;

import java.util.UUID;

/**
 * A learner holds a seat in a run: enrolled straight in, or promoted from the waitlist.
 */
public record EnrolmentConfirmed(UUID tenantId, UUID enrolmentId, UUID classRunId, UUID learnerId,
		boolean promotedFromWaitlist) {
}
