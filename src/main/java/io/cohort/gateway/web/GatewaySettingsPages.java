package io.cohort.gateway.web;

import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
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
 * The TPGateway settings page (ADMIN): the connection, switched on or off, with its test
 * button. Secrets are never shown, only whether one is set; a blank secret field keeps
 * the stored one.
 */
@Controller
@RequestMapping("/settings/gateway")
@PreAuthorize("hasRole('ADMIN')")
class GatewaySettingsPages {

	private final GatewaySettingsManagement settings;

	GatewaySettingsPages(GatewaySettingsManagement settings) {
		this.settings = settings;
	}

	/** The settings form; blank secrets keep the stored ones. */
	record SettingsForm(boolean enabled, @NotBlank @Size(max = 300) String baseUrl,
			@NotBlank @Size(max = 20) String uen, @Nullable @Size(max = 100) String encryptionKey,
			@NotNull GatewaySettingsManagement.AuthMode authMode, @Nullable @Size(max = 300) String oauthTokenUrl,
			@Nullable @Size(max = 200) String oauthClientId, @Nullable @Size(max = 500) String oauthClientSecret,
			@Nullable @Size(max = 20) String apiVersion, @NotNull @Min(100) @Max(120_000) Integer timeoutMs) {

		static SettingsForm of(GatewaySettingsManagement.GatewaySettingsView current) {
			return new SettingsForm(current.enabled(), current.baseUrl() == null ? "" : current.baseUrl(),
					current.uen() == null ? "" : current.uen(), "",
					current.authMode() == null ? GatewaySettingsManagement.AuthMode.OAUTH : current.authMode(),
					current.oauthTokenUrl() == null ? "" : current.oauthTokenUrl(),
					current.oauthClientId() == null ? "" : current.oauthClientId(), "",
					current.apiVersion() == null ? "" : current.apiVersion(), current.timeoutMs());
		}

		GatewaySettingsManagement.SettingsChange change() {
			return new GatewaySettingsManagement.SettingsChange(enabled, baseUrl.trim(), uen.trim(),
					blankToNull(encryptionKey), authMode, blankToNull(oauthTokenUrl), blankToNull(oauthClientId),
					blankToNull(oauthClientSecret), null, null, blankToNull(apiVersion), timeoutMs);
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return value == null || value.isBlank() ? null : value.trim();
		}

	}

	@GetMapping
	String page(Model model) {
		GatewaySettingsManagement.GatewaySettingsView current = settings.get();
		model.addAttribute("settingsForm", SettingsForm.of(current));
		return render(model, current);
	}

	@PostMapping
	String save(@Valid @ModelAttribute("settingsForm") SettingsForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				GatewaySettingsManagement.GatewaySettingsView saved = settings.update(form.change());
				redirect.addFlashAttribute("notice",
						"TPGateway settings saved; sending records is " + (saved.enabled() ? "on." : "off."));
				return "redirect:/settings/gateway";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, field -> switch (field) {
					case "base_url" -> "baseUrl";
					case "uen" -> "uen";
					case "encryption_key" -> "encryptionKey";
					case "oauth_token_url" -> "oauthTokenUrl";
					case "oauth_client_id" -> "oauthClientId";
					case "oauth_client_secret" -> "oauthClientSecret";
					case "api_version" -> "apiVersion";
					case "timeout_ms" -> "timeoutMs";
					case "keystore_base64", "auth_mode" -> "authMode";
					default -> null;
				});
			}
		}
		return render(model, settings.get());
	}

	@PostMapping("/test")
	String test(RedirectAttributes redirect) {
		redirect.addFlashAttribute("test", settings.test());
		return "redirect:/settings/gateway";
	}

	private String render(Model model, GatewaySettingsManagement.GatewaySettingsView current) {
		model.addAttribute("current", current);
		model.addAttribute("authModes", GatewaySettingsManagement.AuthMode.values());
		return "gateway/settings";
	}

}
