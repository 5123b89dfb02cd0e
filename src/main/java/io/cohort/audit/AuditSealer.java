package io.cohort.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.system.ClusterLock;
import io.cohort.system.PeriodicPass;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed facts into their tenants' chains after commit, so no write waits for a
 * chain lock (ADR 0025). Every {@code cohort.audit.seal.interval} (500 ms by default; 0
 * switches the timer off, as the tests do, which seal themselves) one instance at a time
 * seals, in batches of {@code cohort.audit.seal.batch}, every fact whose transaction is
 * older than the oldest transaction still in flight: such a fact is committed for good
 * and no fact can still commit before it, whatever its id. Facts are sealed in the order
 * of their transaction's id, then their own; a chain's rows are linked by (chain, seq).
 */
@Component
class AuditSealer extends PeriodicPass {

	static final UUID PLATFORM_CHAIN = new UUID(0, 0);

	/** {@code cohort.audit.seal.*}. */
	@ConfigurationProperties("cohort.audit.seal")
	record Settings(@DefaultValue("500ms") Duration interval, @DefaultValue("1000") int batch) {
	}

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate insert;

	private final TransactionTemplate transaction;

	private final int batch;

	AuditSealer(JdbcClient jdbc, NamedParameterJdbcTemplate insert, PlatformTransactionManager transactions,
			Settings settings, ClusterLock lock) {
		super("audit-seal", settings.interval(), settings.interval(), lock);
		this.jdbc = jdbc;
		this.insert = insert;
		this.transaction = new TransactionTemplate(transactions);
		this.batch = Math.max(1, settings.batch());
	}

	@Override
	protected void scheduledPass() {
		sealCommitted();
	}

	/** Seals every fact committed so far, a batch per transaction; returns how many. */
	long sealCommitted() {
		long sealed = 0;
		int last;
		do {
			Integer count = transaction.execute(status -> sealBatch());
			last = count == null ? 0 : count;
			sealed += last;
		}
		while (last == batch);
		return sealed;
	}

	private record Fact(long id, String xact, @Nullable UUID tenantId, Instant occurredAt, String actorType,
			@Nullable String actorId, String actorLabel, String action, String entityType, @Nullable String entityId,
			String changes, @Nullable String correlationId, @Nullable String clientAddress) {
	}

	private record Head(long seq, String hash) {
	}

	private int sealBatch() {
		// sealers anywhere take turns (sealNow besides the timer); the (chain, seq) and
		// event keys refuse a fork anyway. Not the pass's own key: ClusterLock holds that
		// one on another connection while the pass runs.
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('audit:seal', 0))").query((rs, n) -> 1).list();
		List<Fact> facts = jdbc.sql("""
				SELECT e.*, e.xact::text AS xact_text FROM audit_event e
				WHERE e.xact >= coalesce((SELECT xact FROM audit_seal ORDER BY xact DESC LIMIT 1), '0'::xid8)
				  AND e.xact < pg_snapshot_xmin(pg_current_snapshot())
				  AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)
				ORDER BY e.xact, e.id
				LIMIT :batch""").param("batch", batch).query(AuditSealer::fact).list();
		if (facts.isEmpty()) {
			return 0;
		}
		Map<UUID, Head> heads = new HashMap<>();
		List<MapSqlParameterSource> seals = new ArrayList<>(facts.size());
		for (Fact fact : facts) {
			UUID chain = fact.tenantId() == null ? PLATFORM_CHAIN : fact.tenantId();
			Head head = heads.computeIfAbsent(chain, this::head);
			long seq = head.seq() + 1;
			String hash = AuditChain.hash(head.hash(), fact.tenantId(), seq, fact.occurredAt(), fact.actorType(),
					fact.actorId(), fact.actorLabel(), fact.action(), fact.entityType(), fact.entityId(),
					fact.changes(), fact.correlationId(), fact.clientAddress());
			seals.add(new MapSqlParameterSource().addValue("event", fact.id())
				.addValue("chain", chain)
				.addValue("seq", seq)
				.addValue("xact", fact.xact())
				.addValue("prev", head.hash())
				.addValue("hash", hash));
			heads.put(chain, new Head(seq, hash));
		}
		insert.batchUpdate("""
				INSERT INTO audit_seal (event_id, chain, seq, xact, prev_hash, hash)
				VALUES (:event, :chain, :seq, CAST(:xact AS xid8), :prev, :hash)""",
				seals.toArray(MapSqlParameterSource[]::new));
		return facts.size();
	}

	private Head head(UUID chain) {
		return jdbc.sql("SELECT seq, hash FROM audit_seal WHERE chain = :chain ORDER BY seq DESC LIMIT 1")
			.param("chain", chain)
			.query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.optional()
			.orElse(new Head(0, AuditChain.GENESIS));
	}

	private static Fact fact(ResultSet rs, int n) throws SQLException {
		return new Fact(rs.getLong("id"), rs.getString("xact_text"), rs.getObject("tenant_id", UUID.class),
				rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_type"), rs.getString("actor_id"),
				rs.getString("actor_label"), rs.getString("action"), rs.getString("entity_type"),
				rs.getString("entity_id"), rs.getString("changes"), rs.getString("correlation_id"),
				rs.getString("client_address"));
	}

}
