package io.cohort.gateway.web;

import java.util.UUID;

import io.cohort.gateway.CourseRegistry;
import io.cohort.system.CohortException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A course's SSG reference as TPGateway's course registry lists it: its title and status
 * there (OPS, ADMIN).
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class CourseRegistryController {

	private final CourseRegistry registry;

	CourseRegistryController(CourseRegistry registry) {
		this.registry = registry;
	}

	/** The registry's last answer; 404 until it was asked. */
	@GetMapping("/api/v1/gateway/courses/{id}/registry")
	CourseRegistry.Listing last(@PathVariable UUID id) {
		return registry.last(id).orElseThrow(() -> CohortException.notFound("registry answer for course", id));
	}

	/** Asks the registry now. */
	@PostMapping("/api/v1/gateway/courses/{id}/registry")
	CourseRegistry.Listing check(@PathVariable UUID id) {
		return registry.check(id);
	}

}
