package io.cohort.analytics;

import org.jspecify.annotations.Nullable;

/**
 * The steps of a run's ingestion, in order: the MOOC's paginated exports, then each
 * user's H5P answers, then the feature rows. The cursor of a paged step is the next page;
 * of the H5P step, the number of users done.
 */
public enum IngestionPhase {

	ENROLLMENTS("/course-enrollments-attributes/"), GRADES("/export/student-grades/"),
	PROGRESS("/export/student-progress/"), DISCUSSIONS("/export/student-discussions/"), H5P(null), FEATURES(null);

	private final @Nullable String path;

	IngestionPhase(@Nullable String path) {
		this.path = path;
	}

	/** The export's path for a course, for the paged steps. */
	@Nullable String path(String courseId) {
		return path == null ? null : path + courseId + "/";
	}

	IngestionPhase next() {
		return values()[ordinal() + 1];
	}

}
