package io.cohort.gateway;

import io.cohort.jobs.JobStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reconciliations with their checks and discrepancies, and the reads of the job table
 * they compare from.
 */
@Repository
class ReconciliationRepository {

	private final JdbcClient jdbc;

	ReconciliationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A run whose publication succeeded, with the gateway's id for it. */
	record Published(UUID runId, String gatewayRunId) {
	}

	/**
	 * A record's create job: where it got and the gateway's reference number once it
	 * succeeded.
	 */
	record CreateJob(UUID entityId, JobStatus status, @Nullable String gatewayReference) {
	}

	List<Published> publishedRuns(UUID tenant, @Nullable UUID runId) {
		return jdbc.sql("""
				SELECT entity_id, gateway_reference FROM sync_job
				WHERE tenant_id = :tenant AND operation = 'PUBLISH_RUN' AND status = 'SUCCEEDED'
				  AND gateway_reference IS NOT NULL AND (CAST(:run AS UUID) IS NULL OR entity_id = :run)
				ORDER BY created_at""")
			.param("tenant", tenant)
			.param("run", runId)
			.query((rs, n) -> new Published(rs.getObject("entity_id", UUID.class), rs.getString("gateway_reference")))
			.list();
	}

	/**
	 * The create jobs of the run's records, by record: {@code CREATE_ENROLMENT} or
	 * {@code CREATE_ASSESSMENT}.
	 */
	Map<UUID, CreateJob> creates(UUID tenant, UUID runId, String operation) {
		Map<UUID, CreateJob> jobs = new HashMap<>();
		jdbc.sql("""
				SELECT entity_id, status, gateway_reference FROM sync_job
				WHERE tenant_id = :tenant AND run_id = :run AND operation = :operation""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("operation", operation)
			.query((rs, n) -> new CreateJob(rs.getObject("entity_id", UUID.class),
					JobStatus.valueOf(rs.getString("status")), rs.getString("gateway_reference")))
			.list()
			.forEach(job -> jobs.put(job.entityId(), job));
		return jobs;
	}

	/**
	 * The payload of each attendance record's latest upload the gateway accepted, for the
	 * run: what the gateway should hold.
	 */
	List<String> uploadedAttendance(UUID tenant, UUID runId) {
		return jdbc.sql("""
				SELECT DISTINCT ON (entity_id) payload FROM sync_job
				WHERE tenant_id = :tenant AND run_id = :run AND operation = 'UPLOAD_ATTENDANCE' AND status = 'SUCCEEDED'
				ORDER BY entity_id, finished_at DESC""")
			.param("tenant", tenant)
			.param("run", runId)
			.query(String.class)
			.list();
	}

	/** The run's records of one type that have a job not yet finished. */
	Set<UUID> inFlight(UUID tenant, String entityType, UUID runId) {
		return new HashSet<>(jdbc.sql("""
				SELECT DISTINCT entity_id FROM sync_job
				WHERE tenant_id = :tenant AND run_id = :run AND entity_type = :type
				  AND status IN ('PENDING', 'RUNNING', 'RETRYING')""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("type", entityType)
			.query(UUID.class)
			.list());
	}

	/**
	 * Starts a scheduled reconciliation of the tenant unless one started after
	 * {@code since}; the transaction-scoped advisory lock makes the check and the insert
	 * one step across instances.
	 */
	boolean startScheduled(UUID id, UUID tenant, Instant since, Instant now) {
		jdbc.sql("""
				SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('cohort.reconciliation'),
				    hashtext(CAST(:tenant AS TEXT)))) locked""").param("tenant", tenant).query(Integer.class).single();
		boolean recent = jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM reconciliation
				               WHERE tenant_id = :tenant AND trigger = 'SCHEDULED' AND started_at > :since)""")
			.param("tenant", tenant)
			.param("since", Timestamp.from(since))
			.query(Boolean.class)
			.single();
		if (recent) {
			return false;
		}
		start(id, tenant, "SCHEDULED", null, "system", null, now);
		return true;
	}

	void start(UUID id, UUID tenant, String trigger, @Nullable UUID runId, String requestedBy,
			@Nullable String correlationId, Instant now) {
		jdbc.sql("""
				INSERT INTO reconciliation (id, tenant_id, trigger, run_id, requested_by, correlation_id, started_at)
				VALUES (:id, :tenant, :trigger, :run, :by, :correlation, :now)""")
			.param("id", id)
			.param("tenant", tenant)
			.param("trigger", trigger)
			.param("run", runId)
			.param("by", requestedBy)
			.param("correlation", correlationId)
			.param("now", Timestamp.from(now))
			.update();
	}

	void check(UUID reconciliation, UUID tenant, UUID runId, String recordType, RecordCheck.Result result,
			Instant now) {
		UUID check = UUID.randomUUID();
		String outcome = result instanceof RecordCheck.Result.Failed ? "FAILED"
				: ((RecordCheck.Result.Compared) result).discrepancies().isEmpty() ? "MATCHED" : "DISCREPANCIES";
		jdbc.sql("""
				INSERT INTO reconciliation_check (id, reconciliation_id, tenant_id, run_id, record_type, outcome, error,
				    checked_at)
				VALUES (:id, :reconciliation, :tenant, :run, :type, :outcome, :error, :now)""")
			.param("id", check)
			.param("reconciliation", reconciliation)
			.param("tenant", tenant)
			.param("run", runId)
			.param("type", recordType)
			.param("outcome", outcome)
			.param("error", result instanceof RecordCheck.Result.Failed failed ? failed.error() : null)
			.param("now", Timestamp.from(now))
			.update();
		if (result instanceof RecordCheck.Result.Compared compared) {
			for (Reconciliations.Discrepancy d : compared.discrepancies()) {
				jdbc.sql(
						"""
								INSERT INTO reconciliation_discrepancy (id, check_id, tenant_id, run_id, record_type, kind,
								    entity_id, gateway_reference, local_status, remote_status, detail)
								VALUES (:id, :check, :tenant, :run, :type, :kind, :entity, :reference, :local, :remote, :detail)""")
					.param("id", UUID.randomUUID())
					.param("check", check)
					.param("tenant", tenant)
					.param("run", runId)
					.param("type", d.recordType())
					.param("kind", d.kind().name())
					.param("entity", d.entityId())
					.param("reference", d.gatewayReference())
					.param("local", d.localStatus())
					.param("remote", d.remoteStatus())
					.param("detail", d.detail())
					.update();
			}
		}
	}

	void finish(UUID reconciliation, Instant now) {
		jdbc.sql(
				"""
						UPDATE reconciliation r SET finished_at = :now,
						    runs_checked = (SELECT count(DISTINCT run_id) FROM reconciliation_check c WHERE c.reconciliation_id = r.id),
						    failed_checks = (SELECT count(*) FROM reconciliation_check c
						                     WHERE c.reconciliation_id = r.id AND c.outcome = 'FAILED'),
						    discrepancies = (SELECT count(*) FROM reconciliation_discrepancy d
						                     JOIN reconciliation_check c ON c.id = d.check_id WHERE c.reconciliation_id = r.id)
						WHERE id = :id""")
			.param("id", reconciliation)
			.param("now", Timestamp.from(now))
			.update();
	}

	List<Reconciliations.ReconciliationView> page(UUID tenant, int page, int size) {
		return jdbc.sql(
				"SELECT * FROM reconciliation WHERE tenant_id = :tenant ORDER BY started_at DESC, id LIMIT :size OFFSET :offset")
			.param("tenant", tenant)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new Reconciliations.ReconciliationView(rs.getObject("id", UUID.class),
					rs.getString("trigger"), rs.getObject("run_id", UUID.class), rs.getString("requested_by"),
					rs.getString("correlation_id"), rs.getTimestamp("started_at").toInstant(),
					instant(rs.getTimestamp("finished_at")), rs.getInt("runs_checked"), rs.getInt("discrepancies"),
					rs.getInt("failed_checks"), List.of()))
			.list();
	}

	long count(UUID tenant) {
		return jdbc.sql("SELECT count(*) FROM reconciliation WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query(Long.class)
			.single();
	}

	Optional<Reconciliations.ReconciliationView> find(UUID tenant, UUID id) {
		return jdbc.sql("SELECT * FROM reconciliation WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query((rs, n) -> new Reconciliations.ReconciliationView(rs.getObject("id", UUID.class),
					rs.getString("trigger"), rs.getObject("run_id", UUID.class), rs.getString("requested_by"),
					rs.getString("correlation_id"), rs.getTimestamp("started_at").toInstant(),
					instant(rs.getTimestamp("finished_at")), rs.getInt("runs_checked"), rs.getInt("discrepancies"),
					rs.getInt("failed_checks"), checks(tenant, "c.reconciliation_id = :scope", id)))
			.optional();
	}

	/**
	 * The latest check of each run and record type of the tenant, with its discrepancies.
	 */
	List<Reconciliations.CheckView> latestChecks(UUID tenant) {
		return checks(tenant, """
				c.id IN (SELECT DISTINCT ON (run_id, record_type) id FROM reconciliation_check
				         WHERE tenant_id = :tenant ORDER BY run_id, record_type, checked_at DESC)
				AND CAST(:scope AS UUID) IS NULL""", null);
	}

	private List<Reconciliations.CheckView> checks(UUID tenant, String where, @Nullable UUID scope) {
		record Row(UUID id, Reconciliations.CheckView view) {
		}
		List<Row> rows = jdbc
			.sql("SELECT c.* FROM reconciliation_check c WHERE c.tenant_id = :tenant AND " + where
					+ " ORDER BY c.run_id, c.record_type")
			.param("tenant", tenant)
			.param("scope", scope)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class),
					new Reconciliations.CheckView(rs.getObject("run_id", UUID.class), rs.getString("record_type"),
							rs.getString("outcome"), rs.getString("error"), rs.getTimestamp("checked_at").toInstant(),
							List.of())))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<Reconciliations.Discrepancy>> byCheck = new HashMap<>();
		jdbc.sql(
				"SELECT * FROM reconciliation_discrepancy WHERE tenant_id = :tenant AND check_id IN (:checks) ORDER BY kind, id")
			.param("tenant", tenant)
			.param("checks", rows.stream().map(Row::id).toList())
			.query((rs, n) -> {
				byCheck.computeIfAbsent(rs.getObject("check_id", UUID.class), k -> new java.util.ArrayList<>())
					.add(new Reconciliations.Discrepancy(rs.getString("record_type"),
							Reconciliations.Kind.valueOf(rs.getString("kind")), rs.getObject("entity_id", UUID.class),
							rs.getString("gateway_reference"), rs.getString("local_status"),
							rs.getString("remote_status"), rs.getString("detail")));
				return null;
			})
			.list();
		return rows.stream()
			.map(row -> new Reconciliations.CheckView(row.view().runId(), row.view().recordType(), row.view().outcome(),
					row.view().error(), row.view().checkedAt(), byCheck.getOrDefault(row.id(), List.of())))
			.toList();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
