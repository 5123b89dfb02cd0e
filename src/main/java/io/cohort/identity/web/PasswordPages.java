package io.cohort.identity.web;

import java.util.Set;

import io.cohort.identity.PasswordResets;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import io.cohort.system.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The forgotten-password pages, open to anyone: ask for a link (organisation and email,
 * the same answer whether or not the account exists), then choose a new password through
 * the mailed link ({@link PasswordResets}).
 */
@Controller
@RequestMapping("/password")
@PreAuthorize("permitAll()")
class PasswordPages {

	private final PasswordResets resets;

	PasswordPages(PasswordResets resets) {
		this.resets = resets;
	}

	/** Who forgot their password: the organisation (as on the login form) and email. */
	record ForgotForm(@Nullable @Size(max = 40) String tenant, @NotBlank(message = "is required") @Email(
			message = "is not an email address") @Size(max = 254) String email) {

		static ForgotForm empty() {
			return new ForgotForm("", "");
		}

	}

	/** The new password, typed twice, with the link's token. */
	record ResetForm(@NotBlank @Size(max = 100) String token, @NotBlank(message = "is required") String password,
			@NotBlank(message = "is required") String repeat) {

		static ResetForm of(String token) {
			return new ResetForm(token, "", "");
		}

	}

	@GetMapping("/forgot")
	String forgot(@RequestParam(required = false) @Nullable String tenant, Model model) {
		model.addAttribute("forgotForm", new ForgotForm(tenant == null ? "" : tenant, ""));
		return forgotPage(model);
	}

	@PostMapping("/forgot")
	String ask(@Valid @ModelAttribute("forgotForm") ForgotForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return forgotPage(model);
		}
		try {
			resets.request(form.tenant(), form.email(), request.getRemoteAddr());
		}
		catch (CohortException ex) {
			if (ex.code() != ProblemCode.TOO_MANY_RESET_REQUESTS && ex.code() != ProblemCode.PASSWORD_RESET_OFF) {
				throw ex;
			}
			response.setStatus(ex.status().value());
			if (ex.properties().get("retry_after") instanceof Number seconds) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
			}
			errors.reject(ex.code().code(), ex.getMessage());
			return forgotPage(model);
		}
		return "redirect:/password/forgot?sent";
	}

	@GetMapping("/reset")
	String resetForm(@RequestParam(required = false) @Nullable String token, Model model,
			HttpServletResponse response) {
		if (token == null || token.length() > 100 || !resets.linkWorks(token)) {
			return linkDead(response);
		}
		model.addAttribute("resetForm", ResetForm.of(token));
		return "password/reset";
	}

	@PostMapping("/reset")
	String reset(@Valid @ModelAttribute("resetForm") ResetForm form, BindingResult errors, Model model,
			HttpServletResponse response) {
		if (errors.hasFieldErrors("token")) {
			return linkDead(response);
		}
		if (!errors.hasFieldErrors("password") && !errors.hasFieldErrors("repeat")
				&& !form.password().equals(form.repeat())) {
			errors.rejectValue("repeat", "password-mismatch", "is not the same password");
		}
		if (!errors.hasErrors()) {
			try {
				resets.reset(form.token(), form.password());
				return "redirect:/login?reset";
			}
			catch (CohortException ex) {
				if (ex.code() == ProblemCode.INVALID_RESET_TOKEN) {
					return linkDead(response);
				}
				FormErrors.reject(ex, errors, Set.of("password"));
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return "password/reset";
	}

	private String forgotPage(Model model) {
		model.addAttribute("available", resets.available());
		model.addAttribute("validMinutes", resets.linkValidFor().toMinutes());
		return "password/forgot";
	}

	private static String linkDead(HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return "password/link-dead";
	}

}
