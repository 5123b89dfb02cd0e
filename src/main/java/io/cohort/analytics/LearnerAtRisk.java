package io.cohort.analytics;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A learner's dropout risk crossed the tenant's threshold in a run still under way;
 * raised once per run and learner. The tenant travels in the event, so a listener can act
 * after commit on any thread.
 */
public record LearnerAtRisk(UUID tenantId, UUID runId, long moocUserId, @Nullable UUID learnerId, String learnerName,
		double risk, List<String> reasons, String modelVersion) {
}
