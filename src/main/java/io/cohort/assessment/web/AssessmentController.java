package io.cohort.assessment.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assessment results: ASSESSOR records, updates (a new version) and voids them; staff
 * read them.
 */
@RestController
class AssessmentController {

	private final AssessmentManagement assessments;

	AssessmentController(AssessmentManagement assessments) {
		this.assessments = assessments;
	}

	record NewAssessment(@NotNull UUID enrollmentId, @NotNull UUID moduleId, @NotNull AssessmentResult result,
			@Nullable @DecimalMin("0") @DecimalMax("100") BigDecimal score,
			@Nullable @Pattern(regexp = "[A-Fa-f]", message = "must be one of A, B, C, D, E, F") String grade,
			@NotNull LocalDate assessedOn, @Nullable @Size(max = 1000) String remarks) {
	}

	/**
	 * What changes: a field left out stays as it is; an empty grade or remark clears it.
	 */
	record AssessmentChange(@Nullable AssessmentResult result,
			@Nullable @DecimalMin("0") @DecimalMax("100") BigDecimal score,
			@Nullable @Pattern(regexp = "[A-Fa-f]?",
					message = "must be one of A, B, C, D, E, F, or empty to clear it") String grade,
			@Nullable LocalDate assessedOn, @Nullable @Size(max = 1000) String remarks) {
	}

	record VoidRequest(@NotBlank @Size(max = 500) String reason) {
	}

	@PostMapping("/api/v1/assessments")
	@PreAuthorize("hasRole('ASSESSOR')")
	@ResponseStatus(HttpStatus.CREATED)
	AssessmentView record(@Valid @RequestBody NewAssessment request) {
		return assessments.record(new AssessmentManagement.NewAssessment(request.enrollmentId(), request.moduleId(),
				request.result(), request.score(), request.grade(), request.assessedOn(), request.remarks()));
	}

	@PatchMapping("/api/v1/assessments/{id}")
	@PreAuthorize("hasRole('ASSESSOR')")
	AssessmentView update(@PathVariable UUID id, @Valid @RequestBody AssessmentChange request) {
		return assessments.update(id, new AssessmentManagement.AssessmentChange(request.result(), request.score(),
				request.grade(), request.assessedOn(), request.remarks()));
	}

	@PostMapping("/api/v1/assessments/{id}/void")
	@PreAuthorize("hasRole('ASSESSOR')")
	AssessmentView voidAssessment(@PathVariable UUID id, @Valid @RequestBody VoidRequest request) {
		return assessments.voidAssessment(id, request.reason());
	}

	@GetMapping("/api/v1/assessments")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'ASSESSOR', 'TRAINER')")
	List<AssessmentView> search(@RequestParam(name = "class_run_id", required = false) @Nullable UUID runId,
			@RequestParam(name = "enrollment_id", required = false) @Nullable UUID enrolmentId,
			@RequestParam(name = "include_voided", defaultValue = "false") boolean includeVoided) {
		return assessments.search(runId, enrolmentId, includeVoided);
	}

	@GetMapping("/api/v1/assessments/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'ASSESSOR', 'TRAINER')")
	AssessmentManagement.Detail get(@PathVariable UUID id) {
		return assessments.get(id);
	}

}
