package io.cohort.identity.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.cohort.identity.ApiKeyManagement;
import io.cohort.identity.ApiKeyView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's integration API keys (ADMIN only). A key's secret is shown once, at
 * creation.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeyController {

	private final ApiKeyManagement keys;

	ApiKeyController(ApiKeyManagement keys) {
		this.keys = keys;
	}

	record CreateApiKey(@NotBlank @Size(max = 100) String name) {
	}

	@PostMapping
	ResponseEntity<ApiKeyManagement.IssuedApiKey> create(@Valid @RequestBody CreateApiKey request) {
		ApiKeyManagement.IssuedApiKey key = keys.create(request.name());
		return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id()))
			.cacheControl(CacheControl.noStore())
			.body(key);
	}

	@GetMapping
	List<ApiKeyView> list() {
		return keys.list();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable UUID id) {
		keys.revoke(id);
		return ResponseEntity.noContent().build();
	}

}
