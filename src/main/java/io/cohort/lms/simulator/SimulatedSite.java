package io.cohort.lms.simulator;

/**
 * A simulated Moodle site: its name (the path segment after {@code /simulators/moodle/})
 * and its token.
 */
public record SimulatedSite(String name, String token) {

	@Override
	public String toString() {
		return "SimulatedSite[name=" + name + ", token=***]";
	}

}
