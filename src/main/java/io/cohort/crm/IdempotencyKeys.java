package io.cohort.crm;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys in PostgreSQL, shared by every instance (after the IETF
 * Idempotency-Key draft). A key is claimed by inserting it IN_PROGRESS in a statement of
 * its own, committed at once, so a concurrent twin on any instance waits on the row and
 * then sees it; the response is stored with it once the request is done. Each statement
 * runs in its own transaction (none is open around them).
 */
@Repository
class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a claim found. */
	sealed interface Claim {

		/** The key is this request's: process it. */
		record Claimed() implements Claim {
		}

		/**
		 * The same request was answered within the TTL: these are its response's bytes.
		 */
		record Replay(byte[] response) implements Claim {
		}

		/** The same request is still being processed. */
		record InProgress() implements Claim {
		}

		/** The key was used for a different request. */
		record Mismatch() implements Claim {
		}

	}

	Claim claim(UUID tenant, String entity, String key, String requestHash, Duration ttl) {
		for (int attempt = 0; attempt < 3; attempt++) {
			Instant expires = Instant.now().plus(ttl);
			int inserted = jdbc
				.sql("""
						INSERT INTO crm_idempotency_key (tenant_id, entity, idempotency_key, request_hash, state, expires_at)
						VALUES (:tenant, :entity, :key, :hash, 'IN_PROGRESS', :expires)
						ON CONFLICT (tenant_id, entity, idempotency_key) DO NOTHING""")
				.param("tenant", tenant)
				.param("entity", entity)
				.param("key", key)
				.param("hash", requestHash)
				.param("expires", Timestamp.from(expires))
				.update();
			if (inserted == 1) {
				return new Claim.Claimed();
			}
			// an expired key is taken over as if it were new (the purge may not have come
			// by yet)
			int taken = jdbc.sql("""
					UPDATE crm_idempotency_key SET request_hash = :hash, state = 'IN_PROGRESS', response = NULL,
					    created_at = now(), expires_at = :expires
					WHERE tenant_id = :tenant AND entity = :entity AND idempotency_key = :key AND expires_at < now()""")
				.param("tenant", tenant)
				.param("entity", entity)
				.param("key", key)
				.param("hash", requestHash)
				.param("expires", Timestamp.from(expires))
				.update();
			if (taken == 1) {
				return new Claim.Claimed();
			}
			record Stored(String hash, String state, byte[] response) {
			}
			var stored = jdbc.sql("""
					SELECT request_hash, state, response FROM crm_idempotency_key
					WHERE tenant_id = :tenant AND entity = :entity AND idempotency_key = :key""")
				.param("tenant", tenant)
				.param("entity", entity)
				.param("key", key)
				.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3)))
				.optional();
			if (stored.isEmpty()) {
				continue; // purged or released meanwhile: claim again
			}
			if (!stored.get().hash().equals(requestHash)) {
				return new Claim.Mismatch();
			}
			if ("IN_PROGRESS".equals(stored.get().state())) {
				return new Claim.InProgress();
			}
			return new Claim.Replay(stored.get().response());
		}
		return new Claim.InProgress();
	}

	/** Stores the response of a claimed key; it is replayed until the TTL passes. */
	void complete(UUID tenant, String entity, String key, byte[] response, Duration ttl) {
		jdbc.sql("""
				UPDATE crm_idempotency_key SET state = 'DONE', response = :response, expires_at = :expires
				WHERE tenant_id = :tenant AND entity = :entity AND idempotency_key = :key""")
			.param("tenant", tenant)
			.param("entity", entity)
			.param("key", key)
			.param("response", response)
			.param("expires", Timestamp.from(Instant.now().plus(ttl)))
			.update();
	}

	/**
	 * Gives a claimed key up (the request failed as a whole), so the client may send it
	 * again.
	 */
	void release(UUID tenant, String entity, String key) {
		jdbc.sql("""
				DELETE FROM crm_idempotency_key
				WHERE tenant_id = :tenant AND entity = :entity AND idempotency_key = :key AND state = 'IN_PROGRESS'""")
			.param("tenant", tenant)
			.param("entity", entity)
			.param("key", key)
			.update();
	}

	/** Deletes the keys whose TTL has passed; returns how many. */
	int purgeExpired() {
		return jdbc.sql("DELETE FROM crm_idempotency_key WHERE expires_at < now()").update();
	}

}
