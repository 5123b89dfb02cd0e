package io.cohort.identity.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import io.cohort.system.ProblemCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user administration pages (ADMIN only): the tenant's users, a form for a new one,
 * editing roles and enabling or disabling an account (inline with htmx).
 */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class UserPages {

	static final int PAGE_SIZE = 25;

	static final List<Role> TENANT_ROLES = Arrays.stream(Role.values()).filter(Role::tenantRole).toList();

	private final UserManagement users;

	UserPages(UserManagement users) {
		this.users = users;
	}

	/** The new-user form. */
	record NewUserForm(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String displayName,
			@Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password,
			@NotEmpty Set<Role> roles) {

		static NewUserForm empty() {
			return new NewUserForm("", "", "", EnumSet.noneOf(Role.class));
		}

	}

	/** The edit form: a missing {@code roles} or {@code enabled} means none ticked. */
	record EditUserForm(@NotBlank @Size(max = 200) String displayName, @Nullable Set<Role> roles,
			@Nullable Boolean enabled) {
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		PageView<UserView> result = users.list(Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("users", result);
		model.addAttribute("me", CurrentActor.require().id());
		return "admin/users";
	}

	@GetMapping("/new")
	String newUser(Model model) {
		model.addAttribute("userForm", NewUserForm.empty());
		return newForm(model);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("userForm") NewUserForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				UserView user = users.create(
						new UserManagement.NewUser(form.email(), form.displayName(), form.password(), form.roles()));
				redirect.addFlashAttribute("notice", "User " + user.email() + " created.");
				return "redirect:/admin/users";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, code -> code == ProblemCode.EMAIL_TAKEN ? "email" : null,
						Set.of("email", "displayName", "password", "roles"));
			}
		}
		return newForm(model);
	}

	@GetMapping("/{id}")
	String edit(@PathVariable UUID id, Model model) {
		UserView user = users.get(id);
		model.addAttribute("userForm", new EditUserForm(user.displayName(), Set.copyOf(user.roles()), user.enabled()));
		return editForm(user, model);
	}

	@PostMapping("/{id}")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("userForm") EditUserForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		Set<Role> roles = form.roles() == null ? Set.of() : form.roles();
		if (roles.isEmpty()) {
			errors.rejectValue("roles", "NotEmpty", "must name at least one role");
		}
		if (!errors.hasErrors()) {
			try {
				UserView user = users.update(id, new UserManagement.UserChange(form.displayName(), roles,
						Boolean.TRUE.equals(form.enabled()), null));
				redirect.addFlashAttribute("notice", "User " + user.email() + " saved.");
				return "redirect:/admin/users";
			}
			catch (CohortException ex) {
				if (ex.status().value() == 404) {
					throw ex;
				}
				FormErrors.reject(ex, errors, field -> switch (field) {
					case "display_name" -> "displayName";
					case "roles" -> "roles";
					default -> null;
				});
			}
		}
		return editForm(users.get(id), model);
	}

	/**
	 * Enables or disables a user; answers htmx with the new table row, other browsers
	 * with the list.
	 */
	@PostMapping("/{id}/enabled")
	String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect) {
		String error = null;
		UserView user;
		try {
			user = users.update(id, new UserManagement.UserChange(null, null, enabled, null));
		}
		catch (CohortException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			error = ex.getMessage();
			user = users.get(id);
		}
		if (htmx == null) {
			redirect.addFlashAttribute(error == null ? "notice" : "problem",
					error == null ? "User " + user.email() + (user.enabled() ? " enabled." : " disabled.") : error);
			return "redirect:/admin/users";
		}
		model.addAttribute("user", user);
		model.addAttribute("me", CurrentActor.require().id());
		model.addAttribute("rowError", error);
		return "admin/user-row :: row";
	}

	private String newForm(Model model) {
		model.addAttribute("allRoles", TENANT_ROLES);
		return "admin/user-new";
	}

	private String editForm(UserView user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("allRoles", TENANT_ROLES);
		return "admin/user-edit";
	}

}
