package io.cohort.assessment;

import java.util.UUID;

/**
 * An assessment got a new version.
 */
public record AssessmentUpdated(UUID tenantId, UUID assessmentId, UUID enrolmentId, UUID classRunId, UUID learnerId,
		UUID moduleId, int version, AssessmentResult previousResult, AssessmentResult result) {
}
