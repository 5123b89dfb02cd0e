package io.cohort.identity;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;

import io.cohort.shared.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * The verified caller of a request: a user (by token or web session) or an integration's
 * API key.
 *
 * @param kind user or API key
 * @param id the user's or key's id
 * @param tenantId the caller's tenant; absent only for the platform admin
 * @param tenantSlug the tenant's slug, absent with the tenant
 * @param name the user's email or the key's name
 * @param roles the user's current roles (empty for API keys)
 */
public record CohortPrincipal(Kind kind, UUID id, @Nullable UUID tenantId, @Nullable String tenantSlug, String name,
		Set<Role> roles) implements Serializable {

	public enum Kind {

		USER, API_KEY,
		/** Cohort itself, acting for a tenant in background work (outbound jobs). */
		SYSTEM

	}

	public CohortPrincipal {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public ActorRef actorRef() {
		return switch (kind) {
			case USER -> new ActorRef(ActorRef.Type.USER, id.toString(), name);
			case API_KEY -> new ActorRef(ActorRef.Type.API_KEY, id.toString(), name);
			case SYSTEM -> ActorRef.system();
		};
	}

}
