package io.cohort.jobs;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one attempt at a job came to.
 */
public sealed interface JobOutcome {

	/** Done; the target's reference for the record, if it gave one. */
	record Succeeded(@Nullable String reference) implements JobOutcome {
	}

	/**
	 * Worth trying again later (5xx, timeout, 408, 429); {@code retryAfter} when the
	 * target said.
	 */
	record Retryable(String message, @Nullable Duration retryAfter) implements JobOutcome {
	}

	/**
	 * Will never succeed as it is (validation, other 4xx, an error inside a 200
	 * envelope).
	 */
	record Permanent(String message) implements JobOutcome {
	}

}
