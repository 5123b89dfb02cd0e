package io.cohort.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A fact for the audit trail, published by the module that made a change, inside the
 * transaction that made it. The audit module writes it in that same transaction, so a
 * rolled-back change leaves no audit row.
 *
 * @param tenantId the tenant the change belongs to; absent for platform-level facts
 * @param action a stable verb such as {@code user.created} or {@code auth.login.failed}
 * @param entityType the kind of entity changed, such as {@code user}
 * @param entityId the entity's id, absent when there is none
 * @param changes a summary of what changed; never passwords, secrets or clear national
 * ids
 * @param actor who did it; absent means the caller of the current request (or the system)
 */
public record AuditFact(@Nullable UUID tenantId, String action, String entityType, @Nullable String entityId,
		Map<String, ?> changes, @Nullable ActorRef actor) {

	public AuditFact {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(entityType, "entityType");
		changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
	}

	public static AuditFact of(@Nullable UUID tenantId, String action, String entityType, @Nullable Object entityId,
			Map<String, ?> changes) {
		return new AuditFact(tenantId, action, entityType, entityId == null ? null : entityId.toString(), changes,
				null);
	}

	public AuditFact by(ActorRef actor) {
		return new AuditFact(tenantId, action, entityType, entityId, changes, actor);
	}

}
