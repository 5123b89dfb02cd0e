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
 */
public record Job(UUID id, UUID tenantId, String target, String operation, String entityType, UUID entityId,
		String idempotencyKey, String payload, JobStatus status, int attempts, Instant nextAttemptAt,
		@Nullable Instant leaseUntil, @Nullable String lastError, @Nullable String reference,
		@Nullable String correlationId, @Nullable UUID waitsFor, Instant createdAt, Instant updatedAt,
		@Nullable Instant finishedAt, @Nullable Instant firstFailedAt) {
}
