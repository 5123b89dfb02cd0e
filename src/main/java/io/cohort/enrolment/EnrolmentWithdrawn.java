package io.cohort.enrolment;

import java.util.UUID;

/**
 * A learner left a run (or its waitlist); {@code heldSeat} says whether a seat was freed.
 */
public record EnrolmentWithdrawn(UUID tenantId, UUID enrolmentId, UUID classRunId, UUID learnerId, boolean heldSeat) {
}
