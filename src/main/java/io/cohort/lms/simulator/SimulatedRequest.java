package io.cohort.lms.simulator;

import java.util.Map;

/**
 * A web service call as the simulated site received it: the function and every parameter
 * but the token.
 */
public record SimulatedRequest(String function, Map<String, String> parameters) {
}
