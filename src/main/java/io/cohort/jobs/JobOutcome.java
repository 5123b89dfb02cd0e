package io.cohort.gateway;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one attempt at a job came to.
 */
public sealed interface SyncOutcome {

	/** Done; the gateway's reference for the record, if it gave one. */
	record Succeeded(@Nullable String reference) implements SyncOutcome {
	}

	/** Worth trying again later (5xx, timeout, 408, 429); {@code retryAfter} when the gateway said. */
	record Retryable(String message, @Nullable Duration retryAfter) implements SyncOutcome {
	}

	/** Will never succeed as it is (validation, other 4xx, an error inside a 200 envelope). */
	record Permanent(String message) implements SyncOutcome {
	}

}
