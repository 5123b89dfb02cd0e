package io.cohort.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the caller's tenant's audit trail, and checking that its hash chain is intact.
 * Facts are chained shortly after they commit ({@link AuditSealer}); until then they show
 * without {@code seq} and {@code hash}, and the check counts them as the unsealed tail.
 */
@Service
public class AuditLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final AuditSealer sealer;

	AuditLog(JdbcClient jdbc, AuditSealer sealer) {
		this.jdbc = jdbc;
		this.sealer = sealer;
	}

	/** What to look for; every field is optional. */
	public record Filter(@Nullable String entityType, @Nullable String entityId, @Nullable String actor,
			@Nullable String action, @Nullable Instant from, @Nullable Instant to) {
	}

	/**
	 * The outcome of walking a chain.
	 *
	 * @param intact whether every sealed row links to the one before and matches its own
	 * hash
	 * @param checked how many sealed rows were checked
	 * @param brokenAtSeq the first row where the chain breaks
	 * @param problem what is wrong there
	 * @param unsealed how many facts are not sealed yet (committed within the sealer's
	 * delay, or waiting for an older transaction still in flight)
	 * @param oldestUnsealedAt when the oldest of them happened
	 */
	public record Verification(boolean intact, long checked, @Nullable Long brokenAtSeq, @Nullable String problem,
			long unsealed, @Nullable Instant oldestUnsealedAt) {
	}

	@Transactional(readOnly = true)
	public PageView<AuditEntry> search(Filter filter, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		String where = """
				WHERE e.tenant_id = :tenant
				  AND (CAST(:entity_type AS TEXT) IS NULL OR entity_type = :entity_type)
				  AND (CAST(:entity_id AS TEXT) IS NULL OR entity_id = :entity_id)
				  AND (CAST(:actor AS TEXT) IS NULL OR actor_id = :actor OR lower(actor_label) = lower(:actor))
				  AND (CAST(:action AS TEXT) IS NULL OR action = :action)
				  AND (CAST(:from AS TIMESTAMPTZ) IS NULL OR occurred_at >= :from)
				  AND (CAST(:to AS TIMESTAMPTZ) IS NULL OR occurred_at < :to)""";
		List<AuditEntry> items = bind(
				jdbc.sql("SELECT e.*, s.seq, s.hash FROM audit_event e LEFT JOIN audit_seal s ON s.event_id = e.id "
						+ where + " ORDER BY e.occurred_at DESC, e.id DESC LIMIT :size OFFSET :offset"),
				tenant, filter)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(AuditLog::map)
			.list();
		long total = bind(jdbc.sql("SELECT count(*) FROM audit_event e " + where), tenant, filter).query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	/**
	 * Walks the caller's tenant's sealed chain from its first row, and counts the facts
	 * not sealed yet.
	 */
	@Transactional(readOnly = true)
	public Verification verify() {
		return verifyChain(CurrentActor.tenantId());
	}

	/**
	 * Seals every committed fact now rather than on the sealer's next pass (tests, and a
	 * check that should not wait); returns how many it sealed.
	 */
	public long sealNow() {
		return sealer.sealCommitted();
	}

	Verification verifyChain(UUID tenant) {
		AtomicReference<Verification> broken = new AtomicReference<>();
		long[] checked = { 0 };
		String[] prev = { AuditChain.GENESIS };
		try (Stream<Row> rows = jdbc.sql("""
				SELECT e.*, s.seq, s.prev_hash, s.hash FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
				WHERE s.chain = :tenant ORDER BY s.seq""")
			.param("tenant", tenant)
			.withFetchSize(500)
			.query(AuditLog::row)
			.stream()) {
			rows.takeWhile(row -> broken.get() == null).forEach(row -> {
				long expectedSeq = checked[0] + 1;
				String problem = null;
				if (row.seq != expectedSeq) {
					problem = "row " + expectedSeq + " is missing";
				}
				else if (!row.prevHash.equals(prev[0])) {
					problem = "the row does not link to the row before it";
				}
				else if (!row.hash.equals(AuditChain.hash(row.prevHash, row.tenantId, row.seq, row.occurredAt,
						row.actorType, row.actorId, row.actorLabel, row.action, row.entityType, row.entityId,
						row.changes, row.correlationId, row.clientAddress))) {
					problem = "the row's content does not match its hash";
				}
				if (problem != null) {
					broken.set(new Verification(false, checked[0], expectedSeq, problem, 0, null));
					return;
				}
				checked[0]++;
				prev[0] = row.hash;
			});
		}
		record Tail(long count, @Nullable Instant oldest) {
		}
		Tail tail = jdbc.sql("""
				SELECT count(*) AS count, min(occurred_at) AS oldest FROM audit_event e
				WHERE e.tenant_id = :tenant AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)""")
			.param("tenant", tenant)
			.query((rs, n) -> new Tail(rs.getLong("count"),
					rs.getTimestamp("oldest") == null ? null : rs.getTimestamp("oldest").toInstant()))
			.single();
		Verification found = broken.get();
		return found != null ? new Verification(false, found.checked(), found.brokenAtSeq(), found.problem(),
				tail.count(), tail.oldest())
				: new Verification(true, checked[0], null, null, tail.count(), tail.oldest());
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, UUID tenant, Filter filter) {
		return spec.param("tenant", tenant)
			.param("entity_type", filter.entityType())
			.param("entity_id", filter.entityId())
			.param("actor", filter.actor())
			.param("action", filter.action())
			.param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
			.param("to", filter.to() == null ? null : Timestamp.from(filter.to()));
	}

	private record Row(@Nullable UUID tenantId, long seq, Instant occurredAt, String actorType,
			@Nullable String actorId, String actorLabel, String action, String entityType, @Nullable String entityId,
			String changes, @Nullable String correlationId, @Nullable String clientAddress, String prevHash,
			String hash) {
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("tenant_id", UUID.class), rs.getLong("seq"),
				rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_type"), rs.getString("actor_id"),
				rs.getString("actor_label"), rs.getString("action"), rs.getString("entity_type"),
				rs.getString("entity_id"), rs.getString("changes"), rs.getString("correlation_id"),
				rs.getString("client_address"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static AuditEntry map(ResultSet rs, int n) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getObject("tenant_id", UUID.class), rs.getObject("seq", Long.class),
				rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_type"), rs.getString("actor_id"),
				rs.getString("actor_label"), rs.getString("action"), rs.getString("entity_type"),
				rs.getString("entity_id"), JSON.readTree(rs.getString("changes")), rs.getString("correlation_id"),
				rs.getString("client_address"), rs.getString("hash"));
	}

}
