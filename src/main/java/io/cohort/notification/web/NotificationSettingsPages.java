package io.cohort.notification.web;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import io.cohort.notification.NotificationKind;
import io.cohort.notification.NotificationManagement;
import io.cohort.notification.NotificationSettings;
import io.cohort.notification.NotificationTemplate;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
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
 * The notification settings page (ADMIN): sender address, quiet hours and webhook (its
 * secret shown once, in the answer that generated it), whether email is on, and each
 * kind's template, edited with a preview rendered with sample values.
 */
@Controller
@RequestMapping("/settings/notifications")
@PreAuthorize("hasRole('ADMIN')")
class NotificationSettingsPages {

	private final NotificationManagement notifications;

	NotificationSettingsPages(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	/** The settings form; quiet hours take both ends or neither. */
	record SettingsForm(@Nullable @Email @Size(max = 254) String senderAddress,
			@Nullable @DateTimeFormat(pattern = "HH:mm") LocalTime quietStart,
			@Nullable @DateTimeFormat(pattern = "HH:mm") LocalTime quietEnd,
			@Nullable @Size(max = 2000) String webhookUrl, @Nullable Boolean rotateWebhookSecret) {

		static SettingsForm of(NotificationSettings current) {
			return new SettingsForm(current.senderAddress(), current.quietStart(), current.quietEnd(),
					current.webhookUrl(), false);
		}

		NotificationManagement.SettingsChange change() {
			return new NotificationManagement.SettingsChange(blankToNull(senderAddress), quietStart, quietEnd,
					blankToNull(webhookUrl), Boolean.TRUE.equals(rotateWebhookSecret));
		}

	}

	/** A kind's template being edited. */
	record TemplateForm(@NotBlank @Size(max = 300) String subject, @NotBlank @Size(max = 10000) String text,
			@Nullable @Size(max = 20000) String html) {

		static TemplateForm of(NotificationTemplate template) {
			return new TemplateForm(template.subject(), template.text(),
					template.html() == null ? "" : template.html());
		}

	}

	/** A kind in the list of templates: whether the tenant set its own. */
	record TemplateRow(NotificationKind kind, boolean custom) {
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("settingsForm", SettingsForm.of(notifications.settings()));
		return render(model);
	}

	@PostMapping
	String save(@Valid @ModelAttribute("settingsForm") SettingsForm form, BindingResult errors, Model model,
			HttpServletResponse response) {
		if ((form.quietStart() == null) != (form.quietEnd() == null)) {
			errors.rejectValue("quietEnd", "invalid", "Give both ends of the quiet hours, or neither.");
		}
		if (!errors.hasErrors()) {
			try {
				NotificationSettings saved = notifications.updateSettings(form.change());
				if (saved.webhookSecret() != null) {
					response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
					model.addAttribute("issuedSecret", saved.webhookSecret());
				}
				model.addAttribute("notice", "Notification settings saved.");
				model.addAttribute("settingsForm", SettingsForm.of(saved));
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, field -> switch (field) {
					case "sender_address" -> "senderAddress";
					case "webhook_url" -> "webhookUrl";
					case "quiet_start" -> "quietStart";
					case "quiet_end" -> "quietEnd";
					default -> null;
				});
			}
		}
		return render(model);
	}

	@GetMapping("/templates/{kind}")
	String template(@PathVariable NotificationKind kind, Model model) {
		NotificationTemplate template = notifications.template(kind);
		model.addAttribute("templateForm", TemplateForm.of(template));
		model.addAttribute("preview",
				notifications.preview(kind, template.subject(), template.text(), template.html()));
		return renderTemplate(model, kind, template.custom());
	}

	@PostMapping("/templates/{kind}/preview")
	String preview(@PathVariable NotificationKind kind, @Valid @ModelAttribute("templateForm") TemplateForm form,
			BindingResult errors, Model model) {
		if (!errors.hasErrors()) {
			model.addAttribute("preview", notifications.preview(kind, form.subject(), form.text(), form.html()));
			model.addAttribute("notice", "Preview of the draft below; nothing is saved yet.");
		}
		return renderTemplate(model, kind, notifications.template(kind).custom());
	}

	@PostMapping("/templates/{kind}")
	String saveTemplate(@PathVariable NotificationKind kind, @Valid @ModelAttribute("templateForm") TemplateForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return renderTemplate(model, kind, notifications.template(kind).custom());
		}
		notifications.updateTemplate(kind, form.subject(), form.text(), form.html());
		redirect.addFlashAttribute("notice", "Template saved: new messages of this kind use it.");
		return "redirect:/settings/notifications/templates/" + kind;
	}

	private String render(Model model) {
		NotificationSettings current = notifications.settings();
		model.addAttribute("current", current);
		model.addAttribute("emailEnabled", notifications.emailEnabled());
		List<TemplateRow> templates = Arrays.stream(NotificationKind.values())
			.map(kind -> new TemplateRow(kind, notifications.template(kind).custom()))
			.toList();
		model.addAttribute("templates", templates);
		return "notification/settings";
	}

	private String renderTemplate(Model model, NotificationKind kind, boolean custom) {
		model.addAttribute("kind", kind);
		model.addAttribute("custom", custom);
		model.addAttribute("emailEnabled", notifications.emailEnabled());
		return "notification/template";
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
