package io.cohort.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains due jobs: claims a batch (its own short transaction), runs each attempt outside
 * any transaction, and records the batch's outcomes (another short transaction), each
 * only if the lease is still its own. Retries back off exponentially with jitter by the
 * tenant's {@link RetryPolicy}, never sooner than the target's {@code Retry-After}; a
 * permanent failure, or the last attempt, makes the job DEAD with the reason, unless its
 * target says the job has become moot meanwhile (TPGateway: its run is being deleted):
 * then it is CANCELLED. Each outcome also feeds the tenant's {@link CircuitBreaker}: the
 * claim takes one trial job of each circuit whose cool-down has passed and skips the jobs
 * of circuits that are open. When the instance stops, a batch hands back the jobs it has
 * not started. A retry scheduled past its record's deadline ({@link RecordDeadlines})
 * raises an alarm once per job: an audit fact and {@link JobPastDeadline}.
 */
@Component
class JobWorker {

	private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

	private final JobRepository jobs;

	private final JobSettings settings;

	private final RetryPolicies policies;

	private final CircuitBreaker breaker;

	private final ApplicationEventPublisher events;

	private final JobCancellations cancellations;

	private final JobTargets targets;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final WorkerScope scope;

	private final ObjectProvider<RecordDeadlines> deadlines;

	private volatile boolean stopping;

	@Autowired
	JobWorker(JobRepository jobs, JobSettings settings, RetryPolicies policies, CircuitBreaker breaker,
			ApplicationEventPublisher events, JobCancellations cancellations, JobTargets targets,
			PlatformTransactionManager transactions, Clock clock, ObjectProvider<RecordDeadlines> deadlines) {
		this(jobs, settings, policies, breaker, events, cancellations, targets, transactions, clock,
				WorkerScope.EVERY_TENANT, deadlines);
	}

	JobWorker(JobRepository jobs, JobSettings settings, RetryPolicies policies, CircuitBreaker breaker,
			ApplicationEventPublisher events, JobCancellations cancellations, JobTargets targets,
			PlatformTransactionManager transactions, Clock clock, WorkerScope scope,
			ObjectProvider<RecordDeadlines> deadlines) {
		this.jobs = jobs;
		this.settings = settings;
		this.policies = policies;
		this.breaker = breaker;
		this.events = events;
		this.cancellations = cancellations;
		this.targets = targets;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
		this.scope = scope;
		this.deadlines = deadlines;
	}

	/**
	 * Claims and runs up to {@code batch} due jobs as {@code worker}, with the executor
	 * {@code executors} makes for them (the targets' own, see
	 * {@link JobTargets#forBatch}); returns how many it claimed. The executor reads ahead
	 * for the whole batch; the outcomes are written together, in one short transaction,
	 * at the end of the batch or as soon as half the lease has passed. A job whose lease
	 * ran out before its turn (slow calls before it) is not started, as another worker
	 * may have it by then.
	 */
	int drainOnce(String worker, int batch, Function<List<Job>, JobExecutor> executors) {
		Instant claimedAt = now();
		Instant lease = claimedAt.plus(settings.lease());
		Instant flushBy = claimedAt.plus(settings.lease().dividedBy(2));
		List<Job> claimed = tx.execute(status -> {
			List<Job> batchOfJobs = new ArrayList<>();
			for (CircuitBreaker.Due circuit : breaker.halfOpenDue(claimedAt, lease, scope)) {
				jobs.claimTrial(worker, circuit.tenantId(), circuit.target(), claimedAt, lease)
					.ifPresentOrElse(trial -> {
						breaker.trial(circuit, trial.id());
						batchOfJobs.add(trial);
					}, () -> breaker.noTrial(circuit, claimedAt));
			}
			batchOfJobs.addAll(jobs.claim(worker, batch, claimedAt, lease, scope));
			return batchOfJobs;
		});
		if (claimed.isEmpty()) {
			return 0;
		}
		JobExecutor attempts = executors.apply(claimed);
		List<Attempt> done = new ArrayList<>(claimed.size());
		int started = 0;
		for (Job job : claimed) {
			if (!now().isBefore(lease) || stopping) {
				break;
			}
			started++;
			done.add(new Attempt(job, run(job, attempts)));
			if (now().isAfter(flushBy)) {
				record(worker, done);
				done.clear();
			}
		}
		if (!done.isEmpty()) {
			record(worker, done);
		}
		if (stopping && started < claimed.size()) {
			List<UUID> unstarted = claimed.subList(started, claimed.size()).stream().map(Job::id).toList();
			int handedBack = tx.execute(status -> jobs.handBack(worker, unstarted, now()));
			log.info("Stopping: handed back {} claimed job(s) not started", handedBack);
		}
		return claimed.size();
	}

	/**
	 * The instance is stopping: from now on each batch finishes the attempt under way,
	 * records the outcomes and hands back the jobs it has not started.
	 */
	void stopping() {
		stopping = true;
	}

	/** Whether {@link #stopping()} was called. */
	boolean isStopping() {
		return stopping;
	}

	private record Attempt(Job job, JobOutcome outcome) {
	}

	private record Circuit(UUID tenantId, String target) {
	}

	private JobOutcome run(Job job, JobExecutor executor) {
		withCorrelation(job);
		try {
			return executor.execute(job);
		}
		catch (RuntimeException ex) {
			log.warn("Job {} ({} {}) failed unexpectedly", job.id(), job.operation(), job.entityType(), ex);
			return new JobOutcome.Retryable(String.valueOf(ex.getMessage()), null);
		}
		finally {
			MDC.remove(RequestMetadata.MDC_KEY);
		}
	}

	private static void withCorrelation(Job job) {
		if (job.correlationId() != null) {
			MDC.put(RequestMetadata.MDC_KEY, job.correlationId());
		}
	}

	/**
	 * Writes the attempts' outcomes in one transaction, each only if the job's lease is
	 * still this worker's, and feeds them to the circuit breaker in order (a run of
	 * successes closes a circuit once).
	 */
	private void record(String worker, List<Attempt> attempts) {
		Instant now = now();
		Map<UUID, RetryPolicy> policyOf = new HashMap<>(); // read only for tenants with a
															// failure in the batch
		tx.executeWithoutResult(status -> {
			Map<UUID, @Nullable String> references = new LinkedHashMap<>();
			attempts.stream()
				.filter(attempt -> attempt.outcome() instanceof JobOutcome.Succeeded)
				.forEach(attempt -> references.put(attempt.job().id(),
						((JobOutcome.Succeeded) attempt.outcome()).reference()));
			Set<UUID> succeeded = jobs.finishSucceeded(worker, references, now);
			Map<Circuit, Boolean> lastSucceeded = new LinkedHashMap<>();
			for (Attempt attempt : attempts) {
				Job job = attempt.job();
				withCorrelation(job);
				try {
					boolean mine = attempt.outcome() instanceof JobOutcome.Succeeded ok
							? succeeded(job, ok, succeeded.contains(job.id())) : failed(worker, job, attempt.outcome(),
									policyOf.computeIfAbsent(job.tenantId(), policies::of), now);
					if (!mine) {
						log.info(
								"Job {} was taken over by another worker after its lease ran out; its outcome is theirs",
								job.id());
						continue;
					}
				}
				finally {
					MDC.remove(RequestMetadata.MDC_KEY);
				}
				Circuit circuit = new Circuit(job.tenantId(), job.target());
				if (attempt.outcome() instanceof JobOutcome.Retryable failed) {
					if (Boolean.TRUE.equals(lastSucceeded.get(circuit))) {
						breaker.succeeded(job.tenantId(), job.target(), now);
					}
					RetryPolicy policy = policyOf.get(job.tenantId()); // read for the
																		// failure just
																		// written
					breaker.failed(job.tenantId(), job.target(), failed.message(), policy.breakerFailureThreshold(),
							policy.breakerCoolDown(), now);
				}
				lastSucceeded.put(circuit, !(attempt.outcome() instanceof JobOutcome.Retryable));
			}
			lastSucceeded.forEach((circuit, closes) -> {
				if (closes) {
					breaker.succeeded(circuit.tenantId(), circuit.target(), now);
				}
			});
		});
	}

	/**
	 * What follows a success that was written ({@code written}); returns {@code written}.
	 */
	private boolean succeeded(Job job, JobOutcome.Succeeded ok, boolean written) {
		if (written) {
			audit(job, "job.succeeded", ok.reference() == null ? Map.of() : Map.of("reference", ok.reference()));
			targets.of(job.target()).ifPresent(target -> target.succeeded(job, ok.reference()));
		}
		return written;
	}

	/**
	 * Writes a failed attempt's outcome; returns whether the job was still this worker's
	 * to write.
	 */
	private boolean failed(String worker, Job job, JobOutcome outcome, RetryPolicy policy, Instant now) {
		String error = outcome instanceof JobOutcome.Permanent failed ? failed.message()
				: ((JobOutcome.Retryable) outcome).message();
		Optional<String> moot = targets.of(job.target()).flatMap(target -> target.mootAfterFailure(job));
		if (moot.isPresent()) {
			boolean mine = jobs.finish(job.id(), worker, JobStatus.CANCELLED,
					moot.get() + " (last error: " + error + ")", null, now, now);
			if (mine) {
				cancellations.cancelled(job, moot.get());
			}
			return mine;
		}
		if (outcome instanceof JobOutcome.Permanent) {
			return dead(worker, job, error, now);
		}
		Instant failingSince = job.firstFailedAt() == null ? now : job.firstFailedAt();
		Instant givesUp = failingSince.plus(policy.retryBudget());
		if (!now.isBefore(givesUp)) {
			return dead(worker, job, "Gave up after " + job.attempts() + " attempts over "
					+ Duration.between(failingSince, now).toMinutes() + " minutes: " + error, now);
		}
		Instant next = now.plus(delay(policy, job.attempts(), ((JobOutcome.Retryable) outcome).retryAfter()));
		// the last try comes when the budget ends, not after it
		Instant scheduled = next.isAfter(givesUp) ? givesUp : next;
		boolean mine = jobs.finish(job.id(), worker, JobStatus.RETRYING, error, null, scheduled, now);
		if (mine && job.deadlineAlarmAt() == null) {
			alarmIfPastDeadline(job, scheduled, now);
		}
		return mine;
	}

	/**
	 * Raises the job's deadline alarm, once, when its next attempt falls after its
	 * record's deadline.
	 */
	private void alarmIfPastDeadline(Job job, Instant scheduled, Instant now) {
		RecordDeadlines owner = deadlines.getIfAvailable();
		Optional<Instant> deadline = owner == null ? Optional.empty() : owner.of(job);
		if (deadline.isEmpty() || !scheduled.isAfter(deadline.get())
				|| !jobs.flagDeadlineAlarm(job.id(), deadline.get(), now)) {
			return;
		}
		audit(job, "job.deadline_at_risk",
				Map.of("next_attempt_at", scheduled.toString(), "deadline", deadline.get().toString()));
		events.publishEvent(new JobPastDeadline(job.tenantId(), job.id(), job.operation(), job.entityType(),
				job.entityId(), scheduled, deadline.get()));
	}

	private boolean dead(String worker, Job job, String message, Instant now) {
		boolean written = jobs.finish(job.id(), worker, JobStatus.DEAD, message, null, now, now);
		if (written) {
			audit(job, "job.dead", Map.of("error", message, "attempts", job.attempts()));
			events.publishEvent(
					new JobDead(job.tenantId(), job.id(), job.operation(), job.entityType(), job.entityId(), message));
		}
		return written;
	}

	private void audit(Job job, String action, Map<String, ?> changes) {
		Map<String, Object> summary = new LinkedHashMap<>(changes);
		summary.put("operation", job.operation());
		summary.put("entity_type", job.entityType());
		summary.put("entity_id", job.entityId().toString());
		events.publishEvent(AuditFact.of(job.tenantId(), action, "sync_job", job.id(), summary).by(ActorRef.system()));
	}

	/**
	 * The wait before attempt {@code attempts + 1}: base × 2^(attempts − 1), capped, with
	 * "equal jitter" (half fixed, half random), and never shorter than the target's
	 * {@code Retry-After}.
	 */
	static Duration delay(RetryPolicy policy, int attempts, @Nullable Duration retryAfter) {
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
