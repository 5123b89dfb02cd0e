package io.cohort.learners;

import java.util.UUID;

/**
 * A learner profile was created.
 */
public record LearnerRegistered(UUID tenantId, UUID learnerId) {
}
