package io.cohort.crm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A webhook delivery as the integrations page and API show it: which entity, when, its
 * idempotency key, how many records ended in each status, and (when asked for one
 * delivery) each record's outcome.
 */
public record DeliveryView(UUID id, String entity, String idempotencyKey, Instant receivedAt, Instant finishedAt,
		int recordCount, Map<String, Integer> counts, @Nullable List<Outcome> results) {

	/** One record's outcome. */
	public record Outcome(int position, @Nullable String zohoId, String status, @Nullable String reason,
			String message) {
	}

}
