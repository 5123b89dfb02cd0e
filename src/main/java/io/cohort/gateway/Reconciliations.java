package io.cohort.gateway;

import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.jobs.CircuitBreaker;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.RunStatus;
import io.cohort.shared.AuditFact;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciliation: for each run that was published, every {@link RecordCheck} compares the
 * local records with what TPGateway's search returns, and each difference is recorded
 * (missing remotely, status differs, unknown remotely). A search that fails is recorded
 * as a failed check with its error, and nothing is concluded from it; while the tenant's
 * circuit is open nothing is asked at all. Runs on demand (ADMIN, OPS) or on schedule
 * ({@code cohort.gateway.reconciliation.interval}). The gateway calls happen outside any
 * transaction; each check is written as it completes.
 */
@Service
public class Reconciliations {

	private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);

	/** What kind of difference was found. */
	public enum Kind {

		/** We hold the record as live, the gateway does not have it. */
		MISSING_REMOTELY,
		/** Both have it, in different states. */
		STATUS_DIFFERS,
		/** The gateway has a record for the run that we do not know. */
		UNKNOWN_REMOTELY

	}

	/** One difference; national ids only masked. */
	public record Discrepancy(String recordType, Kind kind, @Nullable UUID entityId, @Nullable String gatewayReference,
			@Nullable String localStatus, @Nullable String remoteStatus, String detail) {
	}

	/**
	 * One run's records of one type compared: MATCHED, DISCREPANCIES or FAILED (with the
	 * error).
	 */
	public record CheckView(UUID runId, String recordType, String outcome, @Nullable String error, Instant checkedAt,
			List<Discrepancy> discrepancies) {
	}

	/** A reconciliation and, when read alone, its checks. */
	public record ReconciliationView(UUID id, String trigger, @Nullable UUID runId, String requestedBy,
			@Nullable String correlationId, Instant startedAt, @Nullable Instant finishedAt, int runsChecked,
			int discrepancies, int failedChecks, List<CheckView> checks) {
	}

	private final ReconciliationRepository records;

	private final List<RecordCheck> checks;

	private final GatewaySettingsManagement settings;

	private final CircuitBreaker breaker;

	private final ClassRunManagement runs;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final TpGatewayClients clients;

	private final Clock clock;

	Reconciliations(ReconciliationRepository records, List<RecordCheck> checks, GatewaySettingsManagement settings,
			CircuitBreaker breaker, ClassRunManagement runs, JdbcClient jdbc, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, TpGatewayClients clients, Clock clock) {
		this.records = records;
		this.checks = checks;
		this.settings = settings;
		this.breaker = breaker;
		this.runs = runs;
		this.jdbc = jdbc;
		this.events = events;
		this.tx = new TransactionTemplate(transactions);
		this.clients = clients;
		this.clock = clock;
	}

	/**
	 * Reconciles the caller's tenant now: one run, or every published run; audited.
	 * Answers when it is done.
	 */
	public ReconciliationView reconcile(@Nullable UUID runId) {
		UUID tenant = CurrentActor.tenantId();
		if (runId != null) {
			runs.get(runId); // 404 for a run that is not the tenant's
		}
		if (settings.connection(tenant).isEmpty()) {
			throw new CohortException(ProblemCode.GATEWAY_NOT_ENABLED, "TPGateway is not switched on for this tenant");
		}
		UUID id = UUID.randomUUID();
		String by = CurrentActor.actorRef().label();
		tx.executeWithoutResult(status -> {
			records.start(id, tenant, "ON_DEMAND", runId, by, RequestMetadata.correlationId().orElse(null), now());
			events.publishEvent(AuditFact.of(tenant, "gateway.reconciliation.requested", "reconciliation", id,
					runId == null ? Map.of() : Map.of("run_id", runId.toString())));
		});
		run(id, tenant, runId);
		return get(id);
	}

	@Transactional(readOnly = true)
	public PageView<ReconciliationView> list(int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(records.page(tenant, page, size), page, size, records.count(tenant));
	}

	@Transactional(readOnly = true)
	public ReconciliationView get(UUID id) {
		return records.find(CurrentActor.tenantId(), id)
			.orElseThrow(() -> CohortException.notFound("reconciliation", id));
	}

	/**
	 * The latest check of each of the caller's tenant's runs and record types, for the
	 * compliance summary.
	 */
	@Transactional(readOnly = true)
	public List<CheckView> latestChecks() {
		return records.latestChecks(CurrentActor.tenantId());
	}

	/**
	 * The scheduled pass: every tenant with the gateway switched on that no instance
	 * reconciled within {@code interval} (less a little slack, so passes do not drift
	 * past each other).
	 */
	void scheduledPass(java.time.Duration interval) {
		List<UUID> tenants = jdbc.sql("SELECT tenant_id FROM gateway_settings WHERE enabled ORDER BY tenant_id")
			.query(UUID.class)
			.list();
		for (UUID tenant : tenants) {
			UUID id = UUID.randomUUID();
			Instant now = now();
			Boolean started = tx.execute(status -> records.startScheduled(id, tenant,
					now.minus(interval.multipliedBy(9).dividedBy(10)), now));
			if (Boolean.TRUE.equals(started)) {
				run(id, tenant, null);
			}
		}
	}

	private void run(UUID id, UUID tenant, @Nullable UUID runId) {
		CurrentActor.asSystem(tenant, () -> {
			Optional<GatewaySettingsManagement.Versioned> connection = settings.connection(tenant);
			CircuitBreaker.CircuitView circuit = breaker.view(tenant, GatewayOutbox.TARGET);
			TpGatewayClient client = connection.map(c -> clients.of(tenant, c)).orElse(null);
			for (ReconciliationRepository.Published published : records.publishedRuns(tenant, runId)) {
				RunStatus status = runs.get(published.runId()).status();
				RecordCheck.PublishedRun run = new RecordCheck.PublishedRun(tenant, published.runId(), status,
						published.gatewayRunId());
				for (RecordCheck check : checks) {
					RecordCheck.Result result = client == null
							? new RecordCheck.Result.Failed("TPGateway is not switched on for this tenant")
							: circuit.state() != CircuitBreaker.State.CLOSED
									? new RecordCheck.Result.Failed("Not asked: the circuit towards TPGateway is "
											+ circuit.state() + " (" + circuit.lastError() + ")")
									: safely(check, client, run);
					tx.executeWithoutResult(
							s -> records.check(id, tenant, run.runId(), check.recordType(), result, now()));
				}
			}
			tx.executeWithoutResult(s -> records.finish(id, now()));
			return null;
		});
	}

	private static RecordCheck.Result safely(RecordCheck check, TpGatewayClient client, RecordCheck.PublishedRun run) {
		try {
			return check.check(client, run);
		}
		catch (RuntimeException ex) {
			log.warn("Reconciling the {} records of run {} failed", check.recordType(), run.runId(), ex);
			return new RecordCheck.Result.Failed("The check failed: " + ex.getMessage());
		}
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
