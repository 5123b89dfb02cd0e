package io.cohort.identity;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads a user's current state on every request, so that disabling a user or changing
 * their roles takes effect on their very next request, whatever their token says, and a
 * new password ends the sessions and tokens of before it. An admin of a tenant that
 * requires a second factor of admins acts without the ADMIN role until they have enrolled
 * one.
 */
@Component
class PrincipalLoader {

	private final JdbcClient jdbc;

	PrincipalLoader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The enabled user with this id, or nothing when they are gone or disabled. */
	Optional<CohortPrincipal> activeUser(UUID userId) {
		return activeUser(userId, null);
	}

	/**
	 * The enabled user with this id, or nothing when they are gone or disabled or their
	 * password changed after {@code signedInAt} (a web session's login, an access token's
	 * issue).
	 */
	Optional<CohortPrincipal> activeUser(UUID userId, @Nullable Instant signedInAt) {
		return jdbc
			.sql("""
					SELECT u.id, u.tenant_id, t.slug, u.email, u.roles,
					       coalesce(s.require_totp_for_admins, FALSE) AND NOT EXISTS (
					           SELECT 1 FROM user_totp f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL) AS admin_withheld
					FROM app_user u LEFT JOIN tenant t ON t.id = u.tenant_id
					     LEFT JOIN tenant_security_settings s ON s.tenant_id = u.tenant_id
					WHERE u.id = :id AND u.enabled
					  AND (CAST(:since AS TIMESTAMPTZ) IS NULL OR u.password_changed_at IS NULL
					       OR u.password_changed_at <= CAST(:since AS TIMESTAMPTZ))""")
			.param("id", userId)
			.param("since", signedInAt == null ? null : Timestamp.from(signedInAt))
			.query((rs, n) -> {
				Array array = rs.getArray("roles");
				Set<Role> roles = EnumSet.noneOf(Role.class);
				Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
				if (rs.getBoolean("admin_withheld")) {
					roles.remove(Role.ADMIN); // the tenant requires a second factor of
												// admins: enrol one first
				}
				return new CohortPrincipal(CohortPrincipal.Kind.USER, rs.getObject("id", UUID.class),
						rs.getObject("tenant_id", UUID.class), rs.getString("slug"), rs.getString("email"), roles);
			})
			.optional();
	}

}
