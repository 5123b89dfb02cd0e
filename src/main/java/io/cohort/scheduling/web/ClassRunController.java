package io.cohort.scheduling.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import io.cohort.shared.PageView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Class runs and sessions: OPS and ADMIN schedule them; trainers and assessors read them;
 * anyone of the tenant sees the runs open for enrolment
 * ({@code /api/v1/sections/available}, seed 002's name).
 */
@RestController
class ClassRunController {

	private static final String MODE = "[1-9]";

	private final ClassRunManagement runs;

	ClassRunController(ClassRunManagement runs) {
		this.runs = runs;
	}

	record CreateRun(@NotBlank @Size(max = 50) String reference, @NotNull LocalDate startDate,
			@NotNull LocalDate endDate, @NotNull LocalDate registrationOpens, @NotNull LocalDate registrationCloses,
			@NotNull @Min(1) @Max(10000) Integer capacity,
			@NotNull @Pattern(regexp = MODE,
					message = "must be an SSG mode of training code, 1 to 9") String modeOfTraining,
			@Nullable @Size(max = 300) String venue, @Nullable Boolean inHouse, @Nullable Boolean waitlistEnabled,
			@Nullable RunStatus status,
			@Nullable @Pattern(regexp = "\\d{6}", message = "must be a six-digit postal code") String venuePostalCode,
			@Nullable @jakarta.validation.constraints.Email @Size(max = 254) String courseAdminEmail) {
	}

	record UpdateRun(@Nullable @Size(min = 1, max = 50) String reference, @Nullable LocalDate startDate,
			@Nullable LocalDate endDate, @Nullable LocalDate registrationOpens, @Nullable LocalDate registrationCloses,
			@Nullable @Min(1) @Max(10000) Integer capacity,
			@Nullable @Pattern(regexp = MODE,
					message = "must be an SSG mode of training code, 1 to 9") String modeOfTraining,
			@Nullable @Size(max = 300) String venue, @Nullable Boolean inHouse, @Nullable Boolean waitlistEnabled,
			@Nullable RunStatus status,
			@Nullable @Pattern(regexp = "\\d{6}", message = "must be a six-digit postal code") String venuePostalCode,
			@Nullable @jakarta.validation.constraints.Email @Size(max = 254) String courseAdminEmail) {
	}

	record CancelRun(@NotBlank @Size(max = 500) String reason) {
	}

	record CreateSession(@NotNull LocalDate date, @NotNull LocalTime startTime, @NotNull LocalTime endTime,
			@Nullable @Pattern(regexp = MODE,
					message = "must be an SSG mode of training code, 1 to 9") String modeOfTraining,
			@Nullable UUID trainerId, @Nullable @Size(max = 300) String venue) {
	}

	record UpdateSession(@Nullable LocalDate date, @Nullable LocalTime startTime, @Nullable LocalTime endTime,
			@Nullable UUID trainerId, @Nullable @Size(max = 300) String venue) {
	}

	@Operation(summary = "Schedule a class run of a course")
	@PostMapping("/api/v1/courses/{courseId}/runs")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<ClassRunView> schedule(@PathVariable UUID courseId, @Valid @RequestBody CreateRun request) {
		ClassRunView run = runs.schedule(courseId,
				new ClassRunManagement.NewRun(request.reference(), request.startDate(), request.endDate(),
						request.registrationOpens(), request.registrationCloses(), request.capacity(),
						request.modeOfTraining(), request.venue(), Boolean.TRUE.equals(request.inHouse()),
						Boolean.TRUE.equals(request.waitlistEnabled()), request.status(), request.venuePostalCode(),
						request.courseAdminEmail()));
		return ResponseEntity.created(URI.create("/api/v1/runs/" + run.id())).body(run);
	}

	@Operation(summary = "List class runs")
	@GetMapping("/api/v1/runs")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	PageView<ClassRunView> list(@RequestParam(name = "course_id", required = false) @Nullable UUID courseId,
			@RequestParam(required = false) @Nullable RunStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return runs.list(courseId, status, page, size);
	}

	@Operation(summary = "Get a class run with its seats")
	@GetMapping("/api/v1/runs/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	ClassRunManagement.RunDetail get(@PathVariable UUID id) {
		return runs.detail(id);
	}

	@Operation(summary = "Change a class run")
	@PatchMapping("/api/v1/runs/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ClassRunView update(@PathVariable UUID id, @Valid @RequestBody UpdateRun request) {
		return runs.update(id,
				new ClassRunManagement.RunChange(request.reference(), request.startDate(), request.endDate(),
						request.registrationOpens(), request.registrationCloses(), request.capacity(),
						request.modeOfTraining(), request.venue(), request.inHouse(), request.waitlistEnabled(),
						request.status(), request.venuePostalCode(), request.courseAdminEmail()));
	}

	@Operation(summary = "Cancel a class run")
	@PostMapping("/api/v1/runs/{id}/cancel")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ClassRunView cancel(@PathVariable UUID id, @Valid @RequestBody CancelRun request) {
		return runs.cancel(id, request.reason());
	}

	@Operation(summary = "Add a session to a class run")
	@PostMapping("/api/v1/runs/{id}/sessions")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<SessionView> addSession(@PathVariable UUID id, @Valid @RequestBody CreateSession request) {
		SessionView session = runs.addSession(id, new ClassRunManagement.NewSession(request.date(), request.startTime(),
				request.endTime(), request.modeOfTraining(), request.trainerId(), request.venue()));
		return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.id())).body(session);
	}

	@Operation(summary = "List a class run's sessions")
	@GetMapping("/api/v1/runs/{id}/sessions")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	List<SessionView> sessions(@PathVariable UUID id) {
		return runs.sessions(id);
	}

	@Operation(summary = "Change a session: its date, times, trainer or venue")
	@PatchMapping("/api/v1/sessions/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	SessionView updateSession(@PathVariable UUID id, @Valid @RequestBody UpdateSession request) {
		return runs.updateSession(id, new ClassRunManagement.SessionChange(request.date(), request.startTime(),
				request.endTime(), request.trainerId(), request.venue()));
	}

	@Operation(summary = "List the runs open for registration")
	@GetMapping("/api/v1/sections/available")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR', 'LEARNER')")
	List<ClassRunView> available() {
		return runs.available();
	}

}
