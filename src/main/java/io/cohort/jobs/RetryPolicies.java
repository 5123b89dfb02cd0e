package io.cohort.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.system.CohortException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each tenant's retry policy, set by its ADMIN; a tenant that has set none gets the
 * installation's ({@code cohort.jobs.*}). A change also applies to the tenant's
 * unfinished jobs.
 */
@Service
public class RetryPolicies {

	private final JdbcClient jdbc;

	private final JobSettings defaults;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RetryPolicies(JdbcClient jdbc, JobSettings defaults, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.defaults = defaults;
		this.events = events;
		this.clock = clock;
	}

	/** A policy to set; the bounds are checked by the caller, their relation here. */
	public record PolicyChange(int baseDelaySeconds, int maxDelaySeconds, int retryBudgetSeconds,
			int breakerFailureThreshold, int breakerCoolDownSeconds) {
	}

	/** The caller's tenant's policy. */
	@Transactional(readOnly = true)
	public RetryPolicy get() {
		return of(CurrentActor.tenantId());
	}

	@Transactional
	public RetryPolicy update(PolicyChange change) {
		if (change.maxDelaySeconds() < change.baseDelaySeconds()) {
			throw CohortException.invalidField("max_delay_seconds", "must not be shorter than base_delay_seconds");
		}
		UUID tenant = CurrentActor.tenantId();
		RetryPolicy before = of(tenant);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String by = CurrentActor.actorRef().label();
		jdbc.sql(
				"""
						INSERT INTO job_retry_policy (tenant_id, base_delay_seconds, max_delay_seconds, retry_budget_seconds,
						    breaker_failure_threshold, breaker_cool_down_seconds, updated_at, updated_by)
						VALUES (:tenant, :base, :max, :budget, :failures, :cool_down, :now, :by)
						ON CONFLICT (tenant_id) DO UPDATE SET base_delay_seconds = EXCLUDED.base_delay_seconds,
						    max_delay_seconds = EXCLUDED.max_delay_seconds, retry_budget_seconds = EXCLUDED.retry_budget_seconds,
						    breaker_failure_threshold = EXCLUDED.breaker_failure_threshold,
						    breaker_cool_down_seconds = EXCLUDED.breaker_cool_down_seconds,
						    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
			.param("tenant", tenant)
			.param("base", change.baseDelaySeconds())
			.param("max", change.maxDelaySeconds())
			.param("budget", change.retryBudgetSeconds())
			.param("failures", change.breakerFailureThreshold())
			.param("cool_down", change.breakerCoolDownSeconds())
			.param("now", Timestamp.from(now))
			.param("by", by)
			.update();
		Changes changes = Changes.of()
			.field("base_delay_seconds", before.baseDelaySeconds(), change.baseDelaySeconds())
			.field("max_delay_seconds", before.maxDelaySeconds(), change.maxDelaySeconds())
			.field("retry_budget_seconds", before.retryBudgetSeconds(), change.retryBudgetSeconds())
			.field("breaker_failure_threshold", before.breakerFailureThreshold(), change.breakerFailureThreshold())
			.field("breaker_cool_down_seconds", before.breakerCoolDownSeconds(), change.breakerCoolDownSeconds());
		events.publishEvent(AuditFact.of(tenant, "retry_policy.updated", "job_retry_policy", tenant, changes.toMap()));
		return of(tenant);
	}

	/** The tenant's policy, or the installation's defaults. */
	RetryPolicy of(UUID tenant) {
		return find(tenant).orElseGet(() -> new RetryPolicy(seconds(defaults.baseDelay()), seconds(defaults.maxDelay()),
				seconds(defaults.retryBudget()), defaults.breakerFailures(), seconds(defaults.breakerCoolDown()), null,
				null));
	}

	private Optional<RetryPolicy> find(UUID tenant) {
		return jdbc.sql("SELECT * FROM job_retry_policy WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query((rs, n) -> new RetryPolicy(rs.getInt("base_delay_seconds"), rs.getInt("max_delay_seconds"),
					rs.getInt("retry_budget_seconds"), rs.getInt("breaker_failure_threshold"),
					rs.getInt("breaker_cool_down_seconds"), rs.getTimestamp("updated_at").toInstant(),
					rs.getString("updated_by")))
			.optional();
	}

	private static int seconds(Duration duration) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toSeconds()));
	}

}
