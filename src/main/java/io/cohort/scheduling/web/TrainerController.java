package io.cohort.scheduling.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.scheduling.TrainerView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trainers (OPS and ADMIN manage them) and a trainer's own sessions.
 */
@RestController
class TrainerController {

	private final TrainerManagement trainers;

	TrainerController(TrainerManagement trainers) {
		this.trainers = trainers;
	}

	record CreateTrainer(@NotBlank @Size(max = 200) String fullName, @NotBlank @Email @Size(max = 254) String email,
			@Nullable UUID userId) {
	}

	@Operation(summary = "Create a trainer")
	@PostMapping("/api/v1/trainers")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<TrainerView> create(@Valid @RequestBody CreateTrainer request) {
		TrainerView trainer = trainers
			.create(new TrainerManagement.NewTrainer(request.fullName(), request.email(), request.userId()));
		return ResponseEntity.created(URI.create("/api/v1/trainers/" + trainer.id())).body(trainer);
	}

	@Operation(summary = "List trainers")
	@GetMapping("/api/v1/trainers")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'ASSESSOR')")
	List<TrainerView> list() {
		return trainers.list();
	}

	@Operation(summary = "Get a trainer")
	@GetMapping("/api/v1/trainers/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'ASSESSOR')")
	TrainerView get(@PathVariable UUID id) {
		return trainers.get(id);
	}

	@Operation(summary = "List a trainer's sessions from today on")
	@GetMapping("/api/v1/trainers/{id}/sessions")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	List<SessionView> sessions(@PathVariable UUID id) {
		return trainers.sessionsOf(id);
	}

	@Operation(summary = "List the calling trainer's sessions")
	@GetMapping("/api/v1/trainers/me/sessions")
	@PreAuthorize("hasRole('TRAINER')")
	List<SessionView> mySessions() {
		return trainers.mySessions();
	}

}
