package io.cohort.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One row of the audit trail as read back; {@code seq} and {@code hash} are null until
 * the row is sealed into its chain, shortly after it commits.
 */
public record AuditEntry(long id, @Nullable UUID tenantId, @Nullable Long seq, Instant occurredAt, String actorType,
		@Nullable String actorId, String actorLabel, String action, String entityType, @Nullable String entityId,
		JsonNode changes, @Nullable String correlationId, @Nullable String clientAddress, @Nullable String hash) {
}
