package io.cohort.identity.web;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import io.cohort.identity.Role;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.shared.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's users (ADMIN only).
 */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class UserController {

	private final UserManagement users;

	UserController(UserManagement users) {
		this.users = users;
	}

	record CreateUser(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String displayName,
			@NotBlank @Size(max = 128) String password, @NotEmpty Set<@NotNull Role> roles) {
	}

	record UpdateUser(@Nullable @Size(min = 1, max = 200) String displayName, @Nullable Set<@NotNull Role> roles,
			@Nullable Boolean enabled, @Nullable @Size(max = 128) String password) {
	}

	@GetMapping
	PageView<UserView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return users.list(page, size);
	}

	@GetMapping("/{id}")
	UserView get(@PathVariable UUID id) {
		return users.get(id);
	}

	@PostMapping
	ResponseEntity<UserView> create(@Valid @RequestBody CreateUser request) {
		UserView user = users.create(new UserManagement.NewUser(request.email(), request.displayName(),
				request.password(), request.roles()));
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
	}

	@PatchMapping("/{id}")
	UserView update(@PathVariable UUID id, @Valid @RequestBody UpdateUser request) {
		return users.update(id, new UserManagement.UserChange(request.displayName(), request.roles(), request.enabled(),
				request.password()));
	}

}
