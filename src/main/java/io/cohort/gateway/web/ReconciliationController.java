package io.cohort.gateway.web;

import java.util.UUID;

import io.cohort.gateway.Reconciliations;
import io.cohort.shared.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation with TPGateway on demand and its results (ADMIN, OPS).
 */
@RestController
class ReconciliationController {

	private final Reconciliations reconciliations;

	ReconciliationController(Reconciliations reconciliations) {
		this.reconciliations = reconciliations;
	}

	/** What to reconcile: one run, or (left out) every published run. */
	record StartReconciliation(@Nullable UUID runId) {
	}

	@PostMapping("/api/v1/gateway/reconciliations")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	@ResponseStatus(HttpStatus.CREATED)
	Reconciliations.ReconciliationView reconcile(@RequestBody(required = false) @Nullable StartReconciliation request) {
		return reconciliations.reconcile(request == null ? null : request.runId());
	}

	@GetMapping("/api/v1/gateway/reconciliations")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	PageView<Reconciliations.ReconciliationView> reconciliations(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return reconciliations.list(page, size);
	}

	@GetMapping("/api/v1/gateway/reconciliations/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	Reconciliations.ReconciliationView reconciliation(@PathVariable UUID id) {
		return reconciliations.get(id);
	}

}
