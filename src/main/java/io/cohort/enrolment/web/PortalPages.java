package io.cohort.enrolment.web;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.SessionView;
import io.cohort.system.CohortException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The learner portal (LEARNER): the runs open for enrolment with an Enrol button, the
 * learner's own enrolments with a withdraw button, and their schedule of sessions.
 */
@Controller
@PreAuthorize("hasRole('LEARNER')")
class PortalPages {

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	PortalPages(ClassRunManagement runs, EnrolmentManagement enrolments, LearnerManagement learners) {
		this.runs = runs;
		this.enrolments = enrolments;
		this.learners = learners;
	}

	/** An open run, with the caller's live enrolment in it if they have one. */
	record OpenRun(ClassRunView run, @Nullable EnrolmentView mine) {
	}

	/** One session of the learner's schedule. */
	record ScheduledSession(SessionView session, ClassRunView run) {
	}

	@GetMapping("/portal")
	String portal(Model model) {
		boolean hasProfile = learners.me().isPresent();
		model.addAttribute("hasProfile", hasProfile);
		List<EnrolmentView> mine = enrolments.mine();
		Map<UUID, EnrolmentView> live = mine.stream()
			.filter(e -> e.status().live())
			.collect(Collectors.toMap(EnrolmentView::classRunId, Function.identity(), (a, b) -> a));
		model.addAttribute("openRuns",
				runs.available().stream().map(run -> new OpenRun(run, live.get(run.id()))).toList());
		model.addAttribute("mine", mine);
		return "portal/portal";
	}

	@PostMapping("/portal/runs/{runId}/enrol")
	String enrol(@PathVariable UUID runId, RedirectAttributes redirect) {
		try {
			EnrolmentView enrolment = enrolments.enrolSelf(runId);
			redirect.addFlashAttribute("notice", enrolment.status() == EnrolmentStatus.CONFIRMED
					? "You are enrolled in run " + enrolment.runReference() + "." : "Run " + enrolment.runReference()
							+ " is full; you are on its waitlist at position " + enrolment.waitlistPosition() + ".");
		}
		catch (CohortException ex) {
			redirect.addFlashAttribute("problem",
					ex.status().value() == 404 ? "That run is not open for enrolment." : ex.getMessage());
		}
		return "redirect:/portal";
	}

	@PostMapping("/portal/enrolments/{id}/withdraw")
	String withdraw(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason,
			RedirectAttributes redirect) {
		try {
			EnrolmentView enrolment = enrolments.withdrawSelf(id, reason);
			redirect.addFlashAttribute("notice", "You have withdrawn from run " + enrolment.runReference() + ".");
		}
		catch (CohortException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/portal";
	}

	@GetMapping("/my/schedule")
	String schedule(Model model) {
		model.addAttribute("hasProfile", learners.me().isPresent());
		LocalDate today = runs.today(CurrentActor.tenantId());
		List<ScheduledSession> sessions = enrolments.mine()
			.stream()
			.filter(e -> e.status() == EnrolmentStatus.CONFIRMED)
			.map(EnrolmentView::classRunId)
			.distinct()
			.flatMap(runId -> {
				ClassRunManagement.RunDetail detail = runs.detail(runId);
				return detail.sessions().stream().map(s -> new ScheduledSession(s, detail.run()));
			})
			.sorted(Comparator.comparing((ScheduledSession s) -> s.session().date())
				.thenComparing(s -> s.session().startTime()))
			.toList();
		model.addAttribute("upcoming", sessions.stream().filter(s -> !s.session().date().isBefore(today)).toList());
		model.addAttribute("past",
				sessions.stream()
					.filter(s -> s.session().date().isBefore(today))
					.sorted(Comparator.comparing((ScheduledSession s) -> s.session().date()).reversed())
					.toList());
		return "portal/schedule";
	}

}
