package io.cohort.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Leases and workers of outbound jobs, and the retry policy of tenants that have not set
 * their own ({@code cohort.jobs.*}).
 *
 * @param baseDelay the first retry's delay; each later one doubles, with jitter
 * @param maxDelay the longest delay between two attempts
 * @param retryBudget how long after its first failure a job is retried before it is DEAD
 * @param lease how long a claimed job is a worker's before another may take it over
 * @param workers how many workers this instance runs (0: none, e.g. in tests that drain
 * by hand)
 * @param pollInterval how long an idle worker waits before looking again
 * @param breakerFailures consecutive transient failures after which a tenant's circuit
 * opens
 * @param breakerCoolDown how long an open circuit waits before one trial call
 */
@ConfigurationProperties("cohort.jobs")
record JobSettings(@DefaultValue("2s") Duration baseDelay, @DefaultValue("30m") Duration maxDelay,
		@DefaultValue("24h") Duration retryBudget, @DefaultValue("2m") Duration lease, @DefaultValue("2") int workers,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("5") int breakerFailures,
		@DefaultValue("1m") Duration breakerCoolDown) {
}
