package io.cohort.gateway.web;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobStatus;
import io.cohort.jobs.JobQueue;
import java.util.List;
import java.util.UUID;

import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.shared.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * TPGateway settings (ADMIN); its jobs are in the shared job views
 * ({@code /api/v1/jobs}).
 */
@RestController
class GatewayController {

	private final GatewaySettingsManagement settings;

	GatewayController(GatewaySettingsManagement settings) {
		this.settings = settings;
	}

	record UpdateGatewaySettings(@NotNull Boolean enabled, @NotBlank @Size(max = 300) String baseUrl,
			@NotBlank @Size(max = 10) String uen, @Nullable @Size(max = 100) String encryptionKey,
			@NotNull GatewaySettingsManagement.AuthMode authMode, @Nullable @Size(max = 300) String oauthTokenUrl,
			@Nullable @Size(max = 200) String oauthClientId, @Nullable @Size(max = 500) String oauthClientSecret,
			@Nullable @Size(max = 100_000) String keystoreBase64, @Nullable @Size(max = 200) String keystorePassword,
			@Nullable @Size(max = 20) String apiVersion, @Nullable @Min(100) @Max(120_000) Integer timeoutMs) {
	}

	@GetMapping("/api/v1/settings/gateway")
	@PreAuthorize("hasRole('ADMIN')")
	GatewaySettingsManagement.GatewaySettingsView get() {
		return settings.get();
	}

	@PutMapping("/api/v1/settings/gateway")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<GatewaySettingsManagement.GatewaySettingsView> update(
			@Valid @RequestBody UpdateGatewaySettings request) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(settings.update(new GatewaySettingsManagement.SettingsChange(request.enabled(), request.baseUrl(),
					request.uen(), request.encryptionKey(), request.authMode(), request.oauthTokenUrl(),
					request.oauthClientId(), request.oauthClientSecret(), request.keystoreBase64(),
					request.keystorePassword(), request.apiVersion(), request.timeoutMs())));
	}

}
