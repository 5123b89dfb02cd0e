package io.cohort.jobs.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import io.cohort.jobs.JobTarget;
import io.cohort.shared.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The shared job view for operators (ADMIN, OPS): every target's jobs (TPGateway,
 * Moodle), filtered by target and status, newest first, with retry and cancel. The same
 * actions as {@code /api/v1/jobs}, each audited by the job queue.
 */
@Controller
@RequestMapping("/jobs")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class JobPages {

	static final int PAGE_SIZE = 50;

	private final JobQueue jobs;

	private final ObjectProvider<JobTarget> targets;

	JobPages(JobQueue jobs, ObjectProvider<JobTarget> targets) {
		this.jobs = jobs;
		this.targets = targets;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String target,
			@RequestParam(required = false) @Nullable JobStatus status, @RequestParam(defaultValue = "0") int page,
			Model model) {
		List<String> known = targets.orderedStream().map(JobTarget::name).sorted().toList();
		String shown = target != null && known.contains(target) ? target : null;
		int from = Math.max(0, page);
		PageView<Job> found = jobs.list(shown, status, from, PAGE_SIZE);
		model.addAttribute("targets", known);
		model.addAttribute("statuses", JobStatus.values());
		model.addAttribute("target", shown);
		model.addAttribute("status", status);
		model.addAttribute("found", found);
		model.addAttribute("previous", from > 0 ? link(shown, status, from - 1) : null);
		model.addAttribute("next",
				(long) (from + 1) * PAGE_SIZE < found.total() ? link(shown, status, from + 1) : null);
		model.addAttribute("back", link(shown, status, from));
		return "jobs/list";
	}

	/** Puts the ticked DEAD or CANCELLED jobs back in the queue. */
	@PostMapping("/retry")
	String retry(@RequestParam(name = "ids", required = false) @Nullable List<UUID> ids,
			@RequestParam(defaultValue = "/jobs") String back, RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("problem", "Tick the jobs to retry first.");
		}
		else {
			notice(redirect, jobs.retry(ids).size(), "put back in the queue",
					"only dead or cancelled jobs are retried");
		}
		return "redirect:" + local(back);
	}

	/** Cancels the ticked jobs that have not finished and are not running. */
	@PostMapping("/cancel")
	String cancel(@RequestParam(name = "ids", required = false) @Nullable List<UUID> ids,
			@RequestParam(defaultValue = "/jobs") String back, RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("problem", "Tick the jobs to cancel first.");
		}
		else {
			notice(redirect, jobs.cancel(ids).size(), "cancelled", "finished or running jobs cannot be cancelled");
		}
		return "redirect:" + local(back);
	}

	private static void notice(RedirectAttributes redirect, int count, String what, String why) {
		if (count == 0) {
			redirect.addFlashAttribute("problem", "Nothing changed: " + why + ".");
		}
		else {
			redirect.addFlashAttribute("notice", (count == 1 ? "1 job " : count + " jobs ") + what + ".");
		}
	}

	private static String link(@Nullable String target, @Nullable JobStatus status, int page) {
		return UriComponentsBuilder.fromPath("/jobs")
			.queryParamIfPresent("target", Optional.ofNullable(target))
			.queryParamIfPresent("status", Optional.ofNullable(status))
			.queryParam("page", page)
			.build()
			.encode()
			.toUriString();
	}

	/** Only a path of this page is a place to go back to, never another site. */
	private static String local(String back) {
		return back.startsWith("/jobs") && !back.startsWith("//") ? back : "/jobs";
	}

}
