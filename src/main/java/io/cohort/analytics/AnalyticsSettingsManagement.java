package io.cohort.analytics;

import java.math.BigDecimal;
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
 * Each tenant's analytics sources, set by its ADMIN: the MOOC's export API and the H5P
 * reporting API, each a base URL (through the outbound URL policy) and a token sealed
 * before it is stored and never returned; and the risk threshold above which a learner is
 * raised as at risk.
 */
@Service
public class AnalyticsSettingsManagement {

	static final String MOOC_TOKEN = "analytics.mooc.token";

	static final String H5P_TOKEN = "analytics.h5p.token";

	static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("0.600");

	static final int DEFAULT_PAGE_SIZE = 100;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	private final ApplicationEventPublisher events;

	private final OutboundUrlPolicy urls;

	private final Clock clock;

	AnalyticsSettingsManagement(JdbcClient jdbc, SecretBox secrets, ApplicationEventPublisher events,
			OutboundUrlPolicy urls, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.events = events;
		this.urls = urls;
		this.clock = clock;
	}

	/** The settings as shown: the tokens only as "is set". */
	public record AnalyticsSettingsView(boolean configured, @Nullable String moocBaseUrl, boolean moocTokenSet,
			@Nullable String h5pBaseUrl, boolean h5pTokenSet, BigDecimal riskThreshold, int pageSize,
			@Nullable Instant updatedAt, @Nullable String updatedBy) {
	}

	/** A change; a token left out keeps the stored one. */
	public record SettingsChange(String moocBaseUrl, @Nullable String moocToken, String h5pBaseUrl,
			@Nullable String h5pToken, @Nullable BigDecimal riskThreshold, @Nullable Integer pageSize) {
	}

	private record Row(String moocBaseUrl, byte[] moocToken, String h5pBaseUrl, byte[] h5pToken,
			BigDecimal riskThreshold, int pageSize, Instant updatedAt, String updatedBy) {
	}

	/** Both sources, opened, with the tenant's page size. */
	record Sources(SourceConnection mooc, SourceConnection h5p, int pageSize) {
	}

	@Transactional(readOnly = true)
	public AnalyticsSettingsView get() {
		return find(CurrentActor.tenantId()).map(AnalyticsSettingsManagement::view)
			.orElse(new AnalyticsSettingsView(false, null, false, null, false, DEFAULT_THRESHOLD, DEFAULT_PAGE_SIZE,
					null, null));
	}

	@Transactional
	public AnalyticsSettingsView update(SettingsChange change) {
		UUID tenant = CurrentActor.tenantId();
		Optional<Row> before = find(tenant);
		URI mooc = urls.check("mooc_base_url", change.moocBaseUrl());
		URI h5p = urls.check("h5p_base_url", change.h5pBaseUrl());
		byte[] moocToken = token("mooc_token", MOOC_TOKEN, change.moocToken(), before.map(Row::moocToken));
		byte[] h5pToken = token("h5p_token", H5P_TOKEN, change.h5pToken(), before.map(Row::h5pToken));
		BigDecimal threshold = change.riskThreshold() == null ? DEFAULT_THRESHOLD : change.riskThreshold();
		if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) >= 0) {
			throw CohortException.invalidField("risk_threshold", "must be between 0 and 1 (exclusive)");
		}
		int pageSize = change.pageSize() == null ? DEFAULT_PAGE_SIZE : change.pageSize();
		if (pageSize < 1 || pageSize > 1000) {
			throw CohortException.invalidField("page_size", "must be between 1 and 1000");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql(
				"""
						INSERT INTO analytics_settings (tenant_id, mooc_base_url, mooc_token_sealed, h5p_base_url,
						    h5p_token_sealed, risk_threshold, page_size, updated_at, updated_by)
						VALUES (:tenant, :mooc, :mooc_token, :h5p, :h5p_token, :threshold, :page_size, :now, :by)
						ON CONFLICT (tenant_id) DO UPDATE SET mooc_base_url = EXCLUDED.mooc_base_url,
						    mooc_token_sealed = EXCLUDED.mooc_token_sealed, h5p_base_url = EXCLUDED.h5p_base_url,
						    h5p_token_sealed = EXCLUDED.h5p_token_sealed, risk_threshold = EXCLUDED.risk_threshold,
						    page_size = EXCLUDED.page_size, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
			.param("tenant", tenant)
			.param("mooc", mooc.toString())
			.param("mooc_token", moocToken)
			.param("h5p", h5p.toString())
			.param("h5p_token", h5pToken)
			.param("threshold", threshold)
			.param("page_size", pageSize)
			.param("now", Timestamp.from(now))
			.param("by", CurrentActor.actorRef().label())
			.update();
		Changes changes = Changes.of()
			.field("mooc_base_url", before.map(Row::moocBaseUrl).orElse(null), mooc.toString())
			.field("h5p_base_url", before.map(Row::h5pBaseUrl).orElse(null), h5p.toString())
			.field("risk_threshold", before.map(Row::riskThreshold).orElse(null), threshold)
			.field("page_size", before.map(Row::pageSize).orElse(null), pageSize);
		if (change.moocToken() != null) {
			changes.note("mooc_token", "changed");
		}
		if (change.h5pToken() != null) {
			changes.note("h5p_token", "changed");
		}
		events.publishEvent(
				AuditFact.of(tenant, "analytics.settings.updated", "analytics_settings", tenant, changes.toMap()));
		return get();
	}

	/** The current tenant's risk threshold. */
	@Transactional(readOnly = true)
	public BigDecimal threshold() {
		return threshold(CurrentActor.tenantId());
	}

	/** The tenant's risk threshold (the default while it has no settings). */
	BigDecimal threshold(UUID tenant) {
		return find(tenant).map(Row::riskThreshold).orElse(DEFAULT_THRESHOLD);
	}

	/** Both sources with their tokens opened, once the tenant has set them. */
	Optional<Sources> sources(UUID tenant) {
		return find(tenant).map(row -> new Sources(
				new SourceConnection(URI.create(row.moocBaseUrl()), secrets.open(MOOC_TOKEN, row.moocToken()), TIMEOUT),
				new SourceConnection(URI.create(row.h5pBaseUrl()), secrets.open(H5P_TOKEN, row.h5pToken()), TIMEOUT),
				row.pageSize()));
	}

	private byte[] token(String field, String purpose, @Nullable String given, Optional<byte[]> stored) {
		if (given != null && given.isBlank()) {
			throw CohortException.invalidField(field, "must not be blank");
		}
		return given != null ? secrets.seal(purpose, given.trim())
				: stored.orElseThrow(() -> CohortException.invalidField(field, "is required"));
	}

	private Optional<Row> find(UUID tenant) {
		return jdbc.sql("SELECT * FROM analytics_settings WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query((rs, n) -> new Row(rs.getString("mooc_base_url"), rs.getBytes("mooc_token_sealed"),
					rs.getString("h5p_base_url"), rs.getBytes("h5p_token_sealed"), rs.getBigDecimal("risk_threshold"),
					rs.getInt("page_size"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
			.optional();
	}

	private static AnalyticsSettingsView view(Row row) {
		return new AnalyticsSettingsView(true, row.moocBaseUrl(), true, row.h5pBaseUrl(), true, row.riskThreshold(),
				row.pageSize(), row.updatedAt(), row.updatedBy());
	}

}
