package io.cohort.spreadsheets;

/**
 * What a CSV import creates.
 */
public enum ImportKind {

	LEARNERS, ENROLMENTS

}
