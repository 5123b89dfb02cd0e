package io.cohort.compliance.web;

import java.util.Set;

import io.cohort.compliance.ComplianceManagement;
import io.cohort.compliance.DeadlinePolicy;
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
 * The tenant's compliance deadline policy (ADMIN), with the API's bounds.
 */
@Controller
@RequestMapping("/settings/deadlines")
@PreAuthorize("hasRole('ADMIN')")
class DeadlinePolicyPages {

	private final ComplianceManagement compliance;

	DeadlinePolicyPages(ComplianceManagement compliance) {
		this.compliance = compliance;
	}

	/**
	 * The form: the same fields and bounds as {@code PUT /api/v1/settings/compliance}.
	 */
	record PolicyForm(@NotNull @Min(0) @Max(365) Integer runPublishedDaysBeforeStart,
			@NotNull @Min(-365) @Max(365) Integer enrolmentsDaysAfterStart,
			@NotNull @Min(0) @Max(365) Integer recordsDaysAfterEnd,
			@NotNull @Min(0) @Max(365) Integer inHouseRecordsDaysAfterEnd,
			@NotNull @Min(0) @Max(60) Integer dueSoonDays) {

		static PolicyForm of(DeadlinePolicy policy) {
			return new PolicyForm(policy.runPublishedDaysBeforeStart(), policy.enrolmentsDaysAfterStart(),
					policy.recordsDaysAfterEnd(), policy.inHouseRecordsDaysAfterEnd(), policy.dueSoonDays());
		}

	}

	@GetMapping
	String page(Model model) {
		DeadlinePolicy current = compliance.policy();
		model.addAttribute("policyForm", PolicyForm.of(current));
		model.addAttribute("current", current);
		return "compliance/deadlines";
	}

	@PostMapping
	String save(@Valid @ModelAttribute("policyForm") PolicyForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				compliance.updatePolicy(new ComplianceManagement.PolicyChange(form.runPublishedDaysBeforeStart(),
						form.enrolmentsDaysAfterStart(), form.recordsDaysAfterEnd(), form.inHouseRecordsDaysAfterEnd(),
						form.dueSoonDays()));
				redirect.addFlashAttribute("notice", "Deadline policy saved.");
				return "redirect:/settings/deadlines";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, Set.of("runPublishedDaysBeforeStart", "enrolmentsDaysAfterStart",
						"recordsDaysAfterEnd", "inHouseRecordsDaysAfterEnd", "dueSoonDays"));
			}
		}
		model.addAttribute("current", compliance.policy());
		return "compliance/deadlines";
	}

}
