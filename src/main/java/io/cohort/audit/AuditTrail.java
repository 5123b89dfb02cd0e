package io.cohort.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes every {@link AuditFact} in the transaction that published it. Facts are gathered
 * during the transaction and inserted just before it commits, with no lock: the
 * {@link AuditSealer} chains them after commit. A rolled-back change leaves no audit row.
 * Facts published outside a transaction, or in a read-only one (sensitive reads), are
 * written in a transaction of their own.
 */
@Component
class AuditTrail {

	private final NamedParameterJdbcTemplate batch;

	private final TransactionTemplate ownTransaction;

	AuditTrail(NamedParameterJdbcTemplate batch, PlatformTransactionManager transactions) {
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
	 * Inserts the facts, unchained and without any lock: {@link AuditSealer} links them
	 * into their tenants' chains once they are committed.
	 */
	private void append(List<Pending> facts) {
		List<MapSqlParameterSource> rows = new ArrayList<>(facts.size());
		for (Pending fact : facts) {
			ActorRef actor = fact.actor();
			rows.add(new MapSqlParameterSource().addValue("tenant", fact.tenantId())
				.addValue("at", Timestamp.from(fact.occurredAt()))
				.addValue("actor_type", actor.type().name())
				.addValue("actor_id", actor.id())
				.addValue("actor_label", actor.label())
				.addValue("action", fact.action())
				.addValue("entity_type", fact.entityType())
				.addValue("entity_id", fact.entityId())
				.addValue("changes", fact.changes())
				.addValue("correlation", fact.correlationId())
				.addValue("address", fact.clientAddress()));
		}
		// one multi-row INSERT for the lot (the driver rewrites the batch), ids in the
		// facts' order
		batch.batchUpdate("""
				INSERT INTO audit_event (tenant_id, occurred_at, actor_type, actor_id, actor_label, action,
				    entity_type, entity_id, changes, correlation_id, client_address)
				VALUES (:tenant, :at, :actor_type, :actor_id, :actor_label, :action, :entity_type, :entity_id,
				    :changes, :correlation, :address)""", rows.toArray(MapSqlParameterSource[]::new));
	}

}
