package io.cohort.identity.web;

import java.net.URI;
import java.util.List;

import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants, for the platform admin.
 */
@RestController
@RequestMapping("/api/v1/platform/tenants")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class TenantController {

	private final TenantManagement tenants;

	TenantController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	/**
	 * A Singapore UEN: business (8 digits + letter), local company (9 digits + letter) or
	 * other entity (T/S/R, 2 digits, 2 letters, 4 digits, letter).
	 */
	record CreateTenant(
			@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}",
					message = "must be 2-40 lowercase letters, digits or hyphens") String slug,
			@NotBlank @Size(max = 200) String name,
			@NotBlank @Pattern(regexp = "(?i)\\d{8}[A-Z]|\\d{9}[A-Z]|[TSR]\\d{2}[A-Z]{2}\\d{4}[A-Z]",
					message = "is not a valid UEN") String uen,
			@Nullable @Size(max = 64) String timeZone, @NotBlank @Email @Size(max = 254) String adminEmail,
			@NotBlank @Size(max = 128) String adminPassword) {
	}

	@PostMapping
	ResponseEntity<TenantManagement.CreatedTenant> create(@Valid @RequestBody CreateTenant request) {
		TenantManagement.CreatedTenant created = tenants.create(new TenantManagement.NewTenant(request.slug(),
				request.name(), request.uen(), request.timeZone(), request.adminEmail(), request.adminPassword()));
		return ResponseEntity.created(URI.create("/api/v1/platform/tenants/" + created.tenant().id())).body(created);
	}

	@GetMapping
	List<TenantView> list() {
		return tenants.list();
	}

}
