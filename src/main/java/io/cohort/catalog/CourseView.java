package io.cohort.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A course with its modules in order, and its list price when it has one.
 */
public record CourseView(UUID id, String code, String title, String description, @Nullable String ssgCourseRef,
		CourseStatus status, List<ModuleView> modules, BigDecimal totalHours, Instant createdAt, Instant updatedAt,
		@Nullable BigDecimal price) {

	public CourseView {
		modules = List.copyOf(modules);
	}

	/** One module of a course. */
	public record ModuleView(UUID id, int position, String code, String title, BigDecimal hours) {
	}

}
