package io.cohort.crm.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import io.cohort.crm.CrmDeliveries;
import io.cohort.crm.RecordStatus;
import io.cohort.identity.ApiKeyManagement;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The integrations page (ADMIN): the tenant's API keys for the CRM (create, with the
 * secret shown once, and revoke), the capacity of runs whose Zoho class names none, and
 * the recent webhook deliveries with their per-record outcomes, filterable by status.
 */
@Controller
@RequestMapping("/settings/integrations")
@PreAuthorize("hasRole('ADMIN')")
class IntegrationPages {

	private final ApiKeyManagement keys;

	private final CrmDeliveries deliveries;

	IntegrationPages(ApiKeyManagement keys, CrmDeliveries deliveries) {
		this.keys = keys;
		this.deliveries = deliveries;
	}

	/** The new-key form. */
	record NewKeyForm(@NotBlank @Size(max = 100) String name) {
	}

	/** The CRM settings form. */
	record SettingsForm(@NotNull @Min(1) @Max(100_000) Integer defaultCapacity) {
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable RecordStatus status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("keyForm", new NewKeyForm(""));
		model.addAttribute("settingsForm", new SettingsForm(deliveries.defaultCapacity()));
		return render(model, status, page);
	}

	@PostMapping("/api-keys")
	String createKey(@Valid @ModelAttribute("keyForm") NewKeyForm form, BindingResult errors, Model model,
			HttpServletResponse response) {
		if (!errors.hasErrors()) {
			try {
				model.addAttribute("issued", keys.create(form.name()));
				response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
				model.addAttribute("keyForm", new NewKeyForm(""));
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, field -> "name".equals(field) ? "name" : null);
			}
		}
		model.addAttribute("settingsForm", new SettingsForm(deliveries.defaultCapacity()));
		return render(model, null, 0);
	}

	@PostMapping("/api-keys/{id}/revoke")
	String revokeKey(@PathVariable UUID id, RedirectAttributes redirect) {
		keys.revoke(id);
		redirect.addFlashAttribute("notice",
				"The API key was revoked; the CRM's calls with it are refused from now on.");
		return "redirect:/settings/integrations";
	}

	@PostMapping("/settings")
	String saveSettings(@Valid @ModelAttribute("settingsForm") SettingsForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			model.addAttribute("keyForm", new NewKeyForm(""));
			return render(model, null, 0);
		}
		deliveries.defaultCapacity(form.defaultCapacity());
		redirect.addFlashAttribute("notice",
				"Saved: new runs from the CRM without a capacity get " + form.defaultCapacity() + " seats.");
		return "redirect:/settings/integrations";
	}

	@GetMapping("/deliveries/{id}")
	String delivery(@PathVariable UUID id, @RequestParam(required = false) @Nullable RecordStatus status, Model model) {
		model.addAttribute("delivery", deliveries.get(id, status));
		model.addAttribute("status", status);
		model.addAttribute("statuses", RecordStatus.values());
		return "crm/delivery";
	}

	private String render(Model model, @Nullable RecordStatus status, int page) {
		model.addAttribute("keys", keys.list());
		model.addAttribute("deliveries", deliveries.list(status, Math.max(page, 0), 20));
		model.addAttribute("status", status);
		model.addAttribute("statuses", RecordStatus.values());
		return "crm/integrations";
	}

}
