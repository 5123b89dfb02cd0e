package io.cohort.compliance.web;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.cohort.compliance.ComplianceManagement;
import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.gateway.SyncJobHistory;
import io.cohort.gateway.SyncJobQueue;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import org.jspecify.annotations.Nullable;
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
 * The compliance dashboard (ADMIN, OPS, as the summary API): per run, the sync state of its records by
 * kind beside the deadline for that kind with its countdown; the tenant's dead letters with retry and
 * cancel (through the job queue, so each action is audited as from the API); and a chart of the jobs of
 * the last 14 days by status. Actions post with htmx and redirect back, so the page works without
 * script too.
 */
@Controller
@RequestMapping("/compliance")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class CompliancePages {

	static final int CHART_DAYS = 14;

	private final ComplianceManagement compliance;

	private final SyncJobQueue jobs;

	private final SyncJobHistory history;

	private final GatewaySettingsManagement gateway;

	private final TenantManagement tenants;

	CompliancePages(ComplianceManagement compliance, SyncJobQueue jobs, SyncJobHistory history,
			GatewaySettingsManagement gateway, TenantManagement tenants) {
		this.compliance = compliance;
		this.jobs = jobs;
		this.history = history;
		this.gateway = gateway;
		this.tenants = tenants;
	}

	/** One kind of a run's records: its sync counts and its deadline. */
	record KindLine(String label, ComplianceManagement.SyncState sync, ComplianceManagement.Deadline deadline) {

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
			return switch (deadline.status()) {
				case ON_TRACK -> "On track";
				case DUE_SOON -> "Due soon";
				case OVERDUE -> "Overdue";
				case DONE -> "Done";
			};
		}

	}

	/** A run with one line per kind of record. */
	record RunLines(ComplianceManagement.RunCompliance run, List<KindLine> lines) {
	}

	@GetMapping
	String dashboard(Model model) {
		UUID tenant = CurrentActor.tenantId();
		ComplianceManagement.Summary summary = compliance.summary();
		ZoneId zone = tenants.zone(tenant);
		model.addAttribute("summary", summary);
		model.addAttribute("runs", summary.runs().stream().map(CompliancePages::lines).toList());
		model.addAttribute("gateway", gateway.get());
		model.addAttribute("chart", JobChart.of(history.perDay(summary.today().minusDays(CHART_DAYS - 1), summary.today(),
				zone), summary.today(), CHART_DAYS));
		model.addAttribute("chartFrom", summary.today().minusDays(CHART_DAYS - 1));
		return "compliance/dashboard";
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

	private static RunLines lines(ComplianceManagement.RunCompliance run) {
		List<KindLine> lines = List.of(line(run, "class_run", "Run", ComplianceManagement.DeadlineType.RUN_PUBLISHED),
				line(run, "enrolment", "Enrolments", ComplianceManagement.DeadlineType.ENROLMENTS_SUBMITTED),
				line(run, "attendance", "Attendance", ComplianceManagement.DeadlineType.ATTENDANCE_SUBMITTED),
				line(run, "assessment", "Assessments", ComplianceManagement.DeadlineType.ASSESSMENTS_SUBMITTED));
		return new RunLines(run, lines);
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
