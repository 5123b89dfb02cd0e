package io.cohort.identity.web;

import java.util.List;
import java.util.UUID;

import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who am I: any authenticated caller, user or API key.
 */
@RestController
class MeController {

	private final TenantManagement tenants;

	MeController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	record Me(String kind, UUID id, String name, @Nullable TenantView tenant, List<Role> roles) {
	}

	@GetMapping("/api/v1/me")
	@PreAuthorize("isAuthenticated()")
	Me me() {
		CohortPrincipal principal = CurrentActor.require();
		TenantView tenant = principal.tenantId() == null ? null : tenants.find(principal.tenantId()).orElse(null);
		return new Me(principal.kind().name(), principal.id(), principal.name(), tenant,
				principal.roles().stream().sorted().toList());
	}

}
