package io.cohort.spreadsheets.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.shared.PageView;
import io.cohort.spreadsheets.ImportJobView;
import io.cohort.spreadsheets.ImportManagement;
import io.cohort.spreadsheets.ImportRowView;
import io.cohort.spreadsheets.RowOutcome;
import io.cohort.system.CohortException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The imports pages (ADMIN, OPS): upload a learners file or an enrolments file for a run,
 * follow a job's progress (refreshed with htmx while it runs) and read each row's
 * outcome; download a run's enrolments or attendance.
 */
@Controller
@RequestMapping("/imports")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class ImportPages {

	static final int PAGE_SIZE = 50;

	private final ImportManagement imports;

	private final ClassRunManagement runs;

	ImportPages(ImportManagement imports, ClassRunManagement runs) {
		this.imports = imports;
		this.runs = runs;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("jobs", imports.list(null, Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("runs", runs());
		model.addAttribute("learnerColumns", ImportManagement.learnerColumns());
		model.addAttribute("enrolmentColumns", ImportManagement.enrolmentColumns());
		return "imports/imports";
	}

	@GetMapping("/learners/template.csv")
	ResponseEntity<String> learnerTemplate() {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"learners-template.csv\"")
			.body(ImportManagement.learnerTemplate());
	}

	@PostMapping("/learners")
	String importLearners(@RequestParam(required = false) @Nullable MultipartFile file, RedirectAttributes redirect) {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("problem", "Choose a CSV file of learners to import.");
			return "redirect:/imports";
		}
		try {
			ImportJobView job = imports.importLearners(ImportController.name(file), ImportController.bytes(file));
			return "redirect:/imports/" + job.id();
		}
		catch (CohortException ex) {
			redirect.addFlashAttribute("problem", describe(ex));
			return "redirect:/imports";
		}
	}

	@PostMapping("/enrollments")
	String importEnrolments(@RequestParam(name = "run_id", required = false) @Nullable UUID runId,
			@RequestParam(required = false) @Nullable MultipartFile file, RedirectAttributes redirect) {
		if (runId == null || file == null || file.isEmpty()) {
			redirect.addFlashAttribute("problem", "Choose a run and a CSV file of enrolments to import.");
			return "redirect:/imports";
		}
		try {
			ImportJobView job = imports.importEnrolments(runId, ImportController.name(file),
					ImportController.bytes(file));
			return "redirect:/imports/" + job.id();
		}
		catch (CohortException ex) {
			redirect.addFlashAttribute("problem", describe(ex));
			return "redirect:/imports";
		}
	}

	@GetMapping("/{id}")
	String job(@PathVariable UUID id, @RequestParam(required = false) @Nullable String outcome,
			@RequestParam(defaultValue = "0") int page, Model model) {
		ImportJobView job = imports.get(id);
		RowOutcome filter = outcome(outcome);
		PageView<ImportRowView> rows = imports.rows(id, filter, Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("job", job);
		model.addAttribute("run", job.runId() == null ? null : runs.get(job.runId()));
		model.addAttribute("rows", rows);
		model.addAttribute("outcome", filter);
		model.addAttribute("outcomes", Arrays.asList(RowOutcome.values()));
		return "imports/job";
	}

	/**
	 * The job's progress; when a polled job has finished, htmx reloads the page to show
	 * every row's outcome.
	 */
	@GetMapping("/{id}/progress")
	String progress(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			HttpServletResponse response, Model model) {
		ImportJobView job = imports.get(id);
		if (htmx != null && job.status().finished()) {
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("job", job);
		return "imports/job :: progress";
	}

	private List<ClassRunView> runs() {
		return runs.list(null, null, 0, 200).items();
	}

	private static @Nullable RowOutcome outcome(@Nullable String value) {
		return Arrays.stream(RowOutcome.values())
			.filter(o -> o.name().equalsIgnoreCase(value))
			.findFirst()
			.orElse(null);
	}

	static String describe(CohortException ex) {
		if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()
				&& errors.get(0) instanceof Map<?, ?> error) {
			return "The " + error.get("field") + " " + error.get("message") + ".";
		}
		return ex.getMessage();
	}

}
