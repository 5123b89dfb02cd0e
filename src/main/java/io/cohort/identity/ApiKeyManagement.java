package io.cohort.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for integrations (the CRM's webhooks): bound to one tenant, shown once, stored
 * as a digest, accepted in {@code X-API-Key}.
 */
@Service
public class ApiKeyManagement {

	static final String KEY_PREFIX = "ck_";

	private static final RowMapper<ApiKeyView> ROW = (rs, n) -> new ApiKeyView(rs.getObject("id", UUID.class),
			rs.getString("name"), rs.getString("prefix"), rs.getTimestamp("created_at").toInstant(),
			instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ApiKeyManagement(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** A key just created: the only time its secret is shown. */
	public record IssuedApiKey(UUID id, String name, String prefix, String key, Instant createdAt) {
	}

	@Transactional
	public IssuedApiKey create(String name) {
		UUID tenant = CurrentActor.tenantId();
		String prefix = Secrets.random(6).replace('-', 'x').replace('_', 'x');
		String key = KEY_PREFIX + prefix + "_" + Secrets.random(32);
		UUID id = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				INSERT INTO api_key (id, tenant_id, name, prefix, secret_hash, created_by, created_at)
				VALUES (:id, :tenant, :name, :prefix, :hash, :by, :at)""")
			.param("id", id)
			.param("tenant", tenant)
			.param("name", name.trim())
			.param("prefix", KEY_PREFIX + prefix)
			.param("hash", Secrets.digest(key))
			.param("by", CurrentActor.require().id())
			.param("at", Timestamp.from(now))
			.update();
		events.publishEvent(AuditFact.of(tenant, "api_key.created", "api_key", id,
				Map.of("name", name.trim(), "prefix", KEY_PREFIX + prefix)));
		return new IssuedApiKey(id, name.trim(), KEY_PREFIX + prefix, key, now);
	}

	/**
	 * Registers a key whose secret is known in advance, such as the demo tenant's
	 * documented CRM key, unless a key with that secret exists already; returns whether
	 * it was registered. Never for real tenants: a secret that is written down somewhere
	 * is no secret.
	 */
	@Transactional
	public boolean register(String name, String key) {
		if (!key.startsWith(KEY_PREFIX) || key.length() < 24 || key.length() > 200) {
			throw new IllegalArgumentException("A key starts with " + KEY_PREFIX + " and has 24 to 200 characters");
		}
		UUID tenant = CurrentActor.tenantId();
		UUID id = UUID.randomUUID();
		String prefix = key.substring(0, Math.min(key.length(), KEY_PREFIX.length() + 6));
		int inserted = jdbc.sql("""
				INSERT INTO api_key (id, tenant_id, name, prefix, secret_hash, created_by, created_at)
				VALUES (:id, :tenant, :name, :prefix, :hash, :by, now())
				ON CONFLICT (secret_hash) DO NOTHING""")
			.param("id", id)
			.param("tenant", tenant)
			.param("name", name.trim())
			.param("prefix", prefix)
			.param("hash", Secrets.digest(key))
			.param("by", CurrentActor.require().id())
			.update();
		if (inserted == 1) {
			events.publishEvent(AuditFact.of(tenant, "api_key.created", "api_key", id,
					Map.of("name", name.trim(), "prefix", prefix)));
		}
		return inserted == 1;
	}

	@Transactional(readOnly = true)
	public List<ApiKeyView> list() {
		return jdbc.sql("SELECT * FROM api_key WHERE tenant_id = :tenant ORDER BY created_at DESC")
			.param("tenant", CurrentActor.tenantId())
			.query(ROW)
			.list();
	}

	@Transactional
	public void revoke(UUID id) {
		UUID tenant = CurrentActor.tenantId();
		ApiKeyView key = jdbc.sql("SELECT * FROM api_key WHERE id = :id AND tenant_id = :tenant FOR UPDATE")
			.param("id", id)
			.param("tenant", tenant)
			.query(ROW)
			.optional()
			.orElseThrow(() -> CohortException.notFound("API key", id));
		if (key.revokedAt() != null) {
			return;
		}
		jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE id = :id").param("id", id).update();
		events.publishEvent(AuditFact.of(tenant, "api_key.revoked", "api_key", id,
				Map.of("name", key.name(), "prefix", key.prefix())));
	}

	/** The live key with this secret, as a principal of its tenant. */
	Optional<CohortPrincipal> authenticate(String presented) {
		if (!presented.startsWith(KEY_PREFIX) || presented.length() > 200) {
			return Optional.empty();
		}
		Optional<CohortPrincipal> principal = jdbc.sql("""
				SELECT k.id, k.tenant_id, t.slug, k.name FROM api_key k JOIN tenant t ON t.id = k.tenant_id
				WHERE k.secret_hash = :hash AND k.revoked_at IS NULL""")
			.param("hash", Secrets.digest(presented))
			.query((rs, n) -> new CohortPrincipal(CohortPrincipal.Kind.API_KEY, rs.getObject("id", UUID.class),
					rs.getObject("tenant_id", UUID.class), rs.getString("slug"), rs.getString("name"), Set.of()))
			.optional();
		principal.ifPresent(key -> jdbc.sql("""
				UPDATE api_key SET last_used_at = now()
				WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
			.param("id", key.id())
			.update());
		return principal;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
