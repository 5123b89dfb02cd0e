package io.cohort.catalog;

import java.util.Map;
import java.util.Set;

/**
 * A course's life: drafted, published for scheduling, archived when no longer offered.
 */
public enum CourseStatus {

	DRAFT, PUBLISHED, ARCHIVED;

	private static final Map<CourseStatus, Set<CourseStatus>> NEXT = Map.of(DRAFT, Set.of(PUBLISHED, ARCHIVED),
			PUBLISHED, Set.of(ARCHIVED), ARCHIVED, Set.of(PUBLISHED));

	boolean canBecome(CourseStatus next) {
		return this == next || NEXT.get(this).contains(next);
	}

}
