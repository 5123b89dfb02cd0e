package io.cohort.analytics;

/**
 * One reason for a learner's risk: the feature behind it (a {@code raw_data} column), the
 * reason in words, and how much it weighs in the score.
 */
public record Reason(String feature, String text, double weight) {
}
