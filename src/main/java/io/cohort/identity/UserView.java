package io.cohort.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user account, without its password hash.
 */
public record UserView(UUID id, @Nullable UUID tenantId, String email, String displayName, List<Role> roles,
		boolean enabled, Instant createdAt, Instant updatedAt) {

	public UserView {
		roles = List.copyOf(roles);
	}

}
