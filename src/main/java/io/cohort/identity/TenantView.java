package io.cohort.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant (a training provider) as other modules and the API see it.
 */
public record TenantView(UUID id, String slug, String name, String uen, String timeZone, Instant createdAt) {
}
