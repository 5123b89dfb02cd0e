package io.cohort.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event as it leaves Cohort (schema in {@code docs/events/<type>.schema.json}). It is
 * built once, in the change's transaction, and stored in the event publication registry
 * with its id: every redelivery carries the same {@code eventId}, for consumers to drop
 * duplicates. {@code entityId} (with the tenant) is the Kafka key, so one entity's events
 * stay in order. {@code data} holds ids and facts only, never a learner's personal data.
 */
public record ExternalEvent(UUID eventId, String type, int schemaVersion, Instant occurredAt, UUID tenantId,
		@Nullable String correlationId, UUID entityId, ObjectNode data) {

	String key() {
		return tenantId + ":" + entityId;
	}

}
