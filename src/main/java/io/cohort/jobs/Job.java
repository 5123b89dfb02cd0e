package io.cohort.jobs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An outbound job: what to send where, for which record, and how far it got.
 *
 * @param idempotencyKey one job per key and tenant, e.g. {@code enrolment:<id>:create}
 * @param payload the JSON snapshot taken when the job was written
 * @param waitsFor the job that must succeed first (an enrolment waits for its run)
 * @param firstFailedAt when its current run of transient failures began: its retry budget
 * counts from then
 * @param runId the class run the record belongs to, if any
 * @param deadlineAlarmAt when the job raised its alarm that its next attempt falls past
 * its record's deadline ({@link JobPastDeadline}); null while it has not
 * @param recordDeadline the deadline that alarm named
 */
public record Job(UUID id, UUID tenantId, String target, String operation, String entityType, UUID entityId,
		String idempotencyKey, String payload, JobStatus status, int attempts, Instant nextAttemptAt,
		@Nullable Instant leaseUntil, @Nullable String lastError, @Nullable String reference,
		@Nullable String correlationId, @Nullable UUID waitsFor, Instant createdAt, Instant updatedAt,
		@Nullable Instant finishedAt, @Nullable Instant firstFailedAt, @Nullable UUID runId,
		@Nullable Instant deadlineAlarmAt, @Nullable Instant recordDeadline) {
}
