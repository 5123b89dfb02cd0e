package io.cohort.spreadsheets;

/**
 * What became of one row of an import: SKIPPED rows were blank.
 */
public enum RowOutcome {

	CREATED, DUPLICATE, INVALID, SKIPPED

}
