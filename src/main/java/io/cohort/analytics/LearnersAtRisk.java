package io.cohort.analytics;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The learners of one run whose dropout risk crossed the tenant's threshold in one
 * recomputation of the run's feature rows, while the run is under way; each learner is
 * raised once per run. One event a recomputation, not one a learner, so that the first
 * scoring of a large cohort is one publication and one listener call. The tenant travels
 * in the event, so a listener can act after commit on any thread.
 */
public record LearnersAtRisk(UUID tenantId, UUID runId, String modelVersion, List<Learner> learners) {

	/**
	 * One learner at risk: the MOOC user, the learner when matched, the risk and its
	 * reasons in words.
	 */
	public record Learner(long moocUserId, @Nullable UUID learnerId, String name, double risk, List<String> reasons) {
	}

}
