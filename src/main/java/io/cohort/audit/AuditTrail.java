package io.cohort.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes every {@link AuditFact} in the transaction that published it. Facts are gathered
 * during the transaction and chained just before it commits, so the per-tenant chain lock
 * is held only for the insert and the commit. A rolled-back change leaves no audit row.
 * Facts published outside a transaction, or in a read-only one (sensitive reads), are
 * written in a transaction of their own.
 */
@Component
class AuditTrail {

	private static final UUID PLATFORM_CHAIN = new UUID(0, 0);

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final TransactionTemplate ownTransaction;

	AuditTrail(JdbcClient jdbc, NamedParameterJdbcTemplate batch, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** A fact with everything the request knew when it was published. */
	record Pending(@Nullable UUID tenantId, Instant occurredAt, ActorRef actor, String action, String entityType,
			@Nullable String entityId, String changes, @Nullable String correlationId, @Nullable String clientAddress) {
	}

	@EventListener
	void on(AuditFact fact) {
		Pending pending = new Pending(fact.tenantId(), AuditChain.truncate(Instant.now()),
				fact.actor() != null ? fact.actor() : CurrentActor.actorRef(), fact.action(), fact.entityType(),
				fact.entityId(), AuditChain.canonical(fact.changes()), RequestMetadata.correlationId().orElse(null),
				RequestMetadata.clientAddress().orElse(null));
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			ownTransaction.executeWithoutResult(status -> append(List.of(pending)));
			return;
		}
		buffer().add(pending);
	}

	@SuppressWarnings("unchecked")
	private List<Pending> buffer() {
		Object bound = TransactionSynchronizationManager.getResource(this);
		if (bound != null) {
			return (List<Pending>) bound;
		}
		List<Pending> facts = new ArrayList<>();
		TransactionSynchronizationManager.bindResource(this, facts);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				append(facts);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
			}

		});
		return facts;
	}

	/**
	 * Appends the facts to their tenants' chains, taking the chains' locks in a fixed
	 * order.
	 */
	private void append(List<Pending> facts) {
		Map<UUID, List<Pending>> byChain = new LinkedHashMap<>();
		facts.forEach(fact -> byChain.computeIfAbsent(chainOf(fact.tenantId()), key -> new ArrayList<>()).add(fact));
		byChain.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.forEach(chain -> appendToChain(chain.getKey(), chain.getValue()));
	}

	private void appendToChain(UUID chain, List<Pending> facts) {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "audit:" + chain)
			.query((rs, n) -> 1)
			.list();
		record Head(long seq, String hash) {
		}
		Head head = jdbc.sql("""
				SELECT seq, hash FROM audit_event
				WHERE coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = :chain
				ORDER BY seq DESC LIMIT 1""")
			.param("chain", chain)
			.query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.optional()
			.orElse(new Head(0, AuditChain.GENESIS));
		long seq = head.seq();
		String prev = head.hash();
		List<MapSqlParameterSource> rows = new ArrayList<>(facts.size());
		for (Pending fact : facts) {
			seq++;
			ActorRef actor = fact.actor();
			String hash = AuditChain.hash(prev, fact.tenantId(), seq, fact.occurredAt(), actor.type().name(),
					actor.id(), actor.label(), fact.action(), fact.entityType(), fact.entityId(), fact.changes(),
					fact.correlationId(), fact.clientAddress());
			rows.add(new MapSqlParameterSource().addValue("tenant", fact.tenantId())
				.addValue("seq", seq)
				.addValue("at", Timestamp.from(fact.occurredAt()))
				.addValue("actor_type", actor.type().name())
				.addValue("actor_id", actor.id())
				.addValue("actor_label", actor.label())
				.addValue("action", fact.action())
				.addValue("entity_type", fact.entityType())
				.addValue("entity_id", fact.entityId())
				.addValue("changes", fact.changes())
				.addValue("correlation", fact.correlationId())
				.addValue("address", fact.clientAddress())
				.addValue("prev", prev)
				.addValue("hash", hash));
			prev = hash;
		}
		// one multi-row INSERT for the lot (the driver rewrites the batch), while the
		// chain's lock is held
		batch.batchUpdate("""
				INSERT INTO audit_event (tenant_id, seq, occurred_at, actor_type, actor_id, actor_label, action,
				    entity_type, entity_id, changes, correlation_id, client_address, prev_hash, hash)
				VALUES (:tenant, :seq, :at, :actor_type, :actor_id, :actor_label, :action, :entity_type, :entity_id,
				    :changes, :correlation, :address, :prev, :hash)""", rows.toArray(MapSqlParameterSource[]::new));
	}

	private static UUID chainOf(@Nullable UUID tenantId) {
		return tenantId == null ? PLATFORM_CHAIN : tenantId;
	}

}
