package io.cohort.analytics.simulator;

/**
 * A learner the simulator's cohort should contain (matched in Cohort by email), or one it
 * generated.
 */
public record SimulatedLearner(String email, String fullName) {
}
