package io.cohort.scheduling;

import java.util.Map;
import java.util.Set;

/**
 * A class run's life. Cancelling is its own action ({@link ClassRunManagement#cancel}).
 */
public enum RunStatus {

	DRAFT, PUBLISHED, ONGOING, COMPLETED, CANCELLED;

	private static final Map<RunStatus, Set<RunStatus>> NEXT = Map.of(DRAFT, Set.of(PUBLISHED), PUBLISHED,
			Set.of(DRAFT, ONGOING), ONGOING, Set.of(COMPLETED), COMPLETED, Set.of(), CANCELLED, Set.of());

	boolean canBecome(RunStatus next) {
		return this == next || NEXT.get(this).contains(next);
	}

	/** Whether learners may hold seats in a run in this state. */
	public boolean takesEnrolments() {
		return this == PUBLISHED || this == ONGOING;
	}

}
