package io.cohort.spreadsheets.web;

import java.util.UUID;

import io.cohort.spreadsheets.ExportManagement;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV exports of a run for staff: its enrolments and its attendance.
 */
@RestController
class ExportController {

	private final ExportManagement exports;

	ExportController(ExportManagement exports) {
		this.exports = exports;
	}

	@GetMapping("/api/v1/runs/{id}/enrollments.csv")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	ResponseEntity<byte[]> enrolments(@PathVariable UUID id) {
		return CsvDownloads.of(exports.enrolments(id));
	}

	@GetMapping("/api/v1/runs/{id}/attendance.csv")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	ResponseEntity<byte[]> attendance(@PathVariable UUID id) {
		return CsvDownloads.of(exports.attendance(id));
	}

}
