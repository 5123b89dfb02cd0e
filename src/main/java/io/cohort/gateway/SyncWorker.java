package io.cohort.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import io.cohort.system.RequestMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains due jobs: claims a batch (its own short transaction), runs each attempt outside any
 * transaction, and records the outcome (another short transaction) only if the lease is still its
 * own. Retries back off exponentially with jitter by the tenant's {@link RetryPolicy}, never sooner than
 * the gateway's {@code Retry-After}; a permanent failure, or the last attempt, makes the job DEAD with the
 * reason, unless the job has become moot meanwhile (its run is being deleted on the gateway): then it is
 * CANCELLED. Each outcome also feeds the tenant's {@link CircuitBreaker}: the claim takes one trial job of
 * each circuit whose cool-down has passed and skips the jobs of circuits that are open.
 */
@Component
class SyncWorker {

	private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

	private final SyncJobRepository jobs;

	private final SyncJobSettings settings;

	private final RetryPolicies policies;

	private final CircuitBreaker breaker;

	private final ApplicationEventPublisher events;

	private final JobCancellations cancellations;

	private final TransactionTemplate tx;

	private final Clock clock;

	SyncWorker(SyncJobRepository jobs, SyncJobSettings settings, RetryPolicies policies, CircuitBreaker breaker,
			ApplicationEventPublisher events, JobCancellations cancellations, PlatformTransactionManager transactions,
			Clock clock) {
		this.jobs = jobs;
		this.settings = settings;
		this.policies = policies;
		this.breaker = breaker;
		this.events = events;
		this.cancellations = cancellations;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** Claims and runs up to {@code batch} due jobs as {@code worker}; returns how many it ran. */
	int drainOnce(String worker, int batch, SyncExecutor executor) {
		Instant now = now();
		Instant lease = now.plus(settings.lease());
		List<SyncJob> claimed = tx.execute(status -> {
			List<SyncJob> batchOfJobs = new ArrayList<>();
			for (CircuitBreaker.Due circuit : breaker.halfOpenDue(now, lease)) {
				jobs.claimTrial(worker, circuit.tenantId(), circuit.target(), now, lease)
					.ifPresentOrElse(trial -> {
						breaker.trial(circuit, trial.id());
						batchOfJobs.add(trial);
					}, () -> breaker.noTrial(circuit, now));
			}
			batchOfJobs.addAll(jobs.claim(worker, batch, now, lease));
			return batchOfJobs;
		});
		for (SyncJob job : claimed) {
			run(worker, job, executor);
		}
		return claimed.size();
	}

	private void run(String worker, SyncJob job, SyncExecutor executor) {
		if (job.correlationId() != null) {
			MDC.put(RequestMetadata.MDC_KEY, job.correlationId());
		}
		try {
			SyncOutcome outcome;
			try {
				outcome = executor.execute(job);
			}
			catch (RuntimeException ex) {
				log.warn("Job {} ({} {}) failed unexpectedly", job.id(), job.operation(), job.entityType(), ex);
				outcome = new SyncOutcome.Retryable(String.valueOf(ex.getMessage()), null);
			}
			record(worker, job, outcome);
		}
		finally {
			MDC.remove(RequestMetadata.MDC_KEY);
		}
	}

	private void record(String worker, SyncJob job, SyncOutcome outcome) {
		Instant now = now();
		RetryPolicy policy = policies.of(job.tenantId());
		tx.executeWithoutResult(status -> {
			boolean mine;
			if (outcome instanceof SyncOutcome.Succeeded ok) {
				mine = jobs.finish(job.id(), worker, SyncJobStatus.SUCCEEDED, null, ok.reference(), now, now);
				if (mine) {
					audit(job, "gateway.job.succeeded",
							ok.reference() == null ? Map.of() : Map.of("gateway_reference", ok.reference()));
					cancellations.succeeded(job);
				}
			}
			else {
				String error = outcome instanceof SyncOutcome.Permanent failed ? failed.message()
						: ((SyncOutcome.Retryable) outcome).message();
				Optional<String> moot = cancellations.mootAfterFailure(job);
				if (moot.isPresent()) {
					mine = jobs.finish(job.id(), worker, SyncJobStatus.CANCELLED,
							moot.get() + " (last error: " + error + ")", null, now, now);
					if (mine) {
						cancellations.cancelled(job, moot.get());
					}
				}
				else if (outcome instanceof SyncOutcome.Permanent || job.attempts() >= job.maxAttempts()) {
					mine = dead(worker, job, error, now);
				}
				else {
					mine = jobs.finish(job.id(), worker, SyncJobStatus.RETRYING, error, null,
							now.plus(delay(policy, job.attempts(), ((SyncOutcome.Retryable) outcome).retryAfter())), now);
				}
			}
			if (mine && outcome instanceof SyncOutcome.Retryable failed) {
				breaker.failed(job.tenantId(), job.target(), failed.message(), policy.breakerFailureThreshold(),
						policy.breakerCoolDown(), now);
			}
			else if (mine) {
				breaker.succeeded(job.tenantId(), job.target(), now);
			}
			if (!mine) {
				log.info("Job {} was taken over by another worker after its lease ran out; its outcome is theirs",
						job.id());
			}
		});
	}

	private boolean dead(String worker, SyncJob job, String message, Instant now) {
		boolean written = jobs.finish(job.id(), worker, SyncJobStatus.DEAD, message, null, now, now);
		if (written) {
			audit(job, "gateway.job.dead", Map.of("error", message, "attempts", job.attempts()));
		}
		return written;
	}

	private void audit(SyncJob job, String action, Map<String, ?> changes) {
		java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>(changes);
		summary.put("operation", job.operation());
		summary.put("entity_type", job.entityType());
		summary.put("entity_id", job.entityId().toString());
		events.publishEvent(AuditFact.of(job.tenantId(), action, "sync_job", job.id(), summary).by(ActorRef.system()));
	}

	/**
	 * The wait before attempt {@code attempts + 1}: base × 2^(attempts − 1), capped, with "equal jitter"
	 * (half fixed, half random), and never shorter than the gateway's {@code Retry-After}.
	 */
	static Duration delay(RetryPolicy policy, int attempts, @org.jspecify.annotations.Nullable Duration retryAfter) {
		long exponential = policy.baseDelay().toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
		long capped = Math.min(exponential, policy.maxDelay().toMillis());
		long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
		Duration wait = Duration.ofMillis(jittered);
		return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
