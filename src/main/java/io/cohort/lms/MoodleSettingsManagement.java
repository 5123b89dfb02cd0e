package io.cohort.lms;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Each tenant's Moodle connection, set by its ADMIN. The web service token is sealed
 * before it is stored and never returned (a view only says it is set); the base URL
 * passes the outbound URL policy.
 */
@Service
public class MoodleSettingsManagement {

	static final String TOKEN = "moodle.token";

	/** How long the client waits for each answer unless the tenant says otherwise. */
	public static final int DEFAULT_TIMEOUT_MS = 10_000;

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	private final ApplicationEventPublisher events;

	private final OutboundUrlPolicy urls;

	private final Clock clock;

	MoodleSettingsManagement(JdbcClient jdbc, SecretBox secrets, ApplicationEventPublisher events,
			OutboundUrlPolicy urls, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.events = events;
		this.urls = urls;
		this.clock = clock;
	}

	/** The settings as shown: the token only as "is set". */
	public record MoodleSettingsView(boolean configured, boolean enabled, @Nullable String baseUrl, boolean tokenSet,
			@Nullable Long studentRoleId, int timeoutMs, @Nullable Instant updatedAt, @Nullable String updatedBy) {
	}

	/** A change; a token left out keeps the stored one. */
	public record SettingsChange(boolean enabled, String baseUrl, @Nullable String token, long studentRoleId,
			@Nullable Integer timeoutMs) {
	}

	/**
	 * What a connection test found: the site's name and release, or the problem.
	 * Serializable: the page hands it on in the web session, which lives in the database.
	 */
	public record ConnectionTest(boolean ok, @Nullable String siteName, @Nullable String release,
			@Nullable String problem) implements java.io.Serializable {
	}

	private record Row(boolean enabled, String baseUrl, byte[] token, long studentRoleId, int timeoutMs,
			Instant updatedAt, String updatedBy) {
	}

	@Transactional(readOnly = true)
	public MoodleSettingsView get() {
		return find(CurrentActor.tenantId()).map(MoodleSettingsManagement::view)
			.orElse(new MoodleSettingsView(false, false, null, false, null, DEFAULT_TIMEOUT_MS, null, null));
	}

	@Transactional
	public MoodleSettingsView update(SettingsChange change) {
		UUID tenant = CurrentActor.tenantId();
		Optional<Row> before = find(tenant);
		URI baseUrl = urls.check("base_url", change.baseUrl());
		if (change.token() != null && change.token().isBlank()) {
			throw CohortException.invalidField("token", "must not be blank");
		}
		byte[] token = change.token() != null ? secrets.seal(TOKEN, change.token().trim())
				: before.map(Row::token).orElseThrow(() -> CohortException.invalidField("token", "is required"));
		if (change.studentRoleId() < 1) {
			throw CohortException.invalidField("student_role_id", "must be a Moodle role id (1 or more)");
		}
		int timeout = change.timeoutMs() == null ? DEFAULT_TIMEOUT_MS : change.timeoutMs();
		if (timeout < 100 || timeout > 120_000) {
			throw CohortException.invalidField("timeout_ms", "must be between 100 and 120000");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql(
				"""
						INSERT INTO moodle_settings (tenant_id, enabled, base_url, token_sealed, student_role_id, timeout_ms,
						    updated_at, updated_by)
						VALUES (:tenant, :enabled, :base_url, :token, :role, :timeout, :now, :by)
						ON CONFLICT (tenant_id) DO UPDATE SET enabled = EXCLUDED.enabled, base_url = EXCLUDED.base_url,
						    token_sealed = EXCLUDED.token_sealed, student_role_id = EXCLUDED.student_role_id,
						    timeout_ms = EXCLUDED.timeout_ms, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
			.param("tenant", tenant)
			.param("enabled", change.enabled())
			.param("base_url", baseUrl.toString())
			.param("token", token)
			.param("role", change.studentRoleId())
			.param("timeout", timeout)
			.param("now", Timestamp.from(now))
			.param("by", CurrentActor.actorRef().label())
			.update();
		Changes changes = Changes.of()
			.field("enabled", before.map(Row::enabled).orElse(null), change.enabled())
			.field("base_url", before.map(Row::baseUrl).orElse(null), baseUrl.toString())
			.field("student_role_id", before.map(Row::studentRoleId).orElse(null), change.studentRoleId())
			.field("timeout_ms", before.map(Row::timeoutMs).orElse(null), timeout);
		if (change.token() != null) {
			changes.note("token", "changed");
		}
		events
			.publishEvent(AuditFact.of(tenant, "moodle.settings.updated", "moodle_settings", tenant, changes.toMap()));
		return get();
	}

	/**
	 * Calls {@code core_webservice_get_site_info} with the saved settings (switched on or
	 * not) and tells the site's name and release, or what went wrong.
	 */
	public ConnectionTest test() {
		Optional<MoodleConnection> connection = find(CurrentActor.tenantId()).map(this::connection);
		if (connection.isEmpty()) {
			return new ConnectionTest(false, null, null, "Moodle is not set up yet: save its base URL and token first");
		}
		MoodleResult<MoodleClient.SiteInfo> result = new MoodleClient(connection.get(), urls).siteInfo();
		if (result instanceof MoodleResult.Success<MoodleClient.SiteInfo> success) {
			return new ConnectionTest(true, success.value().siteName(), success.value().release(), null);
		}
		return new ConnectionTest(false, null, null, ((MoodleResult.Failure<?>) result).message());
	}

	/** Whether the tenant provisions its enrolments in Moodle. */
	public boolean enabled(UUID tenant) {
		return jdbc.sql("SELECT enabled FROM moodle_settings WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * How to reach the tenant's Moodle, with its token opened, while the tenant has it
	 * switched on.
	 */
	Optional<MoodleConnection> connection(UUID tenant) {
		return find(tenant).filter(Row::enabled).map(this::connection);
	}

	private MoodleConnection connection(Row row) {
		return new MoodleConnection(URI.create(row.baseUrl()), secrets.open(TOKEN, row.token()), row.studentRoleId(),
				Duration.ofMillis(row.timeoutMs()));
	}

	private Optional<Row> find(UUID tenant) {
		return jdbc.sql("SELECT * FROM moodle_settings WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query((rs, n) -> new Row(rs.getBoolean("enabled"), rs.getString("base_url"), rs.getBytes("token_sealed"),
					rs.getLong("student_role_id"), rs.getInt("timeout_ms"), rs.getTimestamp("updated_at").toInstant(),
					rs.getString("updated_by")))
			.optional();
	}

	private static MoodleSettingsView view(Row row) {
		return new MoodleSettingsView(true, row.enabled(), row.baseUrl(), true, row.studentRoleId(), row.timeoutMs(),
				row.updatedAt(), row.updatedBy());
	}

}
