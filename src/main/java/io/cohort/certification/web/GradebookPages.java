package io.cohort.certification.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentView;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.certification.CertificationManagement;
import io.cohort.certification.Standing;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.system.CohortException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A run's gradebook: its confirmed learners against the course's modules, each learner's
 * attendance rate and where they stand towards a certificate. An assessor enters many
 * results at once and saves them in one request (arrow keys and Enter move between the
 * cells; without scripts it is a plain form); staff read it.
 */
@Controller
class GradebookPages {

	/** Cell fields are named {@code result:<enrolment id>:<module id>}. */
	static final String CELL = "result:";

	private final AssessmentManagement assessments;

	private final CertificationManagement certification;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final EnrolmentManagement enrolments;

	GradebookPages(AssessmentManagement assessments, CertificationManagement certification, ClassRunManagement runs,
			CourseManagement courses, EnrolmentManagement enrolments) {
		this.assessments = assessments;
		this.certification = certification;
		this.runs = runs;
		this.courses = courses;
		this.enrolments = enrolments;
	}

	/** One cell: its field name and the result it shows. */
	record Cell(String name, @Nullable AssessmentResult result, boolean recorded) {
	}

	/** A learner's line: their cells in module order and their standing. */
	record Line(EnrolmentView enrolment, List<Cell> cells, @Nullable Standing standing) {
	}

	@GetMapping("/runs/{id}/gradebook")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'ASSESSOR')")
	String gradebook(@PathVariable UUID id, Model model) {
		ClassRunView run = runs.get(id);
		return page(run, defaultDate(run), Map.of(), null, model);
	}

	@PostMapping("/runs/{id}/gradebook")
	@PreAuthorize("hasRole('ASSESSOR')")
	String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		ClassRunView run = runs.get(id);
		Map<String, AssessmentResult> typed = new HashMap<>();
		List<AssessmentManagement.GradebookEntry> entries = new ArrayList<>();
		String problem = null;
		LocalDate assessedOn = defaultDate(run);
		try {
			assessedOn = LocalDate.parse(String.valueOf(form.getFirst("assessed_on")));
		}
		catch (DateTimeParseException ex) {
			problem = "Give the assessment date as a date.";
		}
		for (Map.Entry<String, List<String>> field : form.entrySet()) {
			String value = field.getValue().isEmpty() ? "" : field.getValue().get(0);
			if (!field.getKey().startsWith(CELL) || value.isBlank()) {
				continue;
			}
			String[] ids = field.getKey().substring(CELL.length()).split(":");
			try {
				AssessmentResult result = AssessmentResult.valueOf(value);
				UUID enrolmentId = UUID.fromString(ids[0]);
				UUID moduleId = UUID.fromString(ids[1]);
				typed.put(field.getKey(), result);
				entries.add(new AssessmentManagement.GradebookEntry(enrolmentId, moduleId, result));
			}
			catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
				problem = "The form has a cell this gradebook does not know; reload the page.";
			}
		}
		if (problem == null) {
			try {
				AssessmentManagement.GradebookOutcome outcome = assessments.saveGradebook(id, assessedOn, entries);
				redirect.addFlashAttribute("notice", "Saved: " + outcome.recorded() + " recorded, " + outcome.updated()
						+ " changed, " + outcome.unchanged() + " unchanged.");
				return "redirect:/runs/" + id + "/gradebook";
			}
			catch (CohortException ex) {
				if (ex.status() == HttpStatus.NOT_FOUND) {
					throw ex;
				}
				problem = describe(ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(run, assessedOn, typed, problem, model);
	}

	private String page(ClassRunView run, LocalDate assessedOn, Map<String, AssessmentResult> typed,
			@Nullable String problem, Model model) {
		List<CourseView.ModuleView> modules = courses.get(run.courseId()).modules();
		Map<String, AssessmentView> active = assessments.search(run.id(), null, false)
			.stream()
			.collect(Collectors.toMap(a -> a.enrollmentId() + ":" + a.moduleId(), Function.identity()));
		Map<UUID, Standing> standings = certification.standings(run.id())
			.stream()
			.collect(Collectors.toMap(Standing::enrolmentId, Function.identity()));
		List<Line> lines = enrolments.roster(run.id(), EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED)
			.stream()
			.map(e -> new Line(e, modules.stream().map(m -> {
				String key = e.id() + ":" + m.id();
				AssessmentView current = active.get(key);
				AssessmentResult shown = typed.containsKey(CELL + key) ? typed.get(CELL + key)
						: current == null ? null : current.result();
				return new Cell(CELL + key, shown, current != null);
			}).toList(), standings.get(e.id())))
			.toList();
		model.addAttribute("run", run);
		model.addAttribute("modules", modules);
		model.addAttribute("lines", lines);
		model.addAttribute("results", AssessmentResult.values());
		model.addAttribute("assessedOn", assessedOn);
		model.addAttribute("canEnter", CurrentActor.require().has(Role.ASSESSOR));
		model.addAttribute("staffDesk", CurrentActor.require().has(Role.ADMIN) || CurrentActor.require().has(Role.OPS));
		model.addAttribute("problem", problem);
		return "certification/gradebook";
	}

	private LocalDate defaultDate(ClassRunView run) {
		LocalDate today = runs.today(CurrentActor.tenantId());
		return today.isAfter(run.endDate()) ? run.endDate() : today;
	}

	private String describe(CohortException ex) {
		StringBuilder text = new StringBuilder();
		if (ex.properties().get("enrollment_id") instanceof String enrolmentId) {
			try {
				text.append(enrolments.get(UUID.fromString(enrolmentId)).learnerName()).append(": ");
			}
			catch (CohortException notThere) {
				text.append("A learner not in this run: ");
			}
		}
		if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()) {
			text.append(String.join("; ", errors.stream()
				.map(e -> e instanceof Map<?, ?> m ? m.get("field") + " " + m.get("message") : String.valueOf(e))
				.toList()));
		}
		else {
			text.append(ex.getMessage());
		}
		return text.toString();
	}

}
