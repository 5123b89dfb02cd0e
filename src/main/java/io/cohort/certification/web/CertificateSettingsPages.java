package io.cohort.certification.web;

import java.util.Set;

import io.cohort.certification.CertificationManagement;
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
 * The tenant's certificate settings (ADMIN): the attendance a certificate needs.
 */
@Controller
@RequestMapping("/settings/certificates")
@PreAuthorize("hasRole('ADMIN')")
class CertificateSettingsPages {

	private final CertificationManagement certification;

	CertificateSettingsPages(CertificationManagement certification) {
		this.certification = certification;
	}

	/** The form: the same bounds as {@code PUT /api/v1/certification/policy}. */
	record SettingsForm(@NotNull @Min(1) @Max(100) Integer attendanceThresholdPercent) {
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("settingsForm", new SettingsForm(certification.policy().attendanceThresholdPercent()));
		return "certification/settings";
	}

	@PostMapping
	String save(@Valid @ModelAttribute("settingsForm") SettingsForm form, BindingResult errors,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				certification.updatePolicy(form.attendanceThresholdPercent());
				redirect.addFlashAttribute("notice", "Certificate settings saved.");
				return "redirect:/settings/certificates";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, Set.of("attendanceThresholdPercent"));
			}
		}
		return "certification/settings";
	}

}
