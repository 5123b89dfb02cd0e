package io.cohort.jobs.web;

import java.util.List;
import java.util.UUID;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import io.cohort.jobs.RetryPolicies;
import io.cohort.jobs.RetryPolicy;
import io.cohort.shared.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbound jobs of every target (TPGateway, Moodle) with their retry and cancel
 * actions (ADMIN, OPS), and the tenant's retry policy and circuit breaker thresholds
 * (ADMIN).
 */
@RestController
class JobController {

	private final JobQueue jobs;

	private final RetryPolicies policies;

	JobController(JobQueue jobs, RetryPolicies policies) {
		this.jobs = jobs;
		this.policies = policies;
	}

	record JobIds(@NotEmpty @Size(max = 1000) List<@NotNull UUID> ids) {
	}

	record Affected(List<UUID> ids) {
	}

	record RetryPolicyChange(@NotNull @Min(1) @Max(3600) Integer baseDelaySeconds,
			@NotNull @Min(1) @Max(86_400) Integer maxDelaySeconds,
			@NotNull @Min(60) @Max(2_592_000) Integer retryBudgetSeconds,
			@NotNull @Min(1) @Max(100) Integer breakerFailureThreshold,
			@NotNull @Min(5) @Max(86_400) Integer breakerCoolDownSeconds) {
	}

	@GetMapping("/api/v1/jobs")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	PageView<Job> list(@RequestParam(required = false) @Nullable @Size(max = 40) String target,
			@RequestParam(required = false) @Nullable JobStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return jobs.list(target, status, page, size);
	}

	@GetMapping("/api/v1/jobs/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	Job get(@PathVariable UUID id) {
		return jobs.get(id);
	}

	@PostMapping("/api/v1/jobs/retry")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	Affected retry(@Valid @RequestBody JobIds request) {
		return new Affected(jobs.retry(request.ids()));
	}

	@PostMapping("/api/v1/jobs/cancel")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	Affected cancel(@Valid @RequestBody JobIds request) {
		return new Affected(jobs.cancel(request.ids()));
	}

	@GetMapping("/api/v1/settings/retry-policy")
	@PreAuthorize("hasRole('ADMIN')")
	RetryPolicy retryPolicy() {
		return policies.get();
	}

	@PutMapping("/api/v1/settings/retry-policy")
	@PreAuthorize("hasRole('ADMIN')")
	RetryPolicy updateRetryPolicy(@Valid @RequestBody RetryPolicyChange request) {
		return policies.update(new RetryPolicies.PolicyChange(request.baseDelaySeconds(), request.maxDelaySeconds(),
				request.retryBudgetSeconds(), request.breakerFailureThreshold(), request.breakerCoolDownSeconds()));
	}

}
