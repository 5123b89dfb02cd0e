package io.cohort.compliance.web;

import io.cohort.compliance.ComplianceManagement;
import io.cohort.compliance.DeadlinePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compliance summary (ADMIN, OPS): per run, deadlines, the sync state of its records
 * and the reconciliation's discrepancies; per tenant, the circuit breaker and the dead
 * letters. The deadline policy (ADMIN).
 */
@RestController
class ComplianceController {

	private final ComplianceManagement compliance;

	ComplianceController(ComplianceManagement compliance) {
		this.compliance = compliance;
	}

	record DeadlinePolicyChange(@NotNull @Min(0) @Max(365) Integer runPublishedDaysBeforeStart,
			@NotNull @Min(-365) @Max(365) Integer enrolmentsDaysAfterStart,
			@NotNull @Min(0) @Max(365) Integer recordsDaysAfterEnd,
			@NotNull @Min(0) @Max(365) Integer inHouseRecordsDaysAfterEnd,
			@NotNull @Min(0) @Max(60) Integer dueSoonDays) {
	}

	@GetMapping("/api/v1/compliance/summary")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ComplianceManagement.Summary summary() {
		return compliance.summary();
	}

	@GetMapping("/api/v1/settings/compliance")
	@PreAuthorize("hasRole('ADMIN')")
	DeadlinePolicy policy() {
		return compliance.policy();
	}

	@PutMapping("/api/v1/settings/compliance")
	@PreAuthorize("hasRole('ADMIN')")
	DeadlinePolicy updatePolicy(@Valid @RequestBody DeadlinePolicyChange request) {
		return compliance.updatePolicy(new ComplianceManagement.PolicyChange(request.runPublishedDaysBeforeStart(),
				request.enrolmentsDaysAfterStart(), request.recordsDaysAfterEnd(), request.inHouseRecordsDaysAfterEnd(),
				request.dueSoonDays()));
	}

}
