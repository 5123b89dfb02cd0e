package io.cohort.assessment;

import java.util.UUID;

/**
 * A new result was recorded for an enrolment and module (version 1).
 */
public record AssessmentRecorded(UUID tenantId, UUID assessmentId, UUID enrolmentId, UUID classRunId, UUID learnerId,
		UUID moduleId, AssessmentResult result) {
}
