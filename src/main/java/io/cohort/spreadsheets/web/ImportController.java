package io.cohort.spreadsheets.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;

import io.cohort.shared.PageView;
import io.cohort.spreadsheets.ImportJobView;
import io.cohort.spreadsheets.ImportManagement;
import io.cohort.spreadsheets.ImportRowView;
import io.cohort.spreadsheets.RowOutcome;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV imports (ADMIN, OPS): an upload answers 202 with the queued job; the job and its
 * rows are read back while the rows are processed in the background.
 */
@RestController
class ImportController {

	private final ImportManagement imports;

	ImportController(ImportManagement imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/v1/learners/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<ImportJobView> importLearners(@RequestPart("file") MultipartFile file) {
		return accepted(imports.importLearners(name(file), bytes(file)));
	}

	@PostMapping(path = "/api/v1/runs/{id}/enrollments/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<ImportJobView> importEnrolments(@PathVariable UUID id, @RequestPart("file") MultipartFile file) {
		return accepted(imports.importEnrolments(id, name(file), bytes(file)));
	}

	@GetMapping("/api/v1/imports")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	PageView<ImportJobView> list(@RequestParam(name = "run_id", required = false) @Nullable UUID runId,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return imports.list(runId, page, size);
	}

	@GetMapping("/api/v1/imports/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ImportJobView get(@PathVariable UUID id) {
		return imports.get(id);
	}

	@GetMapping("/api/v1/imports/{id}/rows")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	PageView<ImportRowView> rows(@PathVariable UUID id, @RequestParam(required = false) @Nullable RowOutcome outcome,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
		return imports.rows(id, outcome, page, size);
	}

	private static ResponseEntity<ImportJobView> accepted(ImportJobView job) {
		return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(job);
	}

	static String name(MultipartFile file) {
		String name = file.getOriginalFilename();
		return name == null ? "" : name;
	}

	static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
