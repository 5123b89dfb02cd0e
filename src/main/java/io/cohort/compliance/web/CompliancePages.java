package io.cohort.compliance.web;

import io.cohort.jobs.CircuitBreaker;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobHistory;
import io.cohort.jobs.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.cohort.compliance.ComplianceManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.gateway.Reconciliations;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.system.CohortException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The compliance dashboard (ADMIN, OPS, as the summary API): the circuit breaker towards
 * TPGateway as a banner; per run, the sync state of its records by kind beside the
 * deadline for that kind with its countdown, and the latest reconciliation of each kind
 * of record with its discrepancies or why the check failed; the tenant's dead letters
 * with retry and cancel (through the job queue, so each action is audited as from the
 * API); and a chart of the jobs of the last 14 days by status. Reconcile now (the whole
 * tenant, or one run) goes through the same audited reconciliation as the API. Actions
 * post with htmx and redirect back, so the page works without script too.
 */
@Controller
@RequestMapping("/compliance")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class CompliancePages {

	static final int CHART_DAYS = 14;

	private final ComplianceManagement compliance;

	private final JobQueue jobs;

	private final JobHistory history;

	private final GatewaySettingsManagement gateway;

	private final TenantManagement tenants;

	private final Reconciliations reconciliations;

	private final Clock clock;

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	CompliancePages(ComplianceManagement compliance, JobQueue jobs, JobHistory history,
			GatewaySettingsManagement gateway, TenantManagement tenants, Reconciliations reconciliations, Clock clock,
			ClassRunManagement runs, EnrolmentManagement enrolments) {
		this.runs = runs;
		this.enrolments = enrolments;
		this.compliance = compliance;
		this.jobs = jobs;
		this.history = history;
		this.gateway = gateway;
		this.tenants = tenants;
		this.reconciliations = reconciliations;
		this.clock = clock;
	}

	/**
	 * A dead letter with the record it is about in words ("FA-301-R01 · enrolment of
	 * Priya Nair") and the page where it can be fixed, when Cohort has one.
	 */
	record DeadLetter(Job job, String record, @Nullable String href) {
	}

	private DeadLetter named(Job job) {
		try {
			return switch (job.entityType()) {
				case "class_run" -> {
					ClassRunView run = runs.get(job.entityId());
					yield new DeadLetter(job, "Run " + run.reference(), "/runs/" + run.id() + "/edit");
				}
				case "enrolment" -> {
					EnrolmentView enrolment = enrolments.get(job.entityId());
					yield new DeadLetter(job, enrolment.runReference() + " · enrolment of " + enrolment.learnerName(),
							"/runs/" + enrolment.classRunId());
				}
				default -> new DeadLetter(job, job.entityType() + " " + job.entityId(), null);
			};
		}
		catch (CohortException ex) {
			return new DeadLetter(job, job.entityType() + " " + job.entityId(), null);
		}
	}

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

	/** The circuit towards TPGateway in words, with its times in the tenant's zone. */
	record CircuitBanner(CircuitBreaker.CircuitView circuit, ZoneId zone, Instant now) {

		public String state() {
			return circuit.state().name();
		}

		/** Since when it is in this state: opened, turned half-open, or last closed. */
		public @Nullable String since() {
			Instant since = circuit.state() == CircuitBreaker.State.OPEN && circuit.openedAt() != null
					? circuit.openedAt() : circuit.updatedAt();
			return format(since);
		}

		/**
		 * OPEN: when the trial call may go; HALF_OPEN: when the trial's lease ends and
		 * another may go.
		 */
		public @Nullable String nextTrial() {
			return format(circuit.retryAt());
		}

		/** How long until {@link #nextTrial()}, in words. */
		public String nextTrialIn() {
			if (circuit.retryAt() == null || !circuit.retryAt().isAfter(now)) {
				return "due now";
			}
			long minutes = Duration.between(now, circuit.retryAt()).toMinutes();
			return minutes < 1 ? "in less than a minute" : minutes == 1 ? "in 1 minute" : "in " + minutes + " minutes";
		}

		private @Nullable String format(@Nullable Instant instant) {
			return instant == null ? null : WHEN.format(instant.atZone(zone));
		}

	}

	/** The latest reconciliation check of one kind of a run's records. */
	record CheckLine(String label, Reconciliations.CheckView check, ZoneId zone) {

		public String outcomeLabel() {
			return switch (check.outcome()) {
				case "MATCHED" -> "Matches TPGateway";
				case "DISCREPANCIES" -> check.discrepancies().size() == 1 ? "1 discrepancy"
						: check.discrepancies().size() + " discrepancies";
				default -> "Check failed";
			};
		}

		public String checkedAt() {
			return WHEN.format(check.checkedAt().atZone(zone));
		}

		public String kindLabel(Reconciliations.Kind kind) {
			return switch (kind) {
				case MISSING_REMOTELY -> "Missing at TPGateway";
				case STATUS_DIFFERS -> "Differs";
				case UNKNOWN_REMOTELY -> "Unknown to Cohort";
			};
		}

	}

	/** One kind of a run's records: its sync counts and its deadline. */
	record KindLine(String label, ComplianceManagement.SyncState sync, ComplianceManagement.Deadline deadline) {

		/**
		 * Not yet overdue, but with dead letters that will not reach the gateway by
		 * themselves: not "On track".
		 */
		public boolean atRisk() {
			return deadline.atRisk() && (deadline.status() == ComplianceManagement.DeadlineStatus.ON_TRACK
					|| deadline.status() == ComplianceManagement.DeadlineStatus.DUE_SOON);
		}

		/** The countdown in words, so that the colour is never the only sign. */
		public String countdown() {
			long days = deadline.daysLeft();
			return switch (deadline.status()) {
				case DONE -> "Done";
				case OVERDUE -> days == -1 ? "1 day overdue" : -days + " days overdue";
				default -> days == 0 ? "due today" : days == 1 ? "1 day left" : days + " days left";
			};
		}

		public String statusLabel() {
			if (atRisk()) {
				return "At risk";
			}
			return switch (deadline.status()) {
				case ON_TRACK -> "On track";
				case DUE_SOON -> "Due soon";
				case OVERDUE -> "Overdue";
				case DONE -> "Done";
			};
		}

	}

	/**
	 * A run with one line per kind of record, and its latest reconciliation per kind of
	 * record.
	 */
	record RunLines(ComplianceManagement.RunCompliance run, List<KindLine> lines, List<CheckLine> checks) {

		public boolean hasDiscrepancies() {
			return checks.stream().anyMatch(c -> !c.check().discrepancies().isEmpty());
		}

	}

	@GetMapping
	String dashboard(Model model) {
		UUID tenant = CurrentActor.tenantId();
		ComplianceManagement.Summary summary = compliance.summary();
		ZoneId zone = tenants.zone(tenant);
		model.addAttribute("summary", summary);
		model.addAttribute("deadLetters", summary.deadLetters().stream().map(this::named).toList());
		model.addAttribute("runs", summary.runs().stream().map(run -> lines(run, zone)).toList());
		model.addAttribute("circuit", new CircuitBanner(summary.gatewayCircuit(), zone, clock.instant()));
		model.addAttribute("gateway", gateway.get());
		model.addAttribute("chart",
				JobChart.of(history.perDay(summary.today().minusDays(CHART_DAYS - 1), summary.today(), zone),
						summary.today(), CHART_DAYS));
		model.addAttribute("chartFrom", summary.today().minusDays(CHART_DAYS - 1));
		return "compliance/dashboard";
	}

	/**
	 * Reconciles every published run of the tenant with TPGateway now (audited, as the
	 * API).
	 */
	@PostMapping("/reconcile")
	String reconcileAll(RedirectAttributes redirect) {
		return reconcile(null, redirect);
	}

	/** Reconciles one run with TPGateway now (audited, as the API). */
	@PostMapping("/runs/{id}/reconcile")
	String reconcileRun(@PathVariable UUID id, RedirectAttributes redirect) {
		return reconcile(id, redirect);
	}

	private String reconcile(@Nullable UUID run, RedirectAttributes redirect) {
		try {
			Reconciliations.ReconciliationView done = reconciliations.reconcile(run);
			if (done.runsChecked() == 0) {
				redirect.addFlashAttribute("notice",
						run == null ? "No run has reached TPGateway yet: nothing to compare."
								: "The run has not reached TPGateway yet: nothing to compare.");
			}
			else {
				redirect.addFlashAttribute("notice",
						"Reconciled " + plural(done.runsChecked(), "run") + " with TPGateway: "
								+ plural(done.discrepancies(), "discrepancy", "discrepancies") + ", "
								+ plural(done.failedChecks(), "failed check") + ".");
			}
		}
		catch (CohortException ex) {
			if (ex.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/compliance";
	}

	private static String plural(int count, String one) {
		return plural(count, one, one + "s");
	}

	private static String plural(int count, String one, String many) {
		return count + " " + (count == 1 ? one : many);
	}

	/** Retries the ticked dead letters. */
	@PostMapping("/dead-letters/retry")
	String retrySelected(@RequestParam(name = "ids", required = false) @Nullable List<UUID> ids,
			RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("problem", "Tick the dead letters to retry first.");
		}
		else {
			notice(redirect, jobs.retry(ids).size(), "put back in the queue");
		}
		return "redirect:/compliance";
	}

	/** Retries one dead letter (the row's button). */
	@PostMapping("/dead-letters/{id}/retry")
	String retry(@PathVariable UUID id, RedirectAttributes redirect) {
		notice(redirect, jobs.retry(List.of(id)).size(), "put back in the queue");
		return "redirect:/compliance";
	}

	/** Cancels the ticked dead letters: they will not be sent. */
	@PostMapping("/dead-letters/cancel")
	String cancelSelected(@RequestParam(name = "ids", required = false) @Nullable List<UUID> ids,
			RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("problem", "Tick the dead letters to cancel first.");
		}
		else {
			notice(redirect, jobs.cancel(ids).size(), "cancelled");
		}
		return "redirect:/compliance";
	}

	private static void notice(RedirectAttributes redirect, int count, String what) {
		if (count == 0) {
			redirect.addFlashAttribute("problem", "Nothing changed: the job is no longer a dead letter.");
		}
		else {
			redirect.addFlashAttribute("notice", (count == 1 ? "1 job " : count + " jobs ") + what + ".");
		}
	}

	private static final List<String> KINDS = List.of("class_run", "enrolment", "attendance", "assessment");

	private static RunLines lines(ComplianceManagement.RunCompliance run, ZoneId zone) {
		List<KindLine> lines = List.of(line(run, "class_run", "Run", ComplianceManagement.DeadlineType.RUN_PUBLISHED),
				line(run, "enrolment", "Enrolments", ComplianceManagement.DeadlineType.ENROLMENTS_SUBMITTED),
				line(run, "attendance", "Attendance", ComplianceManagement.DeadlineType.ATTENDANCE_SUBMITTED),
				line(run, "assessment", "Assessments", ComplianceManagement.DeadlineType.ASSESSMENTS_SUBMITTED));
		List<CheckLine> checks = run.reconciliation()
			.stream()
			.sorted(Comparator
				.comparingInt(c -> KINDS.indexOf(c.recordType()) < 0 ? KINDS.size() : KINDS.indexOf(c.recordType())))
			.map(c -> new CheckLine(label(c.recordType()), c, zone))
			.toList();
		return new RunLines(run, lines, checks);
	}

	private static String label(String recordType) {
		return switch (recordType) {
			case "class_run" -> "Run";
			case "enrolment" -> "Enrolments";
			case "attendance" -> "Attendance";
			case "assessment" -> "Assessments";
			default -> recordType;
		};
	}

	private static KindLine line(ComplianceManagement.RunCompliance run, String kind, String label,
			ComplianceManagement.DeadlineType type) {
		ComplianceManagement.Deadline deadline = run.deadlines()
			.stream()
			.filter(d -> d.type() == type)
			.findFirst()
			.orElseThrow();
		return new KindLine(label, run.sync().getOrDefault(kind, new ComplianceManagement.SyncState(0, 0, 0, 0)),
				deadline);
	}

}
