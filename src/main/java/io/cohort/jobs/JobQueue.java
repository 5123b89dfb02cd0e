package io.cohort.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.AuditFact;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbound job queue. A job is written in the transaction of the change that causes it, carrying
 * the request's correlation id; operators retry DEAD jobs or cancel jobs, each action audited (see
 * {@link JobCancellations} for what a cancellation does to the jobs after it).
 */
@Service
public class SyncJobQueue {

	private final SyncJobRepository jobs;

	private final RetryPolicies policies;

	private final ApplicationEventPublisher events;

	private final JobCancellations cancellations;

	private final Clock clock;

	SyncJobQueue(SyncJobRepository jobs, RetryPolicies policies, ApplicationEventPublisher events,
			JobCancellations cancellations, Clock clock) {
		this.jobs = jobs;
		this.policies = policies;
		this.events = events;
		this.cancellations = cancellations;
		this.clock = clock;
	}

	/**
	 * A job to write: the payload is a JSON snapshot; {@code waitsFor} is the job that must succeed first;
	 * {@code runId} the class run the record belongs to, for the compliance roll-up.
	 */
	public record NewJob(UUID tenantId, String target, String operation, String entityType, UUID entityId,
			String idempotencyKey, String payload, @Nullable UUID waitsFor, @Nullable UUID runId) {
	}

	/** How many of a run's records of one entity type stand in one status (see the repository's rule). */
	public record RunJobCount(UUID runId, String entityType, SyncJobStatus status, long count) {
	}

	/**
	 * Writes the job in the caller's transaction (which must exist: a job without its change would be a
	 * lie); a second job with the same key is not written, and the first is returned. A TPGateway job gets
	 * the attempts its tenant chose, else the installation's.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public SyncJob enqueue(NewJob job) {
		Instant now = now();
		return jobs.insertOrGet(new SyncJob(UUID.randomUUID(), job.tenantId(), job.target(), job.operation(),
				job.entityType(), job.entityId(), job.idempotencyKey(), job.payload(), SyncJobStatus.PENDING, 0,
				policies.of(job.tenantId()).maxAttempts(), now, null, null, null, RequestMetadata.correlationId().orElse(null),
				job.waitsFor(), now, now, null), job.runId());
	}

	@Transactional(readOnly = true)
	public PageView<SyncJob> list(@Nullable SyncJobStatus status, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(jobs.page(tenant, status, page, size), page, size, jobs.count(tenant, status));
	}

	/** The caller's tenant's record counts per run, entity type and status. */
	@Transactional(readOnly = true)
	public List<RunJobCount> countsByRun() {
		return jobs.countsByRun(CurrentActor.tenantId());
	}

	@Transactional(readOnly = true)
	public SyncJob get(UUID id) {
		return jobs.find(CurrentActor.tenantId(), id).orElseThrow(() -> CohortException.notFound("job", id));
	}

	/** Puts DEAD or CANCELLED jobs back in the queue with fresh attempts; returns those requeued. */
	@Transactional
	public List<UUID> retry(Collection<UUID> ids) {
		UUID tenant = CurrentActor.tenantId();
		List<UUID> requeued = jobs.requeue(tenant, ids, now());
		requeued.forEach(id -> events.publishEvent(AuditFact.of(tenant, "gateway.job.retried", "sync_job", id, Map.of())));
		return requeued;
	}

	/**
	 * Cancels jobs that have not finished and are not running, audited; the jobs after a cancelled
	 * creation are cancelled with it, those after any other change move up and still run. Returns those of
	 * {@code ids} that were cancelled.
	 */
	@Transactional
	public List<UUID> cancel(Collection<UUID> ids) {
		return cancellations.cancel(CurrentActor.tenantId(), ids, "Cancelled by an operator");
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
