package io.cohort.jobs;

import java.util.UUID;

/**
 * A job went DEAD: a new dead letter an operator has to look at.
 */
public record JobDead(UUID tenantId, UUID jobId, String operation, String entityType, UUID entityId, String error) {
}
