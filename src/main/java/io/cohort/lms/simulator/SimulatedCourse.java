package io.cohort.lms.simulator;

/** A course of a simulated Moodle site. */
public record SimulatedCourse(long id, String idnumber, String shortname, String fullname) {
}
