package io.cohort.spreadsheets;

/**
 * Where an import job stands.
 */
public enum ImportStatus {

	QUEUED, RUNNING, DONE, FAILED;

	public boolean finished() {
		return this == DONE || this == FAILED;
	}

}
