package io.cohort.assessment.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentView;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.system.CohortException;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The assessor's results entry: pick a run, see its learners against the course's modules
 * with their current results, and record, update or void one result at a time (the form
 * opens beside the grid with htmx, or as its own page without it).
 */
@Controller
@RequestMapping("/assessments")
@PreAuthorize("hasRole('ASSESSOR')")
class AssessmentPages {

	private final AssessmentManagement assessments;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final EnrolmentManagement enrolments;

	AssessmentPages(AssessmentManagement assessments, ClassRunManagement runs, CourseManagement courses,
			EnrolmentManagement enrolments) {
		this.assessments = assessments;
		this.runs = runs;
		this.courses = courses;
		this.enrolments = enrolments;
	}

	/** One result as the form edits it. */
	record EntryForm(@Nullable UUID enrollmentId, @Nullable UUID moduleId, @Nullable AssessmentResult result,
			@Nullable BigDecimal score, @Nullable String grade,
			@Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate assessedOn, @Nullable String remarks) {
	}

	/** A learner's line of the grid: their current result per module id. */
	record RosterRow(EnrolmentView enrolment, Map<UUID, AssessmentView> results) {
	}

	@GetMapping
	String grid(@RequestParam(name = "run_id", required = false) @Nullable UUID runId, Model model) {
		model.addAttribute("runs", runs.live());
		if (runId != null) {
			ClassRunView run = runs.get(runId);
			Map<UUID, Map<UUID, AssessmentView>> byEnrolment = new HashMap<>();
			for (AssessmentView a : assessments.search(runId, null, false)) {
				byEnrolment.computeIfAbsent(a.enrollmentId(), k -> new HashMap<>()).put(a.moduleId(), a);
			}
			List<RosterRow> roster = enrolments.search(runId, null, null, 0, 2000)
				.items()
				.stream()
				.filter(e -> e.status() == EnrolmentStatus.CONFIRMED || e.status() == EnrolmentStatus.COMPLETED)
				.map(e -> new RosterRow(e, byEnrolment.getOrDefault(e.id(), Map.of())))
				.toList();
			model.addAttribute("run", run);
			model.addAttribute("modules", courses.get(run.courseId()).modules());
			model.addAttribute("roster", roster);
		}
		return "assessment/results";
	}

	@GetMapping("/entry")
	String entry(@RequestParam(name = "enrollment_id") UUID enrolmentId,
			@RequestParam(name = "module_id") UUID moduleId, Model model) {
		EnrolmentView enrolment = enrolments.get(enrolmentId);
		AssessmentView current = active(enrolmentId, moduleId);
		EntryForm form = current == null
				? new EntryForm(enrolmentId, moduleId, null, null, null, defaultDate(enrolment), null)
				: new EntryForm(enrolmentId, moduleId, current.result(), current.score(), current.grade(),
						current.assessedOn(), current.remarks());
		return entryPage(enrolment, moduleId, current, form, null, model);
	}

	@PostMapping("/entry")
	String save(@ModelAttribute("entry") EntryForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (form.enrollmentId() == null || form.moduleId() == null) {
			throw CohortException.invalidField("enrollment_id", "the form names no enrolment and module");
		}
		EnrolmentView enrolment = enrolments.get(form.enrollmentId());
		AssessmentView current = active(form.enrollmentId(), form.moduleId());
		String problem = null;
		if (binding.hasErrors()) {
			problem = "Check the values: " + String.join(", ",
					binding.getFieldErrors().stream().map(e -> e.getField() + " is not valid").toList());
		}
		else if (form.result() == null || form.assessedOn() == null) {
			problem = "Choose a result and the assessment date.";
		}
		else {
			try {
				if (current == null) {
					assessments.record(new AssessmentManagement.NewAssessment(form.enrollmentId(), form.moduleId(),
							form.result(), form.score(), form.grade(), form.assessedOn(), form.remarks()));
				}
				else {
					assessments.update(current.id(),
							new AssessmentManagement.AssessmentChange(form.result(), form.score(),
									form.grade() == null ? "" : form.grade(), form.assessedOn(),
									form.remarks() == null ? "" : form.remarks()));
				}
				redirect.addFlashAttribute("notice",
						"Saved " + form.result() + " for " + enrolment.learnerName() + ".");
				return "redirect:/assessments?run_id=" + enrolment.classRunId();
			}
			catch (CohortException ex) {
				if (ex.status().value() == 404) {
					throw ex;
				}
				problem = describe(ex);
			}
		}
		return entryPage(enrolment, form.moduleId(), current, form, problem, model);
	}

	@PostMapping("/{id}/void")
	String voidResult(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		AssessmentView assessment = assessments.get(id).assessment();
		try {
			assessments.voidAssessment(id, reason);
			redirect.addFlashAttribute("notice", "Result voided.");
		}
		catch (CohortException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", describe(ex));
		}
		return "redirect:/assessments?run_id=" + assessment.classRunId();
	}

	private String entryPage(EnrolmentView enrolment, UUID moduleId, @Nullable AssessmentView current, EntryForm form,
			@Nullable String problem, Model model) {
		ClassRunView run = runs.get(enrolment.classRunId());
		CourseView.ModuleView module = courses.get(run.courseId())
			.modules()
			.stream()
			.filter(m -> m.id().equals(moduleId))
			.findFirst()
			.orElseThrow(() -> CohortException.notFound("module", moduleId));
		model.addAttribute("enrolment", enrolment);
		model.addAttribute("run", run);
		model.addAttribute("module", module);
		model.addAttribute("current", current);
		model.addAttribute("entry", form);
		model.addAttribute("results", AssessmentResult.values());
		model.addAttribute("grades", List.of("A", "B", "C", "D", "E", "F"));
		model.addAttribute("problem", problem);
		return "assessment/entry";
	}

	private @Nullable AssessmentView active(UUID enrolmentId, UUID moduleId) {
		return assessments.search(null, enrolmentId, false)
			.stream()
			.filter(a -> a.moduleId().equals(moduleId))
			.findFirst()
			.orElse(null);
	}

	private LocalDate defaultDate(EnrolmentView enrolment) {
		ClassRunView run = runs.get(enrolment.classRunId());
		LocalDate today = runs.today(CurrentActor.tenantId());
		return today.isAfter(run.endDate()) ? run.endDate() : today;
	}

	private static String describe(CohortException ex) {
		if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()) {
			return String.join("; ", errors.stream()
				.map(e -> e instanceof Map<?, ?> m ? m.get("field") + " " + m.get("message") : String.valueOf(e))
				.toList());
		}
		return ex.getMessage();
	}

}
