package io.cohort.assessment;

import java.util.UUID;

/**
 * An assessment was voided; the enrolment has no active result for the module until a new
 * one is recorded.
 */
public record AssessmentVoided(UUID tenantId, UUID assessmentId, UUID enrolmentId, UUID classRunId, UUID learnerId,
		UUID moduleId, String reason) {
}
