package io.cohort.gateway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Outbound jobs. Claiming uses {@code FOR UPDATE SKIP LOCKED}, so any number of workers on any number
 * of instances take disjoint jobs; a RUNNING job whose lease ran out (its worker died) is claimable
 * again.
 */
@Repository
class SyncJobRepository {

	private final JdbcClient jdbc;

	SyncJobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes the job unless one with the same key exists; returns the job that holds the key. */
	SyncJob insertOrGet(SyncJob job, @Nullable UUID runId) {
		int inserted = jdbc.sql("""
				INSERT INTO sync_job (id, tenant_id, target, operation, entity_type, entity_id, idempotency_key, payload,
				    status, attempts, max_attempts, next_attempt_at, correlation_id, waits_for, run_id, created_at, updated_at)
				VALUES (:id, :tenant, :target, :operation, :entity_type, :entity_id, :key, :payload, 'PENDING', 0,
				    :max_attempts, :next, :correlation, :waits_for, :run, :now, :now)
				ON CONFLICT (tenant_id, idempotency_key) DO NOTHING""")
			.param("id", job.id())
			.param("tenant", job.tenantId())
			.param("target", job.target())
			.param("operation", job.operation())
			.param("entity_type", job.entityType())
			.param("entity_id", job.entityId())
			.param("key", job.idempotencyKey())
			.param("payload", job.payload())
			.param("max_attempts", job.maxAttempts())
			.param("next", Timestamp.from(job.nextAttemptAt()))
			.param("correlation", job.correlationId())
			.param("waits_for", job.waitsFor())
			.param("run", runId)
			.param("now", Timestamp.from(job.createdAt()))
			.update();
		if (inserted == 1) {
			return job;
		}
		return jdbc.sql("SELECT * FROM sync_job WHERE tenant_id = :tenant AND idempotency_key = :key")
			.param("tenant", job.tenantId())
			.param("key", job.idempotencyKey())
			.query(SyncJobRepository::map)
			.single();
	}

	/**
	 * Claims up to {@code limit} due jobs for one worker: running jobs whose lease ran out first, then
	 * pending or retrying jobs whose time has come and whose predecessor succeeded, oldest due first. Each
	 * half walks its own partial index in order and stops at the limit, so a claim costs the same however
	 * long the queue is (one condition with OR would collect and sort every due job on each claim).
	 */
	List<SyncJob> claim(String worker, int limit, Instant now, Instant leaseUntil) {
		return jdbc.sql("""
				WITH expired AS (
				    SELECT j.id FROM sync_job j
				    WHERE j.status = 'RUNNING' AND j.lease_until < :now
				    ORDER BY j.lease_until
				    LIMIT :limit
				    FOR UPDATE SKIP LOCKED),
				due AS (
				    SELECT j.id FROM sync_job j
				    WHERE j.status IN ('PENDING', 'RETRYING') AND j.next_attempt_at <= :now
				      AND (j.waits_for IS NULL
				           OR EXISTS (SELECT 1 FROM sync_job w WHERE w.id = j.waits_for AND w.status = 'SUCCEEDED'))
				    ORDER BY j.next_attempt_at
				    LIMIT :limit
				    FOR UPDATE SKIP LOCKED)
				UPDATE sync_job SET status = 'RUNNING', attempts = attempts + 1, lease_until = :lease, leased_by = :worker,
				    updated_at = :now
				WHERE id IN (SELECT id FROM expired UNION ALL SELECT id FROM due LIMIT :limit)
				RETURNING *""")
			.param("worker", worker)
			.param("limit", limit)
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(leaseUntil))
			.query(SyncJobRepository::map)
			.list();
	}

	/** Records an attempt's end, only if this worker still holds the job. */
	boolean finish(UUID id, String worker, SyncJobStatus status, @Nullable String error, @Nullable String reference,
			Instant nextAttempt, Instant now) {
		return jdbc.sql("""
				UPDATE sync_job SET status = :status, last_error = :error,
				    gateway_reference = coalesce(:reference, gateway_reference), next_attempt_at = :next,
				    lease_until = NULL, leased_by = NULL, updated_at = :now,
				    finished_at = CASE WHEN :status IN ('SUCCEEDED', 'DEAD') THEN CAST(:now AS TIMESTAMPTZ) END
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

	/** Puts DEAD (or, with {@code fromCancelled}, CANCELLED) jobs of the tenant back in the queue. */
	List<UUID> requeue(UUID tenant, Collection<UUID> ids, Instant now) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				UPDATE sync_job SET status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = NULL,
				    finished_at = NULL, updated_at = :now
				WHERE tenant_id = :tenant AND id IN (:ids) AND status IN ('DEAD', 'CANCELLED')
				RETURNING id""")
			.param("tenant", tenant)
			.param("ids", ids)
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.list();
	}

	/** Cancels jobs of the tenant that have not finished and are not running now. */
	List<UUID> cancel(UUID tenant, Collection<UUID> ids, Instant now) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				UPDATE sync_job SET status = 'CANCELLED', finished_at = :now, updated_at = :now
				WHERE tenant_id = :tenant AND id IN (:ids) AND status IN ('PENDING', 'RETRYING', 'DEAD')
				RETURNING id""")
			.param("tenant", tenant)
			.param("ids", ids)
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.list();
	}

	List<SyncJobQueue.RunJobCount> countsByRun(UUID tenant) {
		return jdbc.sql("""
				SELECT run_id, entity_type, status, count(*) AS n FROM sync_job
				WHERE tenant_id = :tenant AND run_id IS NOT NULL
				GROUP BY run_id, entity_type, status""")
			.param("tenant", tenant)
			.query((rs, n) -> new SyncJobQueue.RunJobCount(rs.getObject("run_id", UUID.class), rs.getString("entity_type"),
					SyncJobStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
	}

	Optional<SyncJob> findByKey(UUID tenant, String idempotencyKey) {
		return jdbc.sql("SELECT * FROM sync_job WHERE tenant_id = :tenant AND idempotency_key = :key")
			.param("tenant", tenant)
			.param("key", idempotencyKey)
			.query(SyncJobRepository::map)
			.optional();
	}

	Optional<SyncJob> find(UUID tenant, UUID id) {
		return jdbc.sql("SELECT * FROM sync_job WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(SyncJobRepository::map)
			.optional();
	}

	List<SyncJob> page(UUID tenant, @Nullable SyncJobStatus status, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM sync_job WHERE tenant_id = :tenant AND (CAST(:status AS TEXT) IS NULL OR status = :status)
				ORDER BY created_at DESC, id LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(SyncJobRepository::map)
			.list();
	}

	long count(UUID tenant, @Nullable SyncJobStatus status) {
		return jdbc.sql("""
				SELECT count(*) FROM sync_job WHERE tenant_id = :tenant AND (CAST(:status AS TEXT) IS NULL OR status = :status)""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.query(Long.class)
			.single();
	}

	private static SyncJob map(ResultSet rs, int n) throws SQLException {
		return new SyncJob(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("target"),
				rs.getString("operation"), rs.getString("entity_type"), rs.getObject("entity_id", UUID.class),
				rs.getString("idempotency_key"), rs.getString("payload"), SyncJobStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), rs.getInt("max_attempts"), instant(rs.getTimestamp("next_attempt_at")),
				instant(rs.getTimestamp("lease_until")), rs.getString("last_error"), rs.getString("gateway_reference"),
				rs.getString("correlation_id"), rs.getObject("waits_for", UUID.class), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("finished_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
