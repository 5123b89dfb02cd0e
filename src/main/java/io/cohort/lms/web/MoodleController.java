package io.cohort.lms.web;

import java.util.UUID;

import io.cohort.lms.MoodleEnrolments;
import io.cohort.lms.MoodleSettingsManagement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Moodle settings and their connection test (ADMIN), and an enrolment as Moodle has it
 * (ADMIN, OPS).
 */
@RestController
class MoodleController {

	private final MoodleSettingsManagement settings;

	private final MoodleEnrolments enrolments;

	MoodleController(MoodleSettingsManagement settings, MoodleEnrolments enrolments) {
		this.settings = settings;
		this.enrolments = enrolments;
	}

	record UpdateMoodleSettings(@NotNull Boolean enabled, @NotBlank @Size(max = 300) String baseUrl,
			@Nullable @Size(max = 200) String token, @NotNull @Min(1) Long studentRoleId,
			@Nullable @Min(100) @Max(120_000) Integer timeoutMs) {
	}

	@GetMapping("/api/v1/settings/moodle")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<MoodleSettingsManagement.MoodleSettingsView> get() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(settings.get());
	}

	@PutMapping("/api/v1/settings/moodle")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<MoodleSettingsManagement.MoodleSettingsView> update(
			@Valid @RequestBody UpdateMoodleSettings request) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(settings.update(new MoodleSettingsManagement.SettingsChange(request.enabled(), request.baseUrl(),
					request.token(), request.studentRoleId(), request.timeoutMs())));
	}

	@PostMapping("/api/v1/settings/moodle/test")
	@PreAuthorize("hasRole('ADMIN')")
	MoodleSettingsManagement.ConnectionTest test() {
		return settings.test();
	}

	@GetMapping("/api/v1/lms/enrolments/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	MoodleEnrolments.MoodleEnrolmentView enrolment(@PathVariable UUID id) {
		return enrolments.get(id);
	}

}
