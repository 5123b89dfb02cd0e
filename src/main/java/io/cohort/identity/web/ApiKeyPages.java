package io.cohort.identity.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import io.cohort.identity.ApiKeyManagement;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API key pages (ADMIN only): the tenant's keys, issuing one (its secret is shown on
 * that response only) and revoking one.
 */
@Controller
@RequestMapping("/admin/api-keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeyPages {

	private final ApiKeyManagement keys;

	ApiKeyPages(ApiKeyManagement keys) {
		this.keys = keys;
	}

	/** The new-key form. */
	record NewKeyForm(@NotBlank @Size(max = 100) String name) {
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("keyForm", new NewKeyForm(""));
		return page(model);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("keyForm") NewKeyForm form, BindingResult errors, Model model,
			HttpServletResponse response) {
		if (!errors.hasErrors()) {
			try {
				ApiKeyManagement.IssuedApiKey issued = keys.create(form.name());
				response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
				model.addAttribute("issued", issued);
				model.addAttribute("keyForm", new NewKeyForm(""));
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, field -> "name".equals(field) ? "name" : null);
			}
		}
		return page(model);
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
		keys.revoke(id);
		redirect.addFlashAttribute("notice", "The API key was revoked; integrations using it are refused from now on.");
		return "redirect:/admin/api-keys";
	}

	private String page(Model model) {
		model.addAttribute("keys", keys.list());
		return "admin/api-keys";
	}

}
