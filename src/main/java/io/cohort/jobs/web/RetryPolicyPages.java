package io.cohort.jobs.web;

import java.util.Set;

import io.cohort.jobs.RetryPolicies;
import io.cohort.jobs.RetryPolicy;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's retry policy of outbound jobs (ADMIN), with the API's bounds.
 */
@Controller
@RequestMapping("/settings/retry-policy")
@PreAuthorize("hasRole('ADMIN')")
class RetryPolicyPages {

	private final RetryPolicies policies;

	RetryPolicyPages(RetryPolicies policies) {
		this.policies = policies;
	}

	/**
	 * The form: the same fields and bounds as {@code PUT /api/v1/settings/retry-policy}.
	 */
	record PolicyForm(@NotNull @Min(1) @Max(3600) Integer baseDelaySeconds,
			@NotNull @Min(1) @Max(86_400) Integer maxDelaySeconds,
			@NotNull @Min(60) @Max(2_592_000) Integer retryBudgetSeconds,
			@NotNull @Min(1) @Max(100) Integer breakerFailureThreshold,
			@NotNull @Min(5) @Max(86_400) Integer breakerCoolDownSeconds) {

		static PolicyForm of(RetryPolicy policy) {
			return new PolicyForm(policy.baseDelaySeconds(), policy.maxDelaySeconds(), policy.retryBudgetSeconds(),
					policy.breakerFailureThreshold(), policy.breakerCoolDownSeconds());
		}

	}

	@GetMapping
	String page(Model model) {
		RetryPolicy current = policies.get();
		model.addAttribute("policyForm", PolicyForm.of(current));
		model.addAttribute("current", current);
		return "jobs/retry-policy";
	}

	@PostMapping
	String save(@Valid @ModelAttribute("policyForm") PolicyForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				policies.update(new RetryPolicies.PolicyChange(form.baseDelaySeconds(), form.maxDelaySeconds(),
						form.retryBudgetSeconds(), form.breakerFailureThreshold(), form.breakerCoolDownSeconds()));
				redirect.addFlashAttribute("notice", "Retry policy saved.");
				return "redirect:/settings/retry-policy";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, Set.of("baseDelaySeconds", "maxDelaySeconds", "retryBudgetSeconds",
						"breakerFailureThreshold", "breakerCoolDownSeconds"));
			}
		}
		model.addAttribute("current", policies.get());
		return "jobs/retry-policy";
	}

}
