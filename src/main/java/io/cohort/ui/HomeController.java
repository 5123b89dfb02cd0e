package io.cohort.ui;

import java.util.List;
import java.util.Map;

import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.system.CohortException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The home page, which differs by role: the platform admin sees the tenants and can
 * create one; tenant users see what their roles let them do and their account.
 */
@Controller
class HomeController {

	private static final Map<Role, String> ROLE_DESCRIPTIONS = Map.of(Role.ADMIN,
			"You manage your organisation's users and roles, the API keys of its integrations, and review the audit log.",
			Role.OPS, "You coordinate courses, class runs, learners and enrolments, and review the audit log.",
			Role.TRAINER,
			"You see your own sessions, mark attendance for a whole session at once and show its check-in code.",
			Role.ASSESSOR, "You record, update and void assessment results, run by run in its gradebook.", Role.LEARNER,
			"You browse open class runs, enrol, and follow your schedule and attendance.");

	private final TenantManagement tenants;

	private final UserManagement users;

	private final Dashboard dashboard;

	private final Labels labels;

	HomeController(TenantManagement tenants, UserManagement users, Dashboard dashboard, Labels labels) {
		this.labels = labels;
		this.tenants = tenants;
		this.users = users;
		this.dashboard = dashboard;
	}

	/** The platform admin's form for a new tenant and its first admin. */
	record TenantForm(
			@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}",
					message = "must be 2-40 lowercase letters, digits or hyphens") String slug,
			@NotBlank @Size(max = 200) String name,
			@NotBlank @Pattern(regexp = "(?i)\\d{8}[A-Z]|\\d{9}[A-Z]|[TSR]\\d{2}[A-Z]{2}\\d{4}[A-Z]",
					message = "is not a valid UEN") String uen,
			@Size(max = 64) String timeZone, @NotBlank @Email @Size(max = 254) String adminEmail,
			@NotBlank @Size(max = 128) String adminPassword) {

		static TenantForm empty() {
			return new TenantForm("", "", "", "", "", "");
		}

	}

	/** One of the signed-in user's roles, with what it lets them do. */
	record RoleCard(Role role, String label, String description) {
	}

	@GetMapping("/")
	String home(Model model) {
		CohortPrincipal principal = CurrentActor.require();
		if (principal.has(Role.PLATFORM_ADMIN)) {
			return platformHome(model, TenantForm.empty());
		}
		model.addAttribute("account", users.get(principal.id()));
		model.addAttribute("roleCards",
				principal.roles()
					.stream()
					.sorted()
					.map(role -> new RoleCard(role, this.labels.of(role), ROLE_DESCRIPTIONS.getOrDefault(role, "")))
					.toList());
		model.addAttribute("isAdmin", principal.has(Role.ADMIN));
		model.addAttribute("seesAudit", principal.has(Role.ADMIN) || principal.has(Role.OPS));
		model.addAttribute("runsDesk", principal.has(Role.ADMIN) || principal.has(Role.OPS));
		model.addAttribute("isTrainer", principal.has(Role.TRAINER));
		model.addAttribute("isLearner", principal.has(Role.LEARNER));
		model.addAttribute("isAssessor", principal.has(Role.ASSESSOR));
		if (principal.has(Role.ADMIN)) {
			model.addAttribute("userCount", users.list(0, 1).total());
		}
		if (principal.has(Role.ADMIN) || principal.has(Role.OPS)) {
			model.addAttribute("staffWork", dashboard.staff());
		}
		if (principal.has(Role.TRAINER)) {
			model.addAttribute("trainerWork", dashboard.trainer());
		}
		if (principal.has(Role.ASSESSOR)) {
			model.addAttribute("assessorWork", dashboard.assessor());
		}
		return "home";
	}

	@PostMapping("/platform/tenants")
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	String createTenant(@Valid @ModelAttribute("tenantForm") TenantForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				TenantManagement.CreatedTenant created = tenants.create(new TenantManagement.NewTenant(form.slug(),
						form.name(), form.uen(), form.timeZone(), form.adminEmail(), form.adminPassword()));
				redirect.addFlashAttribute("notice", "Tenant " + created.tenant().name() + " created; its admin "
						+ created.admin().email() + " can sign in with tenant " + created.tenant().slug() + ".");
				return "redirect:/";
			}
			catch (CohortException ex) {
				reject(ex, errors);
			}
		}
		return platformHome(model, form);
	}

	private String platformHome(Model model, TenantForm form) {
		model.addAttribute("tenants", tenants.list());
		if (!model.containsAttribute("tenantForm")) {
			model.addAttribute("tenantForm", form);
		}
		return "platform-home";
	}

	private static void reject(CohortException ex, BindingResult errors) {
		switch (ex.code()) {
			case SLUG_TAKEN -> errors.rejectValue("slug", ex.code().code(), "is already taken");
			case EMAIL_TAKEN -> errors.rejectValue("adminEmail", ex.code().code(), "is already taken");
			case VALIDATION_FAILED -> {
				if (ex.properties().get("errors") instanceof List<?> list) {
					for (Object item : list) {
						if (item instanceof Map<?, ?> error) {
							String field = switch (String.valueOf(error.get("field"))) {
								case "time_zone" -> "timeZone";
								case "password" -> "adminPassword";
								case "email" -> "adminEmail";
								default -> null;
							};
							if (field != null) {
								errors.rejectValue(field, ex.code().code(), String.valueOf(error.get("message")));
							}
							else {
								errors.reject(ex.code().code(), String.valueOf(error.get("message")));
							}
						}
					}
				}
			}
			default -> errors.reject(ex.code().code(), ex.getMessage());
		}
	}

}
