package io.cohort.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The outbound job queue. A job is written in the transaction of the change that causes
 * it, carrying the request's correlation id; operators retry DEAD jobs or cancel jobs,
 * each action audited (see {@link JobCancellations} for what a cancellation does to the
 * jobs after it).
 */
@Service
public class JobQueue {

	private final JobRepository jobs;

	private final RetryPolicies policies;

	private final ApplicationEventPublisher events;

	private final JobCancellations cancellations;

	private final Clock clock;

	JobQueue(JobRepository jobs, RetryPolicies policies, ApplicationEventPublisher events,
			JobCancellations cancellations, Clock clock) {
		this.jobs = jobs;
		this.policies = policies;
		this.events = events;
		this.cancellations = cancellations;
		this.clock = clock;
	}

	/**
	 * A job to write: the payload is a JSON snapshot; {@code waitsFor} is the job that
	 * must succeed first; {@code runId} the class run the record belongs to, for the
	 * compliance roll-up.
	 */
	public record NewJob(UUID tenantId, String target, String operation, String entityType, UUID entityId,
			String idempotencyKey, String payload, @Nullable UUID waitsFor, @Nullable UUID runId) {
	}

	/**
	 * Which of a record's jobs tells where the record stands, first in an
	 * {@code ORDER BY} over jobs {@code j}: a DEAD job (the record is stuck until an
	 * operator acts), else a retrying one, else one waiting or being sent, else a
	 * succeeded one, the latest first within each; a cancelled job only when nothing else
	 * is left.
	 */
	public static final String RECORD_STATE_ORDER = """
			CASE j.status WHEN 'DEAD' THEN 0 WHEN 'RETRYING' THEN 1 WHEN 'PENDING' THEN 2 WHEN 'RUNNING' THEN 2
			    WHEN 'SUCCEEDED' THEN 3 ELSE 4 END, j.created_at DESC, j.id DESC""";

	/**
	 * A job as a link of a chain: its tenant, what it waits for, its operation and the
	 * reference it got.
	 */
	public record Link(UUID tenantId, @Nullable UUID waitsFor, String operation, @Nullable String reference) {
	}

	/**
	 * How many of a run's records of one entity type stand in one status (see
	 * {@link #RECORD_STATE_ORDER}).
	 */
	public record RunJobCount(UUID runId, String entityType, JobStatus status, long count) {
	}

	/**
	 * Writes the job in the caller's transaction (which must exist: a job without its
	 * change would be a lie); a second job with the same key is not written, and the
	 * first is returned. A TPGateway job gets the attempts its tenant chose, else the
	 * installation's.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Job enqueue(NewJob job) {
		Instant now = now();
		return jobs.insertOrGet(new Job(UUID.randomUUID(), job.tenantId(), job.target(), job.operation(),
				job.entityType(), job.entityId(), job.idempotencyKey(), job.payload(), JobStatus.PENDING, 0, now, null,
				null, null, RequestMetadata.correlationId().orElse(null), job.waitsFor(), now, now, null, null,
				job.runId(), null, null));
	}

	/** The tenant's job with this idempotency key. */
	public Optional<Job> byKey(UUID tenant, String idempotencyKey) {
		return jobs.findByKey(tenant, idempotencyKey);
	}

	/** The jobs written for one record, oldest first. */
	public List<Job> ofEntity(UUID tenant, String entityType, UUID entityId) {
		return jobs.ofEntity(tenant, entityType, entityId);
	}

	/**
	 * The jobs with these ids as links of their chains, by id (read by the ids alone: the
	 * caller checks the tenant of each).
	 */
	public Map<UUID, Link> links(Collection<UUID> ids) {
		return jobs.links(ids);
	}

	/**
	 * The references the tenant's succeeded jobs of this operation got, but for one
	 * record's.
	 */
	public Set<String> references(UUID tenant, String operation, UUID exceptEntity) {
		return jobs.references(tenant, operation, exceptEntity);
	}

	/**
	 * A run's jobs with these operations that have not finished and are not running,
	 * oldest first.
	 */
	public List<UUID> unfinishedOfRun(UUID tenant, UUID runId, Collection<String> operations) {
		return jobs.unfinishedOfRun(tenant, runId, operations);
	}

	/** The run's job with this operation if no attempt at it was ever made. */
	public Optional<UUID> unsent(UUID tenant, UUID runId, String operation) {
		return jobs.unsent(tenant, runId, operation);
	}

	/** The class run a job belongs to, if it belongs to one. */
	public Optional<UUID> runOf(UUID tenant, UUID jobId) {
		return jobs.runOf(tenant, jobId);
	}

	/**
	 * Whether the run has a job with this operation that was not cancelled: on its way,
	 * or done.
	 */
	public boolean anyLive(UUID tenant, UUID runId, String operation) {
		return jobs.anyLive(tenant, runId, operation);
	}

	@Transactional(readOnly = true)
	public PageView<Job> list(@Nullable String target, @Nullable JobStatus status, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(jobs.page(tenant, target, status, page, size), page, size,
				jobs.count(tenant, target, status));
	}

	/** The caller's tenant's record counts per run, entity type and status. */
	@Transactional(readOnly = true)
	public List<RunJobCount> countsByRun() {
		return jobs.countsByRun(CurrentActor.tenantId());
	}

	@Transactional(readOnly = true)
	public Job get(UUID id) {
		return jobs.find(CurrentActor.tenantId(), id).orElseThrow(() -> CohortException.notFound("job", id));
	}

	/**
	 * Puts DEAD or CANCELLED jobs back in the queue with fresh attempts; returns those
	 * requeued.
	 */
	@Transactional
	public List<UUID> retry(Collection<UUID> ids) {
		UUID tenant = CurrentActor.tenantId();
		List<UUID> requeued = jobs.requeue(tenant, ids, now());
		requeued.forEach(id -> events.publishEvent(AuditFact.of(tenant, "job.retried", "sync_job", id, Map.of())));
		return requeued;
	}

	/**
	 * Cancels jobs that have not finished and are not running, audited; the jobs after a
	 * cancelled creation are cancelled with it, those after any other change move up and
	 * still run. Returns those of {@code ids} that were cancelled.
	 */
	@Transactional
	public List<UUID> cancel(Collection<UUID> ids) {
		return cancellations.cancel(CurrentActor.tenantId(), ids, "Cancelled by an operator");
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
