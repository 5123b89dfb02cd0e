package io.cohort.gateway.web;

import java.util.UUID;

import io.cohort.gateway.Reconciliations;
import io.cohort.gateway.RetryPolicies;
import io.cohort.gateway.RetryPolicy;
import io.cohort.shared.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's retry policy and circuit breaker thresholds for outbound jobs (ADMIN), and reconciliation
 * with TPGateway on demand and its results (ADMIN, OPS).
 */
@RestController
class GatewayResilienceController {

	private final RetryPolicies policies;

	private final Reconciliations reconciliations;

	GatewayResilienceController(RetryPolicies policies, Reconciliations reconciliations) {
		this.policies = policies;
		this.reconciliations = reconciliations;
	}

	/** What to reconcile: one run, or (left out) every published run. */
	record StartReconciliation(@Nullable UUID runId) {
	}

	record RetryPolicyChange(@NotNull @Min(1) @Max(3600) Integer baseDelaySeconds,
			@NotNull @Min(1) @Max(86_400) Integer maxDelaySeconds, @NotNull @Min(1) @Max(50) Integer maxAttempts,
			@NotNull @Min(1) @Max(100) Integer breakerFailureThreshold,
			@NotNull @Min(5) @Max(86_400) Integer breakerCoolDownSeconds) {
	}

	@GetMapping("/api/v1/settings/gateway/retry-policy")
	@PreAuthorize("hasRole('ADMIN')")
	RetryPolicy retryPolicy() {
		return policies.get();
	}

	@PutMapping("/api/v1/settings/gateway/retry-policy")
	@PreAuthorize("hasRole('ADMIN')")
	RetryPolicy updateRetryPolicy(@Valid @RequestBody RetryPolicyChange request) {
		return policies.update(new RetryPolicies.PolicyChange(request.baseDelaySeconds(), request.maxDelaySeconds(),
				request.maxAttempts(), request.breakerFailureThreshold(), request.breakerCoolDownSeconds()));
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
