package io.cohort.analytics;

import java.util.List;

/**
 * A learner's dropout risk (0–1), its top reasons, and the model version that gave it.
 */
record Score(double risk, List<Reason> reasons, String modelVersion) {
}
