package io.cohort.scheduling;

import java.util.UUID;

/**
 * A class run's dates, capacity, venue or status changed, or one of its sessions did.
 */
public record ClassRunUpdated(UUID tenantId, UUID runId) {
}
