package io.cohort.spreadsheets.web;

import java.util.UUID;

import io.cohort.spreadsheets.ExportManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Downloads of a run's CSV exports for signed-in staff (the pages' session, where the API
 * wants a bearer token); the export form on the imports page picks a run and a sheet.
 */
@Controller
@RequestMapping("/exports")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
class ExportPages {

	private final ExportManagement exports;

	ExportPages(ExportManagement exports) {
		this.exports = exports;
	}

	/** The export form: sends the browser to the chosen run's sheet. */
	@GetMapping
	String choose(@RequestParam(name = "run_id", required = false) @Nullable UUID runId,
			@RequestParam(required = false) @Nullable String sheet, RedirectAttributes redirect) {
		if (runId == null || !("enrollments".equals(sheet) || "attendance".equals(sheet))) {
			redirect.addFlashAttribute("problem", "Choose a run to export.");
			return "redirect:/imports";
		}
		return "redirect:/exports/runs/" + runId + "/" + sheet + ".csv";
	}

	@GetMapping("/runs/{id}/enrollments.csv")
	ResponseEntity<byte[]> enrolments(@PathVariable UUID id) {
		return CsvDownloads.of(exports.enrolments(id));
	}

	@GetMapping("/runs/{id}/attendance.csv")
	ResponseEntity<byte[]> attendance(@PathVariable UUID id) {
		return CsvDownloads.of(exports.attendance(id));
	}

}
