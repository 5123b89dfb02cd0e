package io.cohort.lms.web;

import io.cohort.lms.MoodleSettingsManagement;
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
 * The Moodle settings page (ADMIN), linked from the integrations page: the connection
 * with its test button; the token is never shown, only whether one is set. Moodle's jobs
 * are in the shared job views.
 */
@Controller
@RequestMapping("/settings/moodle")
@PreAuthorize("hasRole('ADMIN')")
class MoodlePages {

	private final MoodleSettingsManagement settings;

	MoodlePages(MoodleSettingsManagement settings) {
		this.settings = settings;
	}

	/** The settings form; a blank token keeps the stored one. */
	record SettingsForm(boolean enabled, @NotBlank @Size(max = 300) String baseUrl,
			@Nullable @Size(max = 200) String token, @NotNull @Min(1) Long studentRoleId,
			@NotNull @Min(100) @Max(120_000) Integer timeoutMs) {
	}

	@GetMapping
	String page(Model model) {
		MoodleSettingsManagement.MoodleSettingsView current = settings.get();
		model.addAttribute("settingsForm",
				new SettingsForm(current.enabled(), current.baseUrl() == null ? "" : current.baseUrl(), "",
						current.studentRoleId() == null ? 5L : current.studentRoleId(), current.timeoutMs()));
		return render(model, current);
	}

	@PostMapping
	String save(@Valid @ModelAttribute("settingsForm") SettingsForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				settings.update(new MoodleSettingsManagement.SettingsChange(form.enabled(), form.baseUrl(),
						form.token() == null || form.token().isBlank() ? null : form.token(), form.studentRoleId(),
						form.timeoutMs()));
				redirect.addFlashAttribute("notice", "Moodle settings saved.");
				return "redirect:/settings/moodle";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, field -> switch (field) {
					case "base_url" -> "baseUrl";
					case "token" -> "token";
					case "student_role_id" -> "studentRoleId";
					case "timeout_ms" -> "timeoutMs";
					default -> null;
				});
			}
		}
		return render(model, settings.get());
	}

	@PostMapping("/test")
	String test(RedirectAttributes redirect) {
		redirect.addFlashAttribute("test", settings.test());
		return "redirect:/settings/moodle";
	}

	private String render(Model model, MoodleSettingsManagement.MoodleSettingsView current) {
		model.addAttribute("current", current);
		return "lms/moodle";
	}

}
