package io.cohort.identity.web;

import java.util.List;
import java.util.UUID;

import io.cohort.identity.SecondFactorManagement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's second factor (TOTP: enrol, confirm, remove) and the tenant's security
 * settings (ADMIN). The secret and the recovery codes are shown once and never stored in
 * the clear.
 */
@RestController
class SecondFactorController {

	private final SecondFactorManagement secondFactors;

	SecondFactorController(SecondFactorManagement secondFactors) {
		this.secondFactors = secondFactors;
	}

	record Confirm(@NotBlank @Size(max = 16) String code) {
	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

	record SecuritySettingsChange(@NotNull Boolean requireTotpForAdmins) {
	}

	@PostMapping("/api/v1/me/totp")
	@PreAuthorize("isAuthenticated() and !hasRole('INTEGRATION')")
	ResponseEntity<SecondFactorManagement.Enrolment> start() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(secondFactors.start());
	}

	@PostMapping("/api/v1/me/totp/confirm")
	@PreAuthorize("isAuthenticated() and !hasRole('INTEGRATION')")
	ResponseEntity<RecoveryCodes> confirm(@Valid @RequestBody Confirm request) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new RecoveryCodes(secondFactors.confirm(request.code())));
	}

	/** What proves the caller still holds the second factor it removes. */
	record Removal(@Nullable @Size(max = 16) String code, @Nullable @Size(max = 64) String recoveryCode) {
	}

	@DeleteMapping("/api/v1/me/totp")
	@PreAuthorize("isAuthenticated() and !hasRole('INTEGRATION')")
	ResponseEntity<Void> remove(@Valid @RequestBody(required = false) @Nullable Removal removal) {
		secondFactors.disable(removal == null ? null : removal.code(), removal == null ? null : removal.recoveryCode());
		return ResponseEntity.noContent().build();
	}

	/** An admin resets another user's second factor (a lost device). */
	@DeleteMapping("/api/v1/users/{id}/totp")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Void> reset(@PathVariable UUID id) {
		secondFactors.reset(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/settings/security")
	@PreAuthorize("hasRole('ADMIN')")
	SecondFactorManagement.SecuritySettings settings() {
		return secondFactors.settings();
	}

	@PutMapping("/api/v1/settings/security")
	@PreAuthorize("hasRole('ADMIN')")
	SecondFactorManagement.SecuritySettings updateSettings(@Valid @RequestBody SecuritySettingsChange request) {
		return secondFactors
			.updateSettings(new SecondFactorManagement.SecuritySettings(request.requireTotpForAdmins()));
	}

}
