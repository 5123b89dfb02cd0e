package io.cohort.gateway.web;

import io.cohort.gateway.RetryPolicies;
import io.cohort.gateway.RetryPolicy;
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
 * The tenant's retry policy and circuit breaker thresholds for outbound jobs (ADMIN).
 */
@RestController
class GatewayResilienceController {

	private final RetryPolicies policies;

	GatewayResilienceController(RetryPolicies policies) {
		this.policies = policies;
	}

	record PolicyChange(@NotNull @Min(1) @Max(3600) Integer baseDelaySeconds,
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
	RetryPolicy updateRetryPolicy(@Valid @RequestBody PolicyChange request) {
		return policies.update(new RetryPolicies.PolicyChange(request.baseDelaySeconds(), request.maxDelaySeconds(),
				request.maxAttempts(), request.breakerFailureThreshold(), request.breakerCoolDownSeconds()));
	}

}
