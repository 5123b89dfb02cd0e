package io.cohort.learners.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.IdType;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
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
 * Learners: OPS and ADMIN manage them; a LEARNER sees their own profile; only ADMIN
 * reveals a national id.
 */
@RestController
@RequestMapping("/api/v1/learners")
class LearnerController {

	private static final String PHONE = "\\+?[0-9 ()-]{6,20}";

	private final LearnerManagement learners;

	LearnerController(LearnerManagement learners) {
		this.learners = learners;
	}

	record CreateLearner(@NotBlank @Size(max = 200) String fullName, @NotBlank @Email @Size(max = 254) String email,
			@Nullable @Pattern(regexp = PHONE, message = "must be a phone number") String phone, @NotNull IdType idType,
			@NotBlank @Size(max = 20) String nationalId, @Nullable LocalDate dateOfBirth, @Nullable Boolean consent,
			@Nullable UUID userId) {
	}

	record UpdateLearner(@Nullable @Size(min = 1, max = 200) String fullName,
			@Nullable @Email @Size(max = 254) String email,
			@Nullable @Pattern(regexp = PHONE, message = "must be a phone number") String phone,
			@Nullable IdType idType, @Nullable @Size(min = 1, max = 20) String nationalId,
			@Nullable LocalDate dateOfBirth, @Nullable Boolean consent, @Nullable UUID userId) {
	}

	@Operation(summary = "Register a learner")
	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<LearnerView> register(@Valid @RequestBody CreateLearner request) {
		LearnerView learner = learners.register(new LearnerManagement.NewLearner(request.fullName(), request.email(),
				request.phone(), request.idType(), request.nationalId(), request.dateOfBirth(),
				Boolean.TRUE.equals(request.consent()), request.userId()));
		return ResponseEntity.created(URI.create("/api/v1/learners/" + learner.id())).body(learner);
	}

	@Operation(summary = "Search learners")
	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	PageView<LearnerView> list(@RequestParam(required = false) @Nullable @Size(max = 100) String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return learners.list(q, page, size);
	}

	@Operation(summary = "Get the calling learner's profile")
	@GetMapping("/me")
	@PreAuthorize("hasRole('LEARNER')")
	LearnerView me() {
		return learners.me()
			.orElseThrow(() -> new CohortException(ProblemCode.NO_LEARNER_PROFILE,
					"Your account is not linked to a learner profile"));
	}

	@Operation(summary = "Get a learner (national id masked)")
	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	LearnerView get(@PathVariable UUID id) {
		return learners.get(id);
	}

	@Operation(summary = "Change a learner")
	@PatchMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	LearnerView update(@PathVariable UUID id, @Valid @RequestBody UpdateLearner request) {
		return learners.update(id,
				new LearnerManagement.LearnerChange(request.fullName(), request.email(), request.phone(),
						request.idType(), request.nationalId(), request.dateOfBirth(), request.consent(),
						request.userId()));
	}

	@Operation(summary = "Reveal a learner's national id (audited)")
	@PostMapping("/{id}/national-id/reveal")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Map<String, String>> reveal(@PathVariable UUID id) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(Map.of("national_id", learners.revealNationalId(id)));
	}

}
