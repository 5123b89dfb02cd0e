package io.cohort.identity.web;

import io.cohort.identity.Logins;
import io.cohort.identity.PasswordResets;
import io.cohort.identity.TokenPair;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login, token refresh and logout, and forgotten passwords. Open to anyone; throttled and
 * audited.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

	private final Logins logins;

	private final PasswordResets resets;

	AuthController(Logins logins, PasswordResets resets) {
		this.logins = logins;
		this.resets = resets;
	}

	/** Credentials; {@code tenant} is left out by the platform admin. */
	record LoginRequest(@Nullable @Size(max = 40) String tenant, @NotBlank @Size(max = 254) String email,
			@NotBlank @Size(max = 128) String password, @Nullable @Size(max = 16) String totpCode,
			@Nullable @Size(max = 32) String recoveryCode) {
	}

	record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
	}

	/** Who forgot their password; {@code tenant} as at login. */
	record ForgotRequest(@Nullable @Size(max = 40) String tenant, @NotBlank @Email @Size(max = 254) String email) {
	}

	/** The answer to every accepted request, whether or not the account exists. */
	record ForgotAnswer(String message) {

		static final ForgotAnswer SAME = new ForgotAnswer(
				"If an account with this email exists in the organisation, a link to choose a new password is on its way.");

	}

	/** The mailed link's token and the new password. */
	record ResetRequest(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 128) String password) {
	}

	@Operation(summary = "Sign in: an access and a refresh token")
	@PostMapping("/login")
	ResponseEntity<TokenPair> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		return noStore(logins.login(request.tenant(), request.email(), request.password(), request.totpCode(),
				request.recoveryCode(), http.getRemoteAddr()));
	}

	@Operation(summary = "Exchange a refresh token for new tokens")
	@PostMapping("/refresh")
	ResponseEntity<TokenPair> refresh(@Valid @RequestBody RefreshRequest request) {
		return noStore(logins.refresh(request.refreshToken()));
	}

	@Operation(summary = "Sign out: revoke a refresh token")
	@PostMapping("/logout")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
		logins.logout(request.refreshToken());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Forgot password: mail a reset link",
			description = "Answers 202 with the same body whether or not the account exists; an existing, enabled "
					+ "account gets a mail with a link that works once, for 30 minutes. Limited per client address "
					+ "and per account (429 with Retry-After).")
	@PostMapping("/password/forgot")
	ResponseEntity<ForgotAnswer> forgot(@Valid @RequestBody ForgotRequest request, HttpServletRequest http) {
		resets.request(request.tenant(), request.email(), http.getRemoteAddr());
		return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(ForgotAnswer.SAME);
	}

	@Operation(summary = "Choose a new password with a reset link's token",
			description = "The token works once, for 30 minutes; the password follows the password rules. On success "
					+ "every refresh token, web session and access token of the user ends.")
	@PostMapping("/password/reset")
	ResponseEntity<Void> reset(@Valid @RequestBody ResetRequest request) {
		resets.reset(request.token(), request.password());
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<TokenPair> noStore(TokenPair pair) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(pair);
	}

}
