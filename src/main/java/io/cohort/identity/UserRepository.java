package io.cohort.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users, always read through their tenant: a query never returns another tenant's
 * account.
 */
@Repository
class UserRepository {

	/**
	 * A stored account: the view plus the password hash, which never leaves this module.
	 */
	record StoredUser(UserView view, String passwordHash) {
	}

	private static final RowMapper<StoredUser> ROW = UserRepository::map;

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UserView user, String passwordHash) {
		jdbc.sql(
				"""
						INSERT INTO app_user (id, tenant_id, email, display_name, password_hash, roles, enabled, created_at, updated_at)
						VALUES (:id, :tenant, :email, :name, :hash, string_to_array(:roles, ','), :enabled, :created, :created)""")
			.param("id", user.id())
			.param("tenant", user.tenantId())
			.param("email", user.email())
			.param("name", user.displayName())
			.param("hash", passwordHash)
			.param("roles", join(user.roles()))
			.param("enabled", user.enabled())
			.param("created", Timestamp.from(user.createdAt()))
			.update();
	}

	void update(UserView user) {
		jdbc.sql("""
				UPDATE app_user SET display_name = :name, roles = string_to_array(:roles, ','), enabled = :enabled,
				       updated_at = :updated
				WHERE id = :id""")
			.param("id", user.id())
			.param("name", user.displayName())
			.param("roles", join(user.roles()))
			.param("enabled", user.enabled())
			.param("updated", Timestamp.from(user.updatedAt()))
			.update();
	}

	void updatePassword(UUID id, String passwordHash) {
		jdbc.sql("UPDATE app_user SET password_hash = :hash, updated_at = now() WHERE id = :id")
			.param("id", id)
			.param("hash", passwordHash)
			.update();
	}

	/**
	 * A new password chosen by or for the user: from {@code changedAt} on, web sessions
	 * and access tokens of before it are refused ({@link PrincipalLoader}).
	 */
	void changePassword(UUID id, String passwordHash, Instant changedAt) {
		jdbc.sql("""
				UPDATE app_user SET password_hash = :hash, password_changed_at = :changed, updated_at = :changed
				WHERE id = :id""")
			.param("id", id)
			.param("hash", passwordHash)
			.param("changed", Timestamp.from(changedAt))
			.update();
	}

	/**
	 * Locks the user's row, whatever their tenant (a password reset knows only its
	 * token).
	 */
	Optional<StoredUser> lock(UUID id) {
		return jdbc.sql("SELECT * FROM app_user WHERE id = :id FOR UPDATE").param("id", id).query(ROW).optional();
	}

	/**
	 * The account with this email in this tenant, or among platform admins when the
	 * tenant is absent.
	 */
	Optional<StoredUser> findByEmail(@Nullable UUID tenantId, String email) {
		return jdbc.sql("""
				SELECT * FROM app_user
				WHERE lower(email) = lower(:email) AND tenant_id IS NOT DISTINCT FROM :tenant""")
			.param("email", email)
			.param("tenant", tenantId)
			.query(ROW)
			.optional();
	}

	Optional<StoredUser> findInTenant(UUID tenantId, UUID id) {
		return jdbc.sql("SELECT * FROM app_user WHERE id = :id AND tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenantId)
			.query(ROW)
			.optional();
	}

	/**
	 * Locks the row for the rest of the transaction, so concurrent changes to one user
	 * serialize.
	 */
	Optional<StoredUser> lockInTenant(UUID tenantId, UUID id) {
		return jdbc.sql("SELECT * FROM app_user WHERE id = :id AND tenant_id = :tenant FOR UPDATE")
			.param("id", id)
			.param("tenant", tenantId)
			.query(ROW)
			.optional();
	}

	List<StoredUser> page(UUID tenantId, int page, int size) {
		return jdbc
			.sql("SELECT * FROM app_user WHERE tenant_id = :tenant ORDER BY lower(email) LIMIT :size OFFSET :offset")
			.param("tenant", tenantId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(ROW)
			.list();
	}

	List<StoredUser> enabledWithRole(UUID tenantId, Role role) {
		return jdbc.sql("""
				SELECT * FROM app_user WHERE tenant_id = :tenant AND enabled AND :role = ANY (roles)
				ORDER BY lower(email)""").param("tenant", tenantId).param("role", role.name()).query(ROW).list();
	}

	long count(UUID tenantId) {
		return jdbc.sql("SELECT count(*) FROM app_user WHERE tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
	}

	/** Counts the tenant's enabled admins other than the given user. */
	long otherEnabledAdmins(UUID tenantId, UUID exceptUser) {
		return jdbc.sql("""
				SELECT count(*) FROM app_user
				WHERE tenant_id = :tenant AND id <> :id AND enabled AND 'ADMIN' = ANY (roles)""")
			.param("tenant", tenantId)
			.param("id", exceptUser)
			.query(Long.class)
			.single();
	}

	private static String join(Collection<Role> roles) {
		return String.join(",", roles.stream().map(Role::name).sorted().toList());
	}

	private static StoredUser map(ResultSet rs, int n) throws SQLException {
		Array array = rs.getArray("roles");
		List<Role> roles = Arrays.stream((String[]) array.getArray()).map(Role::valueOf).sorted().toList();
		UserView view = new UserView(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("email"), rs.getString("display_name"), roles, rs.getBoolean("enabled"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
		return new StoredUser(view, rs.getString("password_hash"));
	}

}
