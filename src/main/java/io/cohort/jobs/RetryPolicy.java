package io.cohort.jobs;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How a tenant's outbound jobs are retried and when its circuit breaker opens: the first
 * retry waits {@code baseDelaySeconds}, each later one twice as long (with jitter) up to
 * {@code maxDelaySeconds}; a transient failure is retried until
 * {@code retryBudgetSeconds} have passed since the job first failed, then the job is DEAD
 * (a permanent failure is DEAD at once). After {@code breakerFailureThreshold} transient
 * failures in a row the tenant's circuit opens: no job of the tenant is tried for
 * {@code breakerCoolDownSeconds}, then one trial call decides.
 *
 * @param updatedAt when the tenant's ADMIN last set it; {@code null} while the
 * installation's defaults apply
 */
public record RetryPolicy(int baseDelaySeconds, int maxDelaySeconds, int retryBudgetSeconds,
		int breakerFailureThreshold, int breakerCoolDownSeconds, @Nullable Instant updatedAt,
		@Nullable String updatedBy) {

	Duration baseDelay() {
		return Duration.ofSeconds(baseDelaySeconds);
	}

	Duration maxDelay() {
		return Duration.ofSeconds(maxDelaySeconds);
	}

	Duration retryBudget() {
		return Duration.ofSeconds(retryBudgetSeconds);
	}

	Duration breakerCoolDown() {
		return Duration.ofSeconds(breakerCoolDownSeconds);
	}

}
