package io.cohort.compliance.web;

import io.cohort.compliance.ComplianceManagement;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compliance summary (ADMIN, OPS): per run, deadlines and the sync state of its records; per
 * tenant, the dead letters.
 */
@RestController
class ComplianceController {

	private final ComplianceManagement compliance;

	ComplianceController(ComplianceManagement compliance) {
		this.compliance = compliance;
	}

	@GetMapping("/api/v1/compliance/summary")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ComplianceManagement.Summary summary() {
		return compliance.summary();
	}

}
