package io.cohort.spreadsheets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.shared.NationalId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import jobs and their rows, within one tenant (only the start-up scan of unfinished
 * jobs spans tenants).
 */
@Repository
class ImportRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> ROW = new TypeReference<>() {
	};

	private static final int BATCH = 1_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	ImportRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** A new job and who submitted it. */
	record NewJob(UUID id, ImportKind kind, @Nullable UUID runId, String fileName, int totalRows, UUID createdBy,
			String createdByName, String createdByRoles, Instant createdAt) {
	}

	/** A row still to be processed. */
	record Pending(int number, Map<String, String> values, @Nullable String parseError) {
	}

	/** Who submitted an unfinished job, so that resuming it acts as they did. */
	record Owner(UUID jobId, UUID tenantId, UUID userId, String name, String roles) {
	}

	void insert(UUID tenant, NewJob job, List<CsvUpload.Row> rows) {
		jdbc.sql("""
				INSERT INTO import_job (id, tenant_id, kind, run_id, file_name, status, total_rows, created_by,
				    created_by_name, created_by_roles, created_at, updated_at)
				VALUES (:id, :tenant, :kind, :run, :file, 'QUEUED', :total, :by, :byName, :byRoles, :at, :at)""")
			.param("id", job.id())
			.param("tenant", tenant)
			.param("kind", job.kind().name())
			.param("run", job.runId())
			.param("file", job.fileName())
			.param("total", job.totalRows())
			.param("by", job.createdBy())
			.param("byName", job.createdByName())
			.param("byRoles", job.createdByRoles())
			.param("at", Timestamp.from(job.createdAt()))
			.update();
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + BATCH))
				.stream()
				.map(row -> new Object[] { job.id(), tenant, row.number(), json(row.values()), row.error() })
				.toList();
			template.batchUpdate("""
					INSERT INTO import_row (job_id, tenant_id, row_number, raw, parse_error)
					VALUES (?, ?, ?, ?, ?)""", batch);
		}
	}

	Optional<ImportJobView> find(UUID tenant, UUID id) {
		return jdbc.sql("SELECT * FROM import_job WHERE id = :id AND tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenant)
			.query(ImportRepository::job)
			.optional();
	}

	List<ImportJobView> page(UUID tenant, @Nullable UUID runId, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM import_job WHERE tenant_id = :tenant AND (CAST(:run AS UUID) IS NULL OR run_id = :run)
				ORDER BY created_at DESC, id LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(ImportRepository::job)
			.list();
	}

	long count(UUID tenant, @Nullable UUID runId) {
		return jdbc.sql("""
				SELECT count(*) FROM import_job
				WHERE tenant_id = :tenant AND (CAST(:run AS UUID) IS NULL OR run_id = :run)""")
			.param("tenant", tenant)
			.param("run", runId)
			.query(Long.class)
			.single();
	}

	List<ImportRowView> rows(UUID tenant, UUID job, @Nullable RowOutcome outcome, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM import_row WHERE job_id = :job AND tenant_id = :tenant
				  AND (CAST(:outcome AS TEXT) IS NULL OR outcome = :outcome)
				ORDER BY row_number LIMIT :size OFFSET :offset""")
			.param("job", job)
			.param("tenant", tenant)
			.param("outcome", outcome == null ? null : outcome.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new ImportRowView(rs.getInt("row_number"), masked(parse(rs.getString("raw"))),
					outcome(rs.getString("outcome")), rs.getString("message"), rs.getObject("entity_id", UUID.class)))
			.list();
	}

	long countRows(UUID tenant, UUID job, @Nullable RowOutcome outcome) {
		return jdbc.sql("""
				SELECT count(*) FROM import_row WHERE job_id = :job AND tenant_id = :tenant
				  AND (CAST(:outcome AS TEXT) IS NULL OR outcome = :outcome)""")
			.param("job", job)
			.param("tenant", tenant)
			.param("outcome", outcome == null ? null : outcome.name())
			.query(Long.class)
			.single();
	}

	/** The next rows still to be processed, after the given row. */
	List<Pending> pending(UUID tenant, UUID job, int after, int limit) {
		return jdbc.sql("""
				SELECT row_number, raw, parse_error FROM import_row
				WHERE job_id = :job AND tenant_id = :tenant AND outcome IS NULL AND row_number > :after
				ORDER BY row_number LIMIT :limit""")
			.param("job", job)
			.param("tenant", tenant)
			.param("after", after)
			.param("limit", limit)
			.query((rs, n) -> new Pending(rs.getInt("row_number"), parse(rs.getString("raw")),
					rs.getString("parse_error")))
			.list();
	}

	/** Locks a row for processing; false when another worker has processed it already. */
	boolean claim(UUID tenant, UUID job, int row) {
		return jdbc.sql("""
				SELECT 1 FROM import_row WHERE job_id = :job AND tenant_id = :tenant AND row_number = :row
				  AND outcome IS NULL FOR UPDATE""")
			.param("job", job)
			.param("tenant", tenant)
			.param("row", row)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/**
	 * Records a row's outcome, masks its national id and counts it on the job, unless the
	 * row has an outcome already.
	 */
	void record(UUID tenant, UUID job, Pending row, RowHandler.Result result, Instant now) {
		int updated = jdbc.sql("""
				UPDATE import_row SET outcome = :outcome, message = :message, entity_id = :entity, raw = :raw,
				    processed_at = :now
				WHERE job_id = :job AND tenant_id = :tenant AND row_number = :row AND outcome IS NULL""")
			.param("outcome", result.outcome().name())
			.param("message", result.message())
			.param("entity", result.entityId())
			.param("raw", json(masked(row.values())))
			.param("now", Timestamp.from(now))
			.param("job", job)
			.param("tenant", tenant)
			.param("row", row.number())
			.update();
		if (updated == 0) {
			return;
		}
		jdbc.sql("""
				UPDATE import_job SET processed_rows = processed_rows + 1,
				    created = created + :created, duplicates = duplicates + :duplicates,
				    invalid = invalid + :invalid, skipped = skipped + :skipped, updated_at = :now
				WHERE id = :job AND tenant_id = :tenant""")
			.param("created", result.outcome() == RowOutcome.CREATED ? 1 : 0)
			.param("duplicates", result.outcome() == RowOutcome.DUPLICATE ? 1 : 0)
			.param("invalid", result.outcome() == RowOutcome.INVALID ? 1 : 0)
			.param("skipped", result.outcome() == RowOutcome.SKIPPED ? 1 : 0)
			.param("now", Timestamp.from(now))
			.param("job", job)
			.param("tenant", tenant)
			.update();
	}

	/**
	 * The row of a tenant's job that created an entity, for messages about duplicates
	 * within one file.
	 */
	Optional<Integer> rowThatCreated(UUID tenant, UUID job, UUID entity) {
		return jdbc.sql("""
				SELECT row_number FROM import_row
				WHERE tenant_id = :tenant AND job_id = :job AND entity_id = :entity AND outcome = 'CREATED'
				ORDER BY row_number LIMIT 1""")
			.param("tenant", tenant)
			.param("job", job)
			.param("entity", entity)
			.query(Integer.class)
			.optional();
	}

	void start(UUID tenant, UUID job, Instant now) {
		jdbc.sql("""
				UPDATE import_job SET status = 'RUNNING', started_at = COALESCE(started_at, :now), updated_at = :now
				WHERE id = :job AND tenant_id = :tenant AND status IN ('QUEUED', 'RUNNING')""")
			.param("now", Timestamp.from(now))
			.param("job", job)
			.param("tenant", tenant)
			.update();
	}

	/** Marks the job done once no row is left; false when rows are still pending. */
	boolean finish(UUID tenant, UUID job, Instant now) {
		return jdbc.sql("""
				UPDATE import_job SET status = 'DONE', finished_at = :now, updated_at = :now
				WHERE id = :job AND tenant_id = :tenant AND status = 'RUNNING'
				  AND NOT EXISTS (SELECT 1 FROM import_row r WHERE r.job_id = :job AND r.outcome IS NULL)""")
			.param("now", Timestamp.from(now))
			.param("job", job)
			.param("tenant", tenant)
			.update() == 1;
	}

	void fail(UUID tenant, UUID job, String failure, Instant now) {
		jdbc.sql("""
				UPDATE import_job SET status = 'FAILED', failure = :failure, finished_at = :now, updated_at = :now
				WHERE id = :job AND tenant_id = :tenant AND status IN ('QUEUED', 'RUNNING')""")
			.param("failure", failure)
			.param("now", Timestamp.from(now))
			.param("job", job)
			.param("tenant", tenant)
			.update();
	}

	/** The jobs of every tenant that are queued or running, oldest first. */
	List<Owner> unfinished() {
		return jdbc.sql("""
				SELECT id, tenant_id, created_by, created_by_name, created_by_roles FROM import_job
				WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at""")
			.query((rs, n) -> new Owner(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
					rs.getObject("created_by", UUID.class), rs.getString("created_by_name"),
					rs.getString("created_by_roles")))
			.list();
	}

	/** The row with its national id masked, as responses and processed rows show it. */
	static Map<String, String> masked(Map<String, String> values) {
		Map<String, String> masked = new LinkedHashMap<>(values);
		masked.computeIfPresent("national_id", (key, value) -> NationalId.mask(value.trim().toUpperCase(Locale.ROOT)));
		return masked;
	}

	private static String json(Map<String, String> values) {
		return JSON.writeValueAsString(values);
	}

	private static Map<String, String> parse(String raw) {
		return JSON.readValue(raw, ROW);
	}

	private static @Nullable RowOutcome outcome(@Nullable String value) {
		return value == null ? null : RowOutcome.valueOf(value);
	}

	private static ImportJobView job(ResultSet rs, int n) throws SQLException {
		int total = rs.getInt("total_rows");
		int processed = rs.getInt("processed_rows");
		return new ImportJobView(rs.getObject("id", UUID.class), ImportKind.valueOf(rs.getString("kind")),
				rs.getObject("run_id", UUID.class), rs.getString("file_name"),
				ImportStatus.valueOf(rs.getString("status")), total, processed, rs.getInt("created"),
				rs.getInt("duplicates"), rs.getInt("invalid"), rs.getInt("skipped"),
				total == 0 ? 100 : (int) (processed * 100L / total), rs.getString("failure"),
				rs.getString("created_by_name"), instant(rs, "created_at"), nullableInstant(rs, "started_at"),
				nullableInstant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
