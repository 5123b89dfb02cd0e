package io.cohort.jobs;

/**
 * Where an outbound job stands: PENDING → RUNNING → SUCCEEDED, or RETRYING → … → DEAD;
 * CANCELLED by an operator, or by Cohort when it can no longer succeed (its run was
 * cancelled or deleted on the gateway, or the creation it depends on was cancelled).
 */
public enum JobStatus {

	PENDING, RUNNING, SUCCEEDED, RETRYING, DEAD, CANCELLED;

	boolean finished() {
		return this == SUCCEEDED || this == DEAD || this == CANCELLED;
	}

}
