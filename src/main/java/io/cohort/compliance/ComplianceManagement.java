package io.cohort.compliance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.gateway.CircuitBreaker;
import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.gateway.Reconciliations;
import io.cohort.gateway.SyncJob;
import io.cohort.gateway.SyncJobQueue;
import io.cohort.gateway.SyncJobStatus;
import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The compliance roll-up, computed on every request from the runs and their outbound jobs. Deadlines
 * follow the defaults of TPGateway's rules: a run is published before it starts, its enrolments are
 * submitted before it starts, attendance and assessments within 14 days after it ends (28 for in-house
 * runs). A deadline is DONE when every record of its kind reached the gateway, DUE_SOON within 3 days,
 * OVERDUE after it.
 */
@Service
public class ComplianceManagement {

	static final int RECORDS_DAYS = 14;

	static final int RECORDS_DAYS_IN_HOUSE = 28;

	static final int DUE_SOON_DAYS = 3;

	private final ClassRunManagement runs;

	private final SyncJobQueue jobs;

	private final GatewaySettingsManagement gateway;

	private final CircuitBreaker breaker;

	private final Reconciliations reconciliations;

	ComplianceManagement(ClassRunManagement runs, SyncJobQueue jobs, GatewaySettingsManagement gateway,
			CircuitBreaker breaker, Reconciliations reconciliations) {
		this.reconciliations = reconciliations;
		this.runs = runs;
		this.jobs = jobs;
		this.gateway = gateway;
		this.breaker = breaker;
	}

	/** What is due for a run. */
	public enum DeadlineType {
		RUN_PUBLISHED, ENROLMENTS_SUBMITTED, ATTENDANCE_SUBMITTED, ASSESSMENTS_SUBMITTED
	}

	/** Where a deadline stands. */
	public enum DeadlineStatus {
		ON_TRACK, DUE_SOON, OVERDUE, DONE
	}

	/** One deadline with its countdown (negative once passed). */
	public record Deadline(DeadlineType type, LocalDate due, DeadlineStatus status, long daysLeft) {
	}

	/** Sync state of a run's records of one kind. */
	public record SyncState(long synced, long pending, long retrying, long dead) {
	}

	/**
	 * A run's compliance: its records' sync state by kind, its deadlines, and the latest reconciliation
	 * check of each kind of its records with the discrepancies found (or why the check failed).
	 */
	public record RunCompliance(UUID runId, String reference, String courseCode, LocalDate startDate,
			LocalDate endDate, boolean inHouse, Map<String, SyncState> sync, List<Deadline> deadlines,
			List<Reconciliations.CheckView> reconciliation) {
	}

	/** The tenant's compliance at a glance, with its circuit breaker towards TPGateway. */
	public record Summary(boolean gatewayEnabled, CircuitBreaker.CircuitView gatewayCircuit, LocalDate today,
			List<RunCompliance> runs, List<SyncJob> deadLetters) {
	}

	@Transactional(readOnly = true)
	public Summary summary() {
		UUID tenant = CurrentActor.tenantId();
		LocalDate today = runs.today(tenant);
		Map<UUID, Map<String, Map<SyncJobStatus, Long>>> counts = new HashMap<>();
		for (SyncJobQueue.RunJobCount count : jobs.countsByRun()) {
			counts.computeIfAbsent(count.runId(), id -> new HashMap<>())
				.computeIfAbsent(count.entityType(), type -> new EnumMap<>(SyncJobStatus.class))
				.merge(count.status(), count.count(), Long::sum);
		}
		Map<UUID, List<Reconciliations.CheckView>> checks = new HashMap<>();
		for (Reconciliations.CheckView check : reconciliations.latestChecks()) {
			checks.computeIfAbsent(check.runId(), id -> new java.util.ArrayList<>()).add(check);
		}
		List<RunCompliance> rolled = runs.list(null, null, 0, 500)
			.items()
			.stream()
			.filter(run -> run.status() != RunStatus.DRAFT && run.status() != RunStatus.CANCELLED)
			.map(run -> compliance(run, counts.getOrDefault(run.id(), Map.of()), today,
					checks.getOrDefault(run.id(), List.of())))
			.toList();
		return new Summary(gateway.get().enabled(), breaker.tpGateway(), today, rolled, jobs.list(SyncJobStatus.DEAD, 0, 100).items());
	}

	private static RunCompliance compliance(ClassRunView run, Map<String, Map<SyncJobStatus, Long>> counts,
			LocalDate today, List<Reconciliations.CheckView> checks) {
		Map<String, SyncState> sync = new HashMap<>();
		for (String kind : List.of("class_run", "enrolment", "attendance", "assessment")) {
			Map<SyncJobStatus, Long> byStatus = counts.getOrDefault(kind, Map.of());
			sync.put(kind, new SyncState(byStatus.getOrDefault(SyncJobStatus.SUCCEEDED, 0L),
					byStatus.getOrDefault(SyncJobStatus.PENDING, 0L) + byStatus.getOrDefault(SyncJobStatus.RUNNING, 0L),
					byStatus.getOrDefault(SyncJobStatus.RETRYING, 0L), byStatus.getOrDefault(SyncJobStatus.DEAD, 0L)));
		}
		LocalDate recordsDue = run.endDate().plusDays(run.inHouse() ? RECORDS_DAYS_IN_HOUSE : RECORDS_DAYS);
		List<Deadline> deadlines = List.of(
				deadline(DeadlineType.RUN_PUBLISHED, run.startDate(), sync.get("class_run"), today),
				deadline(DeadlineType.ENROLMENTS_SUBMITTED, run.startDate(), sync.get("enrolment"), today),
				deadline(DeadlineType.ATTENDANCE_SUBMITTED, recordsDue, sync.get("attendance"), today),
				deadline(DeadlineType.ASSESSMENTS_SUBMITTED, recordsDue, sync.get("assessment"), today));
		return new RunCompliance(run.id(), run.reference(), run.courseCode(), run.startDate(), run.endDate(),
				run.inHouse(), sync, deadlines, checks);
	}

	private static Deadline deadline(DeadlineType type, LocalDate due, SyncState state, LocalDate today) {
		long daysLeft = ChronoUnit.DAYS.between(today, due);
		boolean done = state.synced() > 0 && state.pending() + state.retrying() + state.dead() == 0;
		DeadlineStatus status = done ? DeadlineStatus.DONE : daysLeft < 0 ? DeadlineStatus.OVERDUE
				: daysLeft <= DUE_SOON_DAYS ? DeadlineStatus.DUE_SOON : DeadlineStatus.ON_TRACK;
		return new Deadline(type, due, status, daysLeft);
	}

}
