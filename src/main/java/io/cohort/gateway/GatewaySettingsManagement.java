package io.cohort.gateway;

import io.cohort.gateway.client.TpGatewayAuth;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayConnection;
import io.cohort.gateway.client.TpGatewayResult;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.system.CohortException;
import io.cohort.system.OutboundUrlPolicy;
import io.cohort.system.SecretBox;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each tenant's TPGateway connection, set by its ADMIN. Secrets (the payload encryption
 * key, the OAuth client secret, the client certificate and its password) are sealed
 * before they are stored and are never returned; a response only says whether each is
 * set.
 */
@Service
public class GatewaySettingsManagement {

	static final String ENCRYPTION_KEY = "gateway.encryption-key";

	static final String OAUTH_SECRET = "gateway.oauth-secret";

	static final String KEYSTORE = "gateway.keystore";

	static final String KEYSTORE_SECRET = "gateway.keystore-secret";

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	private final ApplicationEventPublisher events;

	private final OutboundUrlPolicy urls;

	private final Clock clock;

	GatewaySettingsManagement(JdbcClient jdbc, SecretBox secrets, ApplicationEventPublisher events,
			OutboundUrlPolicy urls, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.events = events;
		this.urls = urls;
		this.clock = clock;
	}

	/**
	 * How the client authenticates; {@code NONE} is for the simulator only and is shown
	 * as such.
	 */
	public enum AuthMode {

		NONE, OAUTH, MTLS

	}

	/** The settings as shown: secrets only as "is set". */
	public record GatewaySettingsView(boolean configured, boolean enabled, @Nullable String baseUrl,
			@Nullable String uen, @Nullable AuthMode authMode, @Nullable String oauthTokenUrl,
			@Nullable String oauthClientId, @Nullable String apiVersion, int timeoutMs, boolean encryptionKeySet,
			boolean oauthClientSecretSet, boolean keystoreSet, boolean simulator, @Nullable Instant updatedAt,
			@Nullable String updatedBy) {
	}

	/** How long the client waits for an answer unless the tenant says otherwise. */
	public static final int DEFAULT_TIMEOUT_MS = 30_000;

	/**
	 * A change; a secret left out keeps its stored value; {@code timeoutMs} (how long to
	 * wait for each answer) left out is {@value #DEFAULT_TIMEOUT_MS}. A job's attempts
	 * follow the tenant's retry policy.
	 */
	public record SettingsChange(boolean enabled, String baseUrl, String uen, @Nullable String encryptionKey,
			AuthMode authMode, @Nullable String oauthTokenUrl, @Nullable String oauthClientId,
			@Nullable String oauthClientSecret, @Nullable String keystoreBase64, @Nullable String keystorePassword,
			@Nullable String apiVersion, @Nullable Integer timeoutMs) {
	}

	private record Row(boolean enabled, String baseUrl, String uen, byte[] encryptionKey, AuthMode authMode,
			@Nullable String oauthTokenUrl, @Nullable String oauthClientId, byte @Nullable [] oauthSecret,
			byte @Nullable [] keystore, byte @Nullable [] keystoreSecret, @Nullable String apiVersion, int timeoutMs,
			Instant updatedAt, String updatedBy) {
	}

	@Transactional(readOnly = true)
	public GatewaySettingsView get() {
		return find(CurrentActor.tenantId()).map(GatewaySettingsManagement::view)
			.orElse(new GatewaySettingsView(false, false, null, null, null, null, null, null, DEFAULT_TIMEOUT_MS, false,
					false, false, false, null, null));
	}

	@Transactional
	public GatewaySettingsView update(SettingsChange change) {
		UUID tenant = CurrentActor.tenantId();
		Optional<Row> before = find(tenant);
		URI baseUrl = urls.check("base_url", change.baseUrl());
		byte[] key = change.encryptionKey() != null
				? secrets.seal(ENCRYPTION_KEY, encryptionKey(change.encryptionKey())) : before.map(Row::encryptionKey)
					.orElseThrow(() -> CohortException.invalidField("encryption_key", "is required"));
		byte[] oauthSecret = change.oauthClientSecret() != null ? secrets.seal(OAUTH_SECRET, change.oauthClientSecret())
				: before.map(Row::oauthSecret).orElse(null);
		byte[] keystore = change.keystoreBase64() != null ? secrets.seal(KEYSTORE, keystore(change.keystoreBase64()))
				: before.map(Row::keystore).orElse(null);
		byte[] keystoreSecret = change.keystorePassword() != null
				? secrets.seal(KEYSTORE_SECRET, change.keystorePassword())
				: before.map(Row::keystoreSecret).orElse(null);
		URI tokenUrl = change.authMode() == AuthMode.OAUTH ? urls.check("oauth_token_url", change.oauthTokenUrl())
				: null;
		if (change.authMode() == AuthMode.OAUTH) {
			if (change.oauthClientId() == null || change.oauthClientId().isBlank()) {
				throw CohortException.invalidField("oauth_client_id", "is required for OAUTH");
			}
			if (oauthSecret == null) {
				throw CohortException.invalidField("oauth_client_secret", "is required for OAUTH");
			}
		}
		if (change.authMode() == AuthMode.MTLS && (keystore == null || keystoreSecret == null)) {
			throw CohortException.invalidField("keystore_base64",
					"a PKCS#12 keystore and its password are required for MTLS");
		}
		int timeout = change.timeoutMs() == null ? DEFAULT_TIMEOUT_MS : change.timeoutMs();
		if (timeout < 100 || timeout > 120_000) {
			throw CohortException.invalidField("timeout_ms", "must be between 100 and 120000");
		}
		if (!change.uen().matches("(?i)\\d{8}[A-Z]|\\d{9}[A-Z]|[TSR]\\d{2}[A-Z]{2}\\d{4}[A-Z]")) {
			throw CohortException.invalidField("uen", "is not a valid UEN");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String by = CurrentActor.actorRef().label();
		jdbc.sql(
				"""
						INSERT INTO gateway_settings (tenant_id, enabled, base_url, uen, encryption_key_sealed, auth_mode,
						    oauth_token_url, oauth_client_id, oauth_secret_sealed, keystore_sealed, keystore_secret_sealed,
						    api_version, timeout_ms, updated_at, updated_by)
						VALUES (:tenant, :enabled, :base_url, :uen, :key, :mode, :token_url, :client_id, :oauth_secret,
						    :keystore, :keystore_secret, :api_version, :timeout, :now, :by)
						ON CONFLICT (tenant_id) DO UPDATE SET enabled = EXCLUDED.enabled, base_url = EXCLUDED.base_url,
						    uen = EXCLUDED.uen, encryption_key_sealed = EXCLUDED.encryption_key_sealed,
						    auth_mode = EXCLUDED.auth_mode, oauth_token_url = EXCLUDED.oauth_token_url,
						    oauth_client_id = EXCLUDED.oauth_client_id, oauth_secret_sealed = EXCLUDED.oauth_secret_sealed,
						    keystore_sealed = EXCLUDED.keystore_sealed, keystore_secret_sealed = EXCLUDED.keystore_secret_sealed,
						    api_version = EXCLUDED.api_version, timeout_ms = EXCLUDED.timeout_ms,
						    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
			.param("tenant", tenant)
			.param("enabled", change.enabled())
			.param("base_url", baseUrl.toString())
			.param("uen", change.uen().toUpperCase(java.util.Locale.ROOT))
			.param("key", key)
			.param("mode", change.authMode().name())
			.param("token_url", tokenUrl == null ? null : tokenUrl.toString())
			.param("client_id", change.oauthClientId())
			.param("oauth_secret", oauthSecret)
			.param("keystore", keystore)
			.param("keystore_secret", keystoreSecret)
			.param("api_version", change.apiVersion())
			.param("timeout", timeout)
			.param("now", Timestamp.from(now))
			.param("by", by)
			.update();
		Changes changes = Changes.of()
			.field("enabled", before.map(Row::enabled).orElse(null), change.enabled())
			.field("base_url", before.map(Row::baseUrl).orElse(null), baseUrl.toString())
			.field("uen", before.map(Row::uen).orElse(null), change.uen().toUpperCase(java.util.Locale.ROOT))
			.field("auth_mode", before.map(r -> r.authMode().name()).orElse(null), change.authMode().name())
			.field("oauth_client_id", before.map(Row::oauthClientId).orElse(null), change.oauthClientId())
			.field("timeout_ms", before.map(Row::timeoutMs).orElse(null), timeout);
		if (change.encryptionKey() != null) {
			changes.note("encryption_key", "changed");
		}
		if (change.oauthClientSecret() != null) {
			changes.note("oauth_client_secret", "changed");
		}
		if (change.keystoreBase64() != null || change.keystorePassword() != null) {
			changes.note("keystore", "changed");
		}
		events.publishEvent(
				AuditFact.of(tenant, "gateway.settings.updated", "gateway_settings", tenant, changes.toMap()));
		return get();
	}

	/** Whether the tenant sends its records to TPGateway. */
	boolean enabled(UUID tenant) {
		return jdbc.sql("SELECT enabled FROM gateway_settings WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * How to reach the tenant's gateway, with its secrets opened, while the tenant has it
	 * switched on, and the settings' version (clients built from one version can be
	 * reused until it changes). A client certificate stays in memory: it is never written
	 * to a file.
	 */
	Optional<Versioned> connection(UUID tenant) {
		return find(tenant).filter(Row::enabled).map(this::open);
	}

	/** What a connection test found: whether TPGateway answered, and in words. */
	public record ConnectionTest(boolean ok, String message) implements java.io.Serializable {
	}

	/**
	 * The course reference the connection test lists runs for: any well-formed reference
	 * does, as the answer (an empty list) only shows the gateway took the call.
	 */
	static final String PROBE_COURSE = "TGS-0000000000";

	/**
	 * Lists runs of a course with the saved settings, switched on or not: proof the
	 * address, the UEN and the credentials work, without changing anything there.
	 */
	public ConnectionTest test() {
		Optional<Row> row = find(CurrentActor.tenantId());
		if (row.isEmpty()) {
			return new ConnectionTest(false, "TPGateway is not set up yet: save its address, UEN and key first");
		}
		TpGatewayResult<?> result = new TpGatewayClient(open(row.get()).connection(), urls, clock)
			.courseRuns(PROBE_COURSE);
		if (result instanceof TpGatewayResult.Success<?>) {
			return new ConnectionTest(true, "TPGateway answered for UEN " + row.get().uen() + ".");
		}
		if (result instanceof TpGatewayResult.Retryable<?> failed) {
			return new ConnectionTest(false, "TPGateway did not answer as expected: " + failed.message());
		}
		return new ConnectionTest(false,
				"TPGateway refused the call: " + ((TpGatewayResult.Permanent<?>) result).message());
	}

	private Versioned open(Row row) {
		TpGatewayAuth auth = switch (row.authMode()) {
			case NONE -> new TpGatewayAuth.None();
			case OAUTH -> new TpGatewayAuth.OAuth(URI.create(Objects.requireNonNull(row.oauthTokenUrl())),
					Objects.requireNonNull(row.oauthClientId()),
					secrets.open(OAUTH_SECRET, Objects.requireNonNull(row.oauthSecret())));
			case MTLS -> new TpGatewayAuth.Certificate(
					Base64.getDecoder().decode(secrets.open(KEYSTORE, Objects.requireNonNull(row.keystore()))),
					secrets.open(KEYSTORE_SECRET, Objects.requireNonNull(row.keystoreSecret())));
		};
		return new Versioned(new TpGatewayConnection(URI.create(row.baseUrl()), row.uen(),
				secrets.open(ENCRYPTION_KEY, row.encryptionKey()), auth, row.apiVersion(),
				Duration.ofMillis(row.timeoutMs())), row.updatedAt());
	}

	/** A connection and the moment its settings were last changed. */
	record Versioned(TpGatewayConnection connection, Instant version) {
	}

	private Optional<Row> find(UUID tenant) {
		return jdbc.sql("SELECT * FROM gateway_settings WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query((rs, n) -> new Row(rs.getBoolean("enabled"), rs.getString("base_url"), rs.getString("uen"),
					rs.getBytes("encryption_key_sealed"), AuthMode.valueOf(rs.getString("auth_mode")),
					rs.getString("oauth_token_url"), rs.getString("oauth_client_id"),
					rs.getBytes("oauth_secret_sealed"), rs.getBytes("keystore_sealed"),
					rs.getBytes("keystore_secret_sealed"), rs.getString("api_version"), rs.getInt("timeout_ms"),
					rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
			.optional();
	}

	private static GatewaySettingsView view(Row row) {
		return new GatewaySettingsView(true, row.enabled(), row.baseUrl(), row.uen(), row.authMode(),
				row.oauthTokenUrl(), row.oauthClientId(), row.apiVersion(), row.timeoutMs(), true,
				row.oauthSecret() != null, row.keystore() != null, row.authMode() == AuthMode.NONE, row.updatedAt(),
				row.updatedBy());
	}

	private static String encryptionKey(String base64) {
		try {
			if (Base64.getDecoder().decode(base64.trim()).length != 32) {
				throw CohortException.invalidField("encryption_key", "must be Base64 of exactly 32 bytes (AES-256)");
			}
			return base64.trim();
		}
		catch (IllegalArgumentException ex) {
			throw CohortException.invalidField("encryption_key", "must be Base64 of exactly 32 bytes (AES-256)");
		}
	}

	private static String keystore(String base64) {
		try {
			Base64.getDecoder().decode(base64.trim());
			return base64.trim();
		}
		catch (IllegalArgumentException ex) {
			throw CohortException.invalidField("keystore_base64", "must be Base64 of a PKCS#12 keystore");
		}
	}

}
