package io.cohort.jobs.web;

import java.util.List;
import java.util.Map;

import io.cohort.jobs.EventPublications;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's events still waiting for a durable listener, and their resubmission
 * (ADMIN).
 */
@RestController
@RequestMapping("/api/v1/events/incomplete")
@PreAuthorize("hasRole('ADMIN')")
class EventController {

	private final EventPublications publications;

	EventController(EventPublications publications) {
		this.publications = publications;
	}

	@GetMapping
	List<EventPublications.IncompletePublication> incomplete() {
		return publications.incomplete();
	}

	@PostMapping("/resubmit")
	Map<String, Integer> resubmit() {
		return Map.of("resubmitted", publications.resubmitMine());
	}

}
