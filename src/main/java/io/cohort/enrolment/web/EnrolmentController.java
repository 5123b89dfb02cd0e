package io.cohort.enrolment.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.shared.PageView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrolments: OPS and ADMIN enrol anyone; a LEARNER enrols themself
 * ({@code POST /api/v1/enroll}) and sees and withdraws only their own; trainers and
 * assessors read run rosters.
 */
@RestController
class EnrolmentController {

	private final EnrolmentManagement enrolments;

	EnrolmentController(EnrolmentManagement enrolments) {
		this.enrolments = enrolments;
	}

	record CreateEnrolment(@NotNull UUID learnerId, @NotNull UUID classRunId, @Nullable SponsorshipType sponsorshipType,
			@Nullable @Size(max = 10) String employerUen,
			@Nullable @DecimalMin("0") @DecimalMax("9999999") BigDecimal feeAmount,
			@Nullable @DecimalMin("0") @DecimalMax("9999999") BigDecimal discountAmount,
			@Nullable FeeCollectionStatus feeCollectionStatus) {
	}

	record SelfEnrolment(@NotNull UUID classRunId) {
	}

	record Withdrawal(@Nullable @Size(max = 500) String reason) {
	}

	record FeeChange(@Nullable @DecimalMin("0") @DecimalMax("9999999") BigDecimal feeAmount,
			@Nullable @DecimalMin("0") @DecimalMax("9999999") BigDecimal discountAmount,
			@Nullable FeeCollectionStatus feeCollectionStatus) {
	}

	@Operation(summary = "Enrol a learner in a class run")
	@PostMapping("/api/v1/enrollments")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<EnrolmentView> enrol(@Valid @RequestBody CreateEnrolment request) {
		EnrolmentView enrolment = enrolments.enrol(new EnrolmentManagement.NewEnrolment(request.learnerId(),
				request.classRunId(),
				request.sponsorshipType() == null ? SponsorshipType.INDIVIDUAL : request.sponsorshipType(),
				request.employerUen(), request.feeAmount(), request.discountAmount(), request.feeCollectionStatus()),
				EnrolmentManagement.Source.STAFF);
		return created(enrolment);
	}

	@Operation(summary = "Enrol oneself in a class run")
	@PostMapping("/api/v1/enroll")
	@PreAuthorize("hasRole('LEARNER')")
	ResponseEntity<EnrolmentView> enrolSelf(@Valid @RequestBody SelfEnrolment request) {
		return created(enrolments.enrolSelf(request.classRunId()));
	}

	@Operation(summary = "Search enrolments")
	@GetMapping("/api/v1/enrollments")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	PageView<EnrolmentView> search(@RequestParam(name = "class_run_id", required = false) @Nullable UUID runId,
			@RequestParam(name = "learner_id", required = false) @Nullable UUID learnerId,
			@RequestParam(required = false) @Nullable EnrolmentStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return enrolments.search(runId, learnerId, status, page, size);
	}

	@Operation(summary = "List the calling learner's enrolments")
	@GetMapping("/api/v1/enrollments/me")
	@PreAuthorize("hasRole('LEARNER')")
	List<EnrolmentView> mine() {
		return enrolments.mine();
	}

	@Operation(summary = "Get an enrolment")
	@GetMapping("/api/v1/enrollments/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR', 'LEARNER')")
	EnrolmentView get(@PathVariable UUID id) {
		return staff() ? enrolments.get(id) : enrolments.getOwn(id);
	}

	@Operation(summary = "Withdraw an enrolment")
	@PostMapping("/api/v1/enrollments/{id}/withdraw")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'LEARNER')")
	EnrolmentView withdraw(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Withdrawal request) {
		String reason = request == null ? null : request.reason();
		boolean staff = CurrentActor.require().has(Role.ADMIN) || CurrentActor.require().has(Role.OPS);
		return staff ? enrolments.withdraw(id, reason) : enrolments.withdrawSelf(id, reason);
	}

	@Operation(summary = "Change an enrolment's fees")
	@PatchMapping("/api/v1/enrollments/{id}/fees")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	EnrolmentView fees(@PathVariable UUID id, @Valid @RequestBody FeeChange request) {
		return enrolments.updateFees(id, request.feeAmount(), request.discountAmount(), request.feeCollectionStatus());
	}

	private static boolean staff() {
		var caller = CurrentActor.require();
		return caller.has(Role.ADMIN) || caller.has(Role.OPS) || caller.has(Role.TRAINER) || caller.has(Role.ASSESSOR);
	}

	private static ResponseEntity<EnrolmentView> created(EnrolmentView enrolment) {
		return ResponseEntity.created(URI.create("/api/v1/enrollments/" + enrolment.id())).body(enrolment);
	}

}
