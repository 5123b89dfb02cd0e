package io.cohort.compliance;

import io.cohort.jobs.CircuitBreaker;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.gateway.Reconciliations;
import io.cohort.gateway.TpGateway;
import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The compliance roll-up, computed on every request from the runs, their outbound jobs
 * and the tenant's {@link DeadlinePolicy}, so every change shows at once. A deadline is
 * DONE when every record of its kind reached the gateway, DUE_SOON within the policy's
 * days before it, OVERDUE after it. The daily pass ({@link #recordDeadlines}) keeps each
 * deadline's state, so the summary says since when it is so, and audits each deadline
 * that becomes DUE_SOON or OVERDUE.
 */
@Service
public class ComplianceManagement {

	private final ClassRunManagement runs;

	private final JobQueue jobs;

	private final GatewaySettingsManagement gateway;

	private final CircuitBreaker breaker;

	private final Reconciliations reconciliations;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ComplianceManagement(ClassRunManagement runs, JobQueue jobs, GatewaySettingsManagement gateway,
			CircuitBreaker breaker, Reconciliations reconciliations, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.runs = runs;
		this.jobs = jobs;
		this.gateway = gateway;
		this.breaker = breaker;
		this.reconciliations = reconciliations;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** What is due for a run. */
	public enum DeadlineType {

		RUN_PUBLISHED, ENROLMENTS_SUBMITTED, ATTENDANCE_SUBMITTED, ASSESSMENTS_SUBMITTED

	}

	/** Where a deadline stands. */
	public enum DeadlineStatus {

		ON_TRACK, DUE_SOON, OVERDUE, DONE

	}

	/**
	 * One deadline with its countdown (negative once passed).
	 *
	 * @param since when the daily pass first saw it in this status; {@code null} until it
	 * has
	 * @param atRisk some of its records are dead letters (a run whose publication is
	 * dead, say): they will not reach the gateway by themselves, whatever the countdown
	 * says
	 */
	public record Deadline(DeadlineType type, LocalDate due, DeadlineStatus status, long daysLeft,
			@Nullable Instant since, boolean atRisk) {
	}

	/** Sync state of a run's records of one kind. */
	public record SyncState(long synced, long pending, long retrying, long dead) {
	}

	/**
	 * A run's compliance: its records' sync state by kind, its deadlines, and the latest
	 * reconciliation check of each kind of its records with the discrepancies found (or
	 * why the check failed).
	 */
	public record RunCompliance(UUID runId, String reference, String courseCode, LocalDate startDate, LocalDate endDate,
			boolean inHouse, Map<String, SyncState> sync, List<Deadline> deadlines,
			List<Reconciliations.CheckView> reconciliation) {
	}

	/**
	 * The tenant's compliance at a glance, with its circuit breaker towards TPGateway.
	 */
	public record Summary(boolean gatewayEnabled, CircuitBreaker.CircuitView gatewayCircuit, LocalDate today,
			DeadlinePolicy policy, List<RunCompliance> runs, List<Job> deadLetters) {
	}

	/** A policy to set; the bounds are checked by the caller. */
	public record PolicyChange(int runPublishedDaysBeforeStart, int enrolmentsDaysAfterStart, int recordsDaysAfterEnd,
			int inHouseRecordsDaysAfterEnd, int dueSoonDays) {
	}

	private record State(DeadlineStatus status, Instant since) {
	}

	@Transactional(readOnly = true)
	public Summary summary() {
		UUID tenant = CurrentActor.tenantId();
		LocalDate today = runs.today(tenant);
		DeadlinePolicy policy = policy(tenant);
		Map<UUID, List<Reconciliations.CheckView>> checks = new HashMap<>();
		for (Reconciliations.CheckView check : reconciliations.latestChecks()) {
			checks.computeIfAbsent(check.runId(), id -> new ArrayList<>()).add(check);
		}
		Map<String, State> states = states(tenant);
		List<RunCompliance> rolled = compliance(policy, today).stream().map(run -> {
			List<Deadline> deadlines = run.deadlines().stream().map(d -> {
				State state = states.get(run.runId() + "/" + d.type());
				return state != null && state.status() == d.status()
						? new Deadline(d.type(), d.due(), d.status(), d.daysLeft(), state.since(), d.atRisk()) : d;
			}).toList();
			return new RunCompliance(run.runId(), run.reference(), run.courseCode(), run.startDate(), run.endDate(),
					run.inHouse(), run.sync(), deadlines, checks.getOrDefault(run.runId(), List.of()));
		}).toList();
		return new Summary(gateway.get().enabled(), breaker.view(TpGateway.TARGET), today, policy, rolled,
				jobs.list(null, JobStatus.DEAD, 0, 100).items());
	}

	/** The caller's tenant's deadline policy. */
	@Transactional(readOnly = true)
	public DeadlinePolicy policy() {
		return policy(CurrentActor.tenantId());
	}

	@Transactional
	public DeadlinePolicy updatePolicy(PolicyChange change) {
		UUID tenant = CurrentActor.tenantId();
		DeadlinePolicy before = policy(tenant);
		jdbc.sql("""
				INSERT INTO compliance_policy (tenant_id, run_published_days_before_start, enrolments_days_after_start,
				    records_days_after_end, in_house_records_days_after_end, due_soon_days, updated_at, updated_by)
				VALUES (:tenant, :published, :enrolments, :records, :in_house, :due_soon, :now, :by)
				ON CONFLICT (tenant_id) DO UPDATE SET
				    run_published_days_before_start = EXCLUDED.run_published_days_before_start,
				    enrolments_days_after_start = EXCLUDED.enrolments_days_after_start,
				    records_days_after_end = EXCLUDED.records_days_after_end,
				    in_house_records_days_after_end = EXCLUDED.in_house_records_days_after_end,
				    due_soon_days = EXCLUDED.due_soon_days, updated_at = EXCLUDED.updated_at,
				    updated_by = EXCLUDED.updated_by""")
			.param("tenant", tenant)
			.param("published", change.runPublishedDaysBeforeStart())
			.param("enrolments", change.enrolmentsDaysAfterStart())
			.param("records", change.recordsDaysAfterEnd())
			.param("in_house", change.inHouseRecordsDaysAfterEnd())
			.param("due_soon", change.dueSoonDays())
			.param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
			.param("by", CurrentActor.actorRef().label())
			.update();
		Changes changes = Changes.of()
			.field("run_published_days_before_start", before.runPublishedDaysBeforeStart(),
					change.runPublishedDaysBeforeStart())
			.field("enrolments_days_after_start", before.enrolmentsDaysAfterStart(), change.enrolmentsDaysAfterStart())
			.field("records_days_after_end", before.recordsDaysAfterEnd(), change.recordsDaysAfterEnd())
			.field("in_house_records_days_after_end", before.inHouseRecordsDaysAfterEnd(),
					change.inHouseRecordsDaysAfterEnd())
			.field("due_soon_days", before.dueSoonDays(), change.dueSoonDays());
		events.publishEvent(
				AuditFact.of(tenant, "compliance.policy.updated", "compliance_policy", tenant, changes.toMap()));
		return policy(tenant);
	}

	/**
	 * The daily pass for one tenant on {@code today}: records each deadline's status, and
	 * audits (as the system) each one that has just become DUE_SOON or OVERDUE. A status
	 * already recorded is left as it is, so passes on several instances, or twice a day,
	 * record and audit a change once.
	 */
	@Transactional
	public int recordDeadlines(UUID tenant, LocalDate today, Instant now) {
		return CurrentActor.asSystem(tenant, () -> {
			int changed = 0;
			for (RunCompliance run : compliance(policy(tenant), today)) {
				for (Deadline deadline : run.deadlines()) {
					boolean transition = jdbc
						.sql("""
								INSERT INTO run_deadline_state (tenant_id, run_id, deadline_type, status, due, since, checked_at)
								VALUES (:tenant, :run, :type, :status, :due, :now, :now)
								ON CONFLICT (run_id, deadline_type) DO UPDATE SET status = EXCLUDED.status, due = EXCLUDED.due,
								    since = EXCLUDED.since, checked_at = EXCLUDED.checked_at
								WHERE run_deadline_state.status <> EXCLUDED.status
								RETURNING run_id""")
						.param("tenant", tenant)
						.param("run", run.runId())
						.param("type", deadline.type().name())
						.param("status", deadline.status().name())
						.param("due", deadline.due())
						.param("now", Timestamp.from(now))
						.query(UUID.class)
						.optional()
						.isPresent();
					if (!transition) {
						continue;
					}
					changed++;
					if (deadline.status() == DeadlineStatus.DUE_SOON || deadline.status() == DeadlineStatus.OVERDUE) {
						Map<String, Object> fact = new LinkedHashMap<>();
						fact.put("deadline", deadline.type().name());
						fact.put("due", deadline.due().toString());
						fact.put("days_left", deadline.daysLeft());
						fact.put("run_reference", run.reference());
						events.publishEvent(
								AuditFact
									.of(tenant, "compliance.deadline." + deadline.status().name().toLowerCase(),
											"class_run", run.runId(), fact)
									.by(ActorRef.system()));
						events.publishEvent(new DeadlineReached(tenant, run.runId(), run.reference(), deadline.type(),
								deadline.status(), deadline.due()));
					}
				}
			}
			return changed;
		});
	}

	/** The tenant's policy, or the defaults. */
	DeadlinePolicy policy(UUID tenant) {
		return jdbc.sql("SELECT * FROM compliance_policy WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query((rs, n) -> new DeadlinePolicy(rs.getInt("run_published_days_before_start"),
					rs.getInt("enrolments_days_after_start"), rs.getInt("records_days_after_end"),
					rs.getInt("in_house_records_days_after_end"), rs.getInt("due_soon_days"),
					rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
			.optional()
			.orElse(DeadlinePolicy.DEFAULTS);
	}

	/**
	 * Every live run of the caller's tenant with its sync state and deadlines on
	 * {@code today}.
	 */
	private List<RunCompliance> compliance(DeadlinePolicy policy, LocalDate today) {
		Map<UUID, Map<String, Map<JobStatus, Long>>> counts = new HashMap<>();
		for (JobQueue.RunJobCount count : jobs.countsByRun()) {
			counts.computeIfAbsent(count.runId(), id -> new HashMap<>())
				.computeIfAbsent(count.entityType(), type -> new EnumMap<>(JobStatus.class))
				.merge(count.status(), count.count(), Long::sum);
		}
		return runs.live()
			.stream()
			.map(run -> compliance(run, counts.getOrDefault(run.id(), Map.of()), policy, today))
			.toList();
	}

	private static RunCompliance compliance(ClassRunView run, Map<String, Map<JobStatus, Long>> counts,
			DeadlinePolicy policy, LocalDate today) {
		Map<String, SyncState> sync = new HashMap<>();
		for (String kind : List.of("class_run", "enrolment", "attendance", "assessment")) {
			Map<JobStatus, Long> byStatus = counts.getOrDefault(kind, Map.of());
			sync.put(kind,
					new SyncState(byStatus.getOrDefault(JobStatus.SUCCEEDED, 0L),
							byStatus.getOrDefault(JobStatus.PENDING, 0L) + byStatus.getOrDefault(JobStatus.RUNNING, 0L),
							byStatus.getOrDefault(JobStatus.RETRYING, 0L), byStatus.getOrDefault(JobStatus.DEAD, 0L)));
		}
		int soon = policy.dueSoonDays();
		List<Deadline> deadlines = List.of(
				deadline(DeadlineType.RUN_PUBLISHED, due(DeadlineType.RUN_PUBLISHED, run, policy),
						sync.get("class_run"), today, soon),
				deadline(DeadlineType.ENROLMENTS_SUBMITTED, due(DeadlineType.ENROLMENTS_SUBMITTED, run, policy),
						sync.get("enrolment"), today, soon),
				deadline(DeadlineType.ATTENDANCE_SUBMITTED, due(DeadlineType.ATTENDANCE_SUBMITTED, run, policy),
						sync.get("attendance"), today, soon),
				deadline(DeadlineType.ASSESSMENTS_SUBMITTED, due(DeadlineType.ASSESSMENTS_SUBMITTED, run, policy),
						sync.get("assessment"), today, soon));
		return new RunCompliance(run.id(), run.reference(), run.courseCode(), run.startDate(), run.endDate(),
				run.inHouse(), sync, deadlines, List.of());
	}

	/** The day the run's records of this type are due under the policy. */
	static LocalDate due(DeadlineType type, ClassRunView run, DeadlinePolicy policy) {
		return switch (type) {
			case RUN_PUBLISHED -> run.startDate().minusDays(policy.runPublishedDaysBeforeStart());
			case ENROLMENTS_SUBMITTED -> run.startDate().plusDays(policy.enrolmentsDaysAfterStart());
			case ATTENDANCE_SUBMITTED, ASSESSMENTS_SUBMITTED -> run.endDate()
				.plusDays(run.inHouse() ? policy.inHouseRecordsDaysAfterEnd() : policy.recordsDaysAfterEnd());
		};
	}

	private static Deadline deadline(DeadlineType type, LocalDate due, SyncState state, LocalDate today, int soon) {
		long daysLeft = ChronoUnit.DAYS.between(today, due);
		boolean done = state.synced() > 0 && state.pending() + state.retrying() + state.dead() == 0;
		DeadlineStatus status = done ? DeadlineStatus.DONE : daysLeft < 0 ? DeadlineStatus.OVERDUE
				: daysLeft <= soon ? DeadlineStatus.DUE_SOON : DeadlineStatus.ON_TRACK;
		return new Deadline(type, due, status, daysLeft, null, state.dead() > 0);
	}

	private Map<String, State> states(UUID tenant) {
		Map<String, State> states = new HashMap<>();
		jdbc.sql("SELECT run_id, deadline_type, status, since FROM run_deadline_state WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query((rs, n) -> states.put(rs.getObject("run_id", UUID.class) + "/" + rs.getString("deadline_type"),
					new State(DeadlineStatus.valueOf(rs.getString("status")), rs.getTimestamp("since").toInstant())))
			.list();
		return states;
	}

}
