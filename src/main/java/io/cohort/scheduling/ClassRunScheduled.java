package io.cohort.scheduling;

import java.util.UUID;

/**
 * A class run was created.
 */
public record ClassRunScheduled(UUID tenantId, UUID runId, UUID courseId) {
}
