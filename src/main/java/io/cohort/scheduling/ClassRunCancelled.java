package io.cohort.scheduling;

import java.util.UUID;

/**
 * A class run was cancelled. Published inside the cancelling transaction: the enrolment
 * module cancels the run's enrolments in that same transaction.
 */
public record ClassRunCancelled(UUID tenantId, UUID runId, String reason) {
}
