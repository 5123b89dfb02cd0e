package io.cohort.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Opaque refresh tokens, stored as digests and rotated on every use. Tokens descend from
 * one login in a family; presenting a token that was already used revokes the whole
 * family.
 */
@Repository
class RefreshTokens {

	/** The outcome of presenting a refresh token. */
	sealed interface Use {

	}

	record Rotated(UUID familyId, UUID userId) implements Use {
	}

	record Reused(UUID familyId, UUID userId) implements Use {
	}

	record Invalid() implements Use {
	}

	private final JdbcClient jdbc;

	private final IdentitySettings settings;

	RefreshTokens(JdbcClient jdbc, IdentitySettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** Issues a token in the given family (a new login starts a new family). */
	String issue(UUID familyId, UUID userId) {
		String token = Secrets.random(32);
		jdbc.sql("""
				INSERT INTO refresh_token (id, family_id, user_id, token_hash, expires_at)
				VALUES (:id, :family, :user, :hash, :expires)""")
			.param("id", UUID.randomUUID())
			.param("family", familyId)
			.param("user", userId)
			.param("hash", Secrets.digest(token))
			.param("expires", Timestamp.from(Instant.now().plus(settings.refreshTokenTtl())))
			.update();
		return token;
	}

	/**
	 * Marks the token used, exactly once, however many callers present it at the same
	 * time.
	 */
	Use use(String token) {
		byte[] hash = Secrets.digest(token);
		Optional<Rotated> rotated = jdbc.sql("""
				UPDATE refresh_token SET used_at = now()
				WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
				RETURNING family_id, user_id""")
			.param("hash", hash)
			.query((rs, n) -> new Rotated(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class)))
			.optional();
		if (rotated.isPresent()) {
			return rotated.get();
		}
		return jdbc.sql("SELECT family_id, user_id, used_at FROM refresh_token WHERE token_hash = :hash")
			.param("hash", hash)
			.query((rs, n) -> rs.getTimestamp("used_at") == null ? (Use) new Invalid()
					: new Reused(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class)))
			.optional()
			.orElseGet(Invalid::new);
	}

	/** Revokes every token of the family; returns how many were still live. */
	int revokeFamily(UUID familyId) {
		return jdbc.sql("UPDATE refresh_token SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
			.param("family", familyId)
			.update();
	}

	Optional<FamilyOwner> findFamily(String token) {
		return jdbc.sql("SELECT family_id, user_id FROM refresh_token WHERE token_hash = :hash")
			.param("hash", Secrets.digest(token))
			.query((rs, n) -> new FamilyOwner(rs.getObject("family_id", UUID.class),
					rs.getObject("user_id", UUID.class)))
			.optional();
	}

	record FamilyOwner(UUID familyId, UUID userId) {
	}

	/** Revokes every live token of a user, e.g. when they are disabled. */
	void revokeAllOf(UUID userId) {
		jdbc.sql("UPDATE refresh_token SET revoked_at = now() WHERE user_id = :user AND revoked_at IS NULL")
			.param("user", userId)
			.update();
	}

}
