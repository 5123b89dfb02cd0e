package io.cohort.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * A job still retrying was scheduled to try again only after its record's deadline
 * ({@link RecordDeadlines}): an operator has to act before the deadline is missed. Raised
 * once per job.
 */
public record JobPastDeadline(UUID tenantId, UUID jobId, String operation, String entityType, UUID entityId,
		Instant nextAttemptAt, Instant deadline) {
}
