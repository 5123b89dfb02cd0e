package io.cohort.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound jobs. Claiming uses {@code FOR UPDATE SKIP LOCKED}, so any number of workers
 * on any number of instances take disjoint jobs; a RUNNING job whose lease ran out (its
 * worker died) is claimable again.
 */
@Repository
class JobRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	JobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes the job unless one with the same key exists; returns the job that holds the
	 * key.
	 */
	Job insertOrGet(Job job) {
		int inserted = jdbc
			.sql("""
					INSERT INTO sync_job (id, tenant_id, target, operation, entity_type, entity_id, idempotency_key, payload,
					    status, attempts, next_attempt_at, correlation_id, waits_for, run_id, created_at, updated_at)
					VALUES (:id, :tenant, :target, :operation, :entity_type, :entity_id, :key, :payload, 'PENDING', 0,
					    :next, :correlation, :waits_for, :run, :now, :now)
					ON CONFLICT (tenant_id, idempotency_key) DO NOTHING""")
			.param("id", job.id())
			.param("tenant", job.tenantId())
			.param("target", job.target())
			.param("operation", job.operation())
			.param("entity_type", job.entityType())
			.param("entity_id", job.entityId())
			.param("key", job.idempotencyKey())
			.param("payload", job.payload())
			.param("next", Timestamp.from(job.nextAttemptAt()))
			.param("correlation", job.correlationId())
			.param("waits_for", job.waitsFor())
			.param("run", job.runId())
			.param("now", Timestamp.from(job.createdAt()))
			.update();
		if (inserted == 1) {
			return job;
		}
		return jdbc.sql("SELECT * FROM sync_job WHERE tenant_id = :tenant AND idempotency_key = :key")
			.param("tenant", job.tenantId())
			.param("key", job.idempotencyKey())
			.query(JobRepository::map)
			.single();
	}

	/**
	 * Claims up to {@code limit} due jobs for one worker: running jobs whose lease ran
	 * out first, then pending or retrying jobs whose time has come and whose predecessor
	 * succeeded or was cancelled (a cancellation moves or cancels the jobs after it, so
	 * one left waiting for a cancelled job must not wait forever), oldest due first. Each
	 * half walks its own partial index in order and stops at the limit, so a claim costs
	 * the same however long the queue is. Jobs of a tenant whose circuit towards the
	 * job's target is not closed are left alone: they stay due, their attempts untouched;
	 * so are jobs of tenants outside the worker's {@code scope}.
	 * <p>
	 * Must run in a transaction: the claim is planned afresh each time in it (see
	 * {@link #planAfresh}).
	 */
	List<Job> claim(String worker, int limit, Instant now, Instant leaseUntil, WorkerScope scope) {
		planAfresh();
		return scope.bind(jdbc.sql(CLAIM.formatted("""
				AND NOT EXISTS (SELECT 1 FROM job_circuit c
				                WHERE c.tenant_id = j.tenant_id AND c.target = j.target AND c.state <> 'CLOSED')
				""" + scope.condition("j"))))
			.param("worker", worker)
			.param("limit", limit)
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(leaseUntil))
			.query(JobRepository::map)
			.list();
	}

	/**
	 * Claims the one due job of a tenant and target that is a half-open circuit's trial
	 * call.
	 */
	Optional<Job> claimTrial(String worker, UUID tenant, String target, Instant now, Instant leaseUntil) {
		planAfresh();
		return jdbc.sql(CLAIM.formatted("AND j.tenant_id = :tenant AND j.target = :target"))
			.param("worker", worker)
			.param("limit", 1)
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(leaseUntil))
			.param("tenant", tenant)
			.param("target", target)
			.query(JobRepository::map)
			.optional();
	}

	/**
	 * Has the rest of the transaction's statements planned for the table as it is now,
	 * not by a plan the connection cached earlier. The workers claim from the moment the
	 * application starts, when the queue may be empty; a plan cached then (a sequential
	 * scan and a sort) stayed in use as a burst of jobs grew the table until it was next
	 * analysed, making each claim read the whole queue. Planning a claim costs a fraction
	 * of a millisecond, once per batch.
	 */
	private void planAfresh() {
		jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
	}

	/**
	 * The claim, with a condition ({@code %1$s}) on the candidate job {@code j} added to
	 * both halves.
	 */
	private static final String CLAIM = """
			WITH expired AS (
			    SELECT j.id FROM sync_job j
			    WHERE j.status = 'RUNNING' AND j.lease_until < :now
			      %1$s
			    ORDER BY j.lease_until
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED),
			due AS (
			    SELECT j.id FROM sync_job j
			    WHERE j.status IN ('PENDING', 'RETRYING') AND j.next_attempt_at <= :now
			      AND (j.waits_for IS NULL
			           OR EXISTS (SELECT 1 FROM sync_job w WHERE w.id = j.waits_for AND w.status IN ('SUCCEEDED', 'CANCELLED')))
			      %1$s
			    ORDER BY j.next_attempt_at
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			UPDATE sync_job SET status = 'RUNNING', attempts = attempts + 1, lease_until = :lease, leased_by = :worker,
			    updated_at = :now
			WHERE id IN (SELECT id FROM expired UNION ALL SELECT id FROM due LIMIT :limit)
			RETURNING *""";

	/**
	 * Gives back claimed jobs that this worker has not started (its instance is
	 * stopping): due again at once, for any worker, as if never claimed. Returns how many
	 * were still this worker's.
	 */
	int handBack(String worker, Collection<UUID> ids, Instant now) {
		if (ids.isEmpty()) {
			return 0;
		}
		return jdbc
			.sql("""
					UPDATE sync_job SET status = CASE WHEN first_failed_at IS NULL THEN 'PENDING' ELSE 'RETRYING' END,
					    attempts = attempts - 1, lease_until = NULL, leased_by = NULL, next_attempt_at = :now, updated_at = :now
					WHERE id IN (:ids) AND status = 'RUNNING' AND leased_by = :worker""")
			.param("ids", ids)
			.param("worker", worker)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Records an attempt's end, only if this worker still holds the job. */
	boolean finish(UUID id, String worker, JobStatus status, @Nullable String error, @Nullable String reference,
			Instant nextAttempt, Instant now) {
		return jdbc
			.sql("""
					UPDATE sync_job SET status = :status, last_error = :error,
					    first_failed_at = CASE WHEN :status = 'RETRYING' THEN coalesce(first_failed_at, CAST(:now AS TIMESTAMPTZ)) END,
					    gateway_reference = coalesce(:reference, gateway_reference), next_attempt_at = :next,
					    lease_until = NULL, leased_by = NULL, updated_at = :now,
					    finished_at = CASE WHEN :status IN ('SUCCEEDED', 'DEAD', 'CANCELLED') THEN CAST(:now AS TIMESTAMPTZ) END
					WHERE id = :id AND status = 'RUNNING' AND leased_by = :worker""")
			.param("id", id)
			.param("worker", worker)
			.param("status", status.name())
			.param("error", error)
			.param("reference", reference)
			.param("next", Timestamp.from(nextAttempt))
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Flags the job's deadline alarm with the deadline it named, unless it was flagged
	 * before; returns whether this call flagged it.
	 */
	boolean flagDeadlineAlarm(UUID id, Instant deadline, Instant now) {
		return jdbc.sql("""
				UPDATE sync_job SET deadline_alarm_at = :now, record_deadline = :deadline
				WHERE id = :id AND deadline_alarm_at IS NULL""")
			.param("id", id)
			.param("deadline", Timestamp.from(deadline))
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Records the success of many attempts in one statement, each only if this worker
	 * still holds the job; {@code references} maps each job to the gateway reference it
	 * got (or null). Returns the jobs whose success was written. Must run in a
	 * transaction, planned afresh like a claim: a cached plan would join the outcomes to
	 * a queue as small as it was then.
	 */
	Set<UUID> finishSucceeded(String worker, Map<UUID, @Nullable String> references, Instant now) {
		if (references.isEmpty()) {
			return Set.of();
		}
		planAfresh();
		List<Map<String, @Nullable String>> outcomes = new ArrayList<>(references.size());
		references.forEach((id, reference) -> {
			Map<String, @Nullable String> outcome = new HashMap<>();
			outcome.put("id", id.toString());
			outcome.put("reference", reference);
			outcomes.add(outcome);
		});
		return new HashSet<>(jdbc.sql("""
				UPDATE sync_job j SET status = 'SUCCEEDED', last_error = NULL,
				    gateway_reference = coalesce(o.reference, j.gateway_reference), next_attempt_at = :now,
				    lease_until = NULL, leased_by = NULL, updated_at = :now, finished_at = :now
				FROM jsonb_to_recordset(CAST(:outcomes AS jsonb)) AS o(id uuid, reference text)
				WHERE j.id = o.id AND j.status = 'RUNNING' AND j.leased_by = :worker
				RETURNING j.id""")
			.param("outcomes", JSON.writeValueAsString(outcomes))
			.param("worker", worker)
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.list());
	}

	/**
	 * Puts DEAD (or, with {@code fromCancelled}, CANCELLED) jobs of the tenant back in
	 * the queue.
	 */
	List<UUID> requeue(UUID tenant, Collection<UUID> ids, Instant now) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("""
					UPDATE sync_job SET status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = NULL, first_failed_at = NULL,
					    finished_at = NULL, updated_at = :now
					WHERE tenant_id = :tenant AND id IN (:ids) AND status IN ('DEAD', 'CANCELLED')
					RETURNING id""")
			.param("tenant", tenant)
			.param("ids", ids)
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.list();
	}

	/**
	 * Cancels a job of the tenant that has not finished and is not running now, keeping
	 * its last error after the reason; returns it as cancelled.
	 */
	Optional<Job> cancel(UUID tenant, UUID id, String reason, Instant now) {
		return jdbc.sql("""
				UPDATE sync_job SET status = 'CANCELLED', finished_at = :now, updated_at = :now,
				    last_error = CAST(:reason AS TEXT) || coalesce(' (last error: ' || last_error || ')', '')
				WHERE tenant_id = :tenant AND id = :id AND status IN ('PENDING', 'RETRYING', 'DEAD')
				RETURNING *""")
			.param("tenant", tenant)
			.param("id", id)
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.query(JobRepository::map)
			.optional();
	}

	/** The unfinished jobs that wait for this one, in the order they were written. */
	List<UUID> waitingFor(UUID tenant, UUID id) {
		return jdbc.sql("""
				SELECT id FROM sync_job
				WHERE tenant_id = :tenant AND status IN ('PENDING', 'RETRYING', 'DEAD', 'RUNNING') AND waits_for = :id
				ORDER BY seq""").param("tenant", tenant).param("id", id).query(UUID.class).list();
	}

	/**
	 * Makes the unfinished jobs that wait for {@code from} wait for {@code to} instead.
	 */
	void repoint(UUID tenant, UUID from, @Nullable UUID to, Instant now) {
		jdbc.sql(
				"""
						UPDATE sync_job SET waits_for = :to, updated_at = :now
						WHERE tenant_id = :tenant AND status IN ('PENDING', 'RETRYING', 'DEAD', 'RUNNING') AND waits_for = :from""")
			.param("tenant", tenant)
			.param("from", from)
			.param("to", to)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * A run's jobs with these operations that have not finished and are not running,
	 * oldest first.
	 */
	List<UUID> unfinishedOfRun(UUID tenant, UUID runId, Collection<String> operations) {
		return jdbc.sql("""
				SELECT id FROM sync_job
				WHERE tenant_id = :tenant AND run_id = :run AND status IN ('PENDING', 'RETRYING', 'DEAD')
				  AND operation IN (:operations)
				ORDER BY seq""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("operations", operations)
			.query(UUID.class)
			.list();
	}

	/** The run's job with this operation if no attempt at it was ever made. */
	Optional<UUID> unsent(UUID tenant, UUID runId, String operation) {
		return jdbc.sql("""
				SELECT id FROM sync_job
				WHERE tenant_id = :tenant AND run_id = :run AND operation = :operation AND status = 'PENDING'
				  AND attempts = 0""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("operation", operation)
			.query(UUID.class)
			.optional();
	}

	/** The class run a job belongs to. */
	Optional<UUID> runOf(UUID tenant, UUID jobId) {
		return jdbc.sql("SELECT run_id FROM sync_job WHERE tenant_id = :tenant AND id = :id AND run_id IS NOT NULL")
			.param("tenant", tenant)
			.param("id", jobId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Whether the run has a job with this operation that was not cancelled: on its way,
	 * or done.
	 */
	boolean anyLive(UUID tenant, UUID runId, String operation) {
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM sync_job WHERE tenant_id = :tenant AND run_id = :run
				    AND operation = :operation AND status <> 'CANCELLED')""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("operation", operation)
			.query(Boolean.class)
			.single();
	}

	/**
	 * How many records of each kind per run stand in each state, a record counted once
	 * however many jobs its changes made, by the status of the job
	 * {@link JobQueue#RECORD_STATE_ORDER} puts first. Cancelled jobs count for nothing; a
	 * record whose jobs were all cancelled is not counted.
	 */
	List<JobQueue.RunJobCount> countsByRun(UUID tenant) {
		return jdbc.sql("""
				SELECT run_id, entity_type, status, count(*) AS n FROM (
				    SELECT DISTINCT ON (j.run_id, j.entity_type, j.entity_id) j.run_id, j.entity_type, j.status
				    FROM sync_job j
				    WHERE j.tenant_id = :tenant AND j.run_id IS NOT NULL AND j.status <> 'CANCELLED'
				    ORDER BY j.run_id, j.entity_type, j.entity_id, %s) AS records
				GROUP BY run_id, entity_type, status""".formatted(JobQueue.RECORD_STATE_ORDER))
			.param("tenant", tenant)
			.query((rs, n) -> new JobQueue.RunJobCount(rs.getObject("run_id", UUID.class), rs.getString("entity_type"),
					JobStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
	}

	Optional<Job> findByKey(UUID tenant, String idempotencyKey) {
		return jdbc.sql("SELECT * FROM sync_job WHERE tenant_id = :tenant AND idempotency_key = :key")
			.param("tenant", tenant)
			.param("key", idempotencyKey)
			.query(JobRepository::map)
			.optional();
	}

	/** The jobs written for one record, oldest first. */
	List<Job> ofEntity(UUID tenant, String entityType, UUID entityId) {
		return jdbc.sql("""
				SELECT * FROM sync_job WHERE tenant_id = :tenant AND entity_type = :type AND entity_id = :entity
				ORDER BY seq""")
			.param("tenant", tenant)
			.param("type", entityType)
			.param("entity", entityId)
			.query(JobRepository::map)
			.list();
	}

	/**
	 * The jobs with these ids as links, by id; by the ids alone, so that no cached plan
	 * made while the table was small reads them through the tenant's index (once a burst
	 * of jobs had grown the table, and before it was analysed again, such a plan read all
	 * the tenant's jobs for every link).
	 */
	Map<UUID, JobQueue.Link> links(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, JobQueue.Link> links = new HashMap<>();
		jdbc.sql("SELECT id, tenant_id, waits_for, operation, gateway_reference FROM sync_job WHERE id IN (:ids)")
			.param("ids", ids)
			.query((RowCallbackHandler) rs -> links.put(rs.getObject("id", UUID.class),
					new JobQueue.Link(rs.getObject("tenant_id", UUID.class), rs.getObject("waits_for", UUID.class),
							rs.getString("operation"), rs.getString("gateway_reference"))));
		return links;
	}

	/**
	 * The references the tenant's succeeded jobs of this operation got, but for one
	 * record's.
	 */
	Set<String> references(UUID tenant, String operation, UUID exceptEntity) {
		return new HashSet<>(jdbc.sql("""
				SELECT gateway_reference FROM sync_job
				WHERE tenant_id = :tenant AND operation = :operation AND status = 'SUCCEEDED'
				  AND gateway_reference IS NOT NULL AND entity_id <> :entity""")
			.param("tenant", tenant)
			.param("operation", operation)
			.param("entity", exceptEntity)
			.query(String.class)
			.list());
	}

	Optional<Job> find(UUID tenant, UUID id) {
		return jdbc.sql("SELECT * FROM sync_job WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(JobRepository::map)
			.optional();
	}

	List<Job> page(UUID tenant, @Nullable String target, @Nullable JobStatus status, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM sync_job WHERE tenant_id = :tenant AND (CAST(:status AS TEXT) IS NULL OR status = :status)
				  AND (CAST(:target AS TEXT) IS NULL OR target = :target)
				ORDER BY created_at DESC, id LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("target", target)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(JobRepository::map)
			.list();
	}

	long count(UUID tenant, @Nullable String target, @Nullable JobStatus status) {
		return jdbc
			.sql("""
					SELECT count(*) FROM sync_job WHERE tenant_id = :tenant AND (CAST(:status AS TEXT) IS NULL OR status = :status)
					  AND (CAST(:target AS TEXT) IS NULL OR target = :target)""")
			.param("tenant", tenant)
			.param("target", target)
			.param("status", status == null ? null : status.name())
			.query(Long.class)
			.single();
	}

	private static Job map(ResultSet rs, int n) throws SQLException {
		return new Job(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("target"),
				rs.getString("operation"), rs.getString("entity_type"), rs.getObject("entity_id", UUID.class),
				rs.getString("idempotency_key"), rs.getString("payload"), JobStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
				instant(rs.getTimestamp("lease_until")), rs.getString("last_error"), rs.getString("gateway_reference"),
				rs.getString("correlation_id"), rs.getObject("waits_for", UUID.class),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
				instant(rs.getTimestamp("finished_at")), instant(rs.getTimestamp("first_failed_at")),
				rs.getObject("run_id", UUID.class), instant(rs.getTimestamp("deadline_alarm_at")),
				instant(rs.getTimestamp("record_deadline")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
