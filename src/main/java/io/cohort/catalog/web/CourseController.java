package io.cohort.catalog.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.catalog.CourseView;
import io.cohort.shared.PageView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Courses and their modules: OPS and ADMIN change them; trainers and assessors read them.
 */
@RestController
@RequestMapping("/api/v1/courses")
class CourseController {

	private final CourseManagement courses;

	CourseController(CourseManagement courses) {
		this.courses = courses;
	}

	record ModuleRequest(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 200) String title,
			@NotNull @DecimalMin(value = "0.25") @DecimalMax("999") BigDecimal hours) {
	}

	record CreateCourse(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 200) String title,
			@Nullable @Size(max = 5000) String description, @Nullable @Size(max = 20) String ssgCourseRef,
			@Nullable @Size(max = 100) List<@Valid @NotNull ModuleRequest> modules) {
	}

	record UpdateCourse(@Nullable @Size(min = 1, max = 50) String code,
			@Nullable @Size(min = 1, max = 200) String title, @Nullable @Size(max = 5000) String description,
			@Nullable @Size(max = 20) String ssgCourseRef, @Nullable CourseStatus status) {
	}

	record UpdateModule(@Nullable @Size(min = 1, max = 200) String title,
			@Nullable @DecimalMin(value = "0.25") @DecimalMax("999") BigDecimal hours,
			@Nullable @Min(1) Integer position) {
	}

	@Operation(summary = "Create a course")
	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<CourseView> create(@Valid @RequestBody CreateCourse request) {
		CourseView course = courses.create(new CourseManagement.NewCourse(request.code(), request.title(),
				request.description(), request.ssgCourseRef(), request.modules() == null ? List.of()
						: request.modules().stream().map(CourseController::module).toList()));
		return ResponseEntity.created(URI.create("/api/v1/courses/" + course.id())).body(course);
	}

	@Operation(summary = "List courses")
	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	PageView<CourseView> list(@RequestParam(required = false) @Nullable CourseStatus status,
			@RequestParam(required = false) @Nullable @Size(max = 100) String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return courses.list(status, q, page, size);
	}

	@Operation(summary = "Get a course")
	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	CourseView get(@PathVariable UUID id) {
		return courses.get(id);
	}

	@Operation(summary = "Change a course")
	@PatchMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	CourseView update(@PathVariable UUID id, @Valid @RequestBody UpdateCourse request) {
		return courses.update(id, new CourseManagement.CourseChange(request.code(), request.title(),
				request.description(), request.ssgCourseRef(), request.status()));
	}

	@Operation(summary = "List a course's modules")
	@GetMapping("/{id}/modules")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	List<CourseView.ModuleView> modules(@PathVariable UUID id) {
		return courses.get(id).modules();
	}

	@Operation(summary = "Add a module to a course")
	@PostMapping("/{id}/modules")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<CourseView> addModule(@PathVariable UUID id, @Valid @RequestBody ModuleRequest request) {
		return ResponseEntity.status(201).body(courses.addModule(id, module(request)));
	}

	@Operation(summary = "Change a module")
	@PatchMapping("/{id}/modules/{moduleId}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	CourseView updateModule(@PathVariable UUID id, @PathVariable UUID moduleId,
			@Valid @RequestBody UpdateModule request) {
		return courses.updateModule(id, moduleId,
				new CourseManagement.ModuleChange(request.title(), request.hours(), request.position()));
	}

	@Operation(summary = "Remove a module")
	@DeleteMapping("/{id}/modules/{moduleId}")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	CourseView removeModule(@PathVariable UUID id, @PathVariable UUID moduleId) {
		return courses.removeModule(id, moduleId);
	}

	private static CourseManagement.NewModule module(ModuleRequest request) {
		return new CourseManagement.NewModule(request.code(), request.title(), request.hours());
	}

}
