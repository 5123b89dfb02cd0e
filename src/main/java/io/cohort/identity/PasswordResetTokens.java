package io.cohort.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The single-use tokens of password reset links, stored as SHA-256 digests only: the
 * token itself exists in the mail and nowhere else.
 */
@Repository
class PasswordResetTokens {

	/** How long a used or expired token's row is kept before a new request sweeps it. */
	static final Duration KEPT = Duration.ofDays(1);

	private final JdbcClient jdbc;

	PasswordResetTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Issues a token for the user, valid until {@code expires}; answers the token. */
	String issue(UUID userId, Instant now, Instant expires) {
		jdbc.sql("DELETE FROM password_reset WHERE expires_at < :stale")
			.param("stale", Timestamp.from(now.minus(KEPT)))
			.update();
		String token = Secrets.random(32);
		jdbc.sql("""
				INSERT INTO password_reset (id, user_id, token_hash, created_at, expires_at)
				VALUES (:id, :user, :hash, :now, :expires)""")
			.param("id", UUID.randomUUID())
			.param("user", userId)
			.param("hash", Secrets.digest(token))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expires))
			.update();
		return token;
	}

	/** The user whose unused, unexpired token this is, if it is one. */
	Optional<UUID> usable(String token, Instant now) {
		return jdbc.sql("""
				SELECT user_id FROM password_reset
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
			.param("hash", Secrets.digest(token))
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.optional();
	}

	/**
	 * Uses the token, exactly once however many present it at the same time, together
	 * with every other live token of its user; answers the user when it was usable.
	 */
	Optional<UUID> use(String token, Instant now) {
		Optional<UUID> user = jdbc.sql("""
				UPDATE password_reset SET used_at = :now
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
				RETURNING user_id""")
			.param("hash", Secrets.digest(token))
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.optional();
		user.ifPresent(
				id -> jdbc.sql("UPDATE password_reset SET used_at = :now WHERE user_id = :user AND used_at IS NULL")
					.param("now", Timestamp.from(now))
					.param("user", id)
					.update());
		return user;
	}

}
