package io.cohort.identity.web;

import io.cohort.identity.Logins;
import io.cohort.identity.TokenPair;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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
 * Login, token refresh and logout. Open to anyone; throttled and audited.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

	private final Logins logins;

	AuthController(Logins logins) {
		this.logins = logins;
	}

	/** Credentials; {@code tenant} is left out by the platform admin. */
	record LoginRequest(@Nullable @Size(max = 40) String tenant, @NotBlank @Size(max = 254) String email,
			@NotBlank @Size(max = 128) String password, @Nullable @Size(max = 16) String totpCode,
			@Nullable @Size(max = 32) String recoveryCode) {
	}

	record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
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

	private static ResponseEntity<TokenPair> noStore(TokenPair pair) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(pair);
	}

}
