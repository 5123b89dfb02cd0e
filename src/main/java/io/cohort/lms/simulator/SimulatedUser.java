package io.cohort.lms.simulator;

/** A user of a simulated Moodle site. */
public record SimulatedUser(long id, String username, String email, String idnumber, String firstname,
		String lastname) {
}
