package io.cohort.lms.simulator;

/** A user enrolled in a course of a simulated Moodle site, with a role. */
public record SimulatedEnrolment(long userId, long courseId, long roleId) {
}
