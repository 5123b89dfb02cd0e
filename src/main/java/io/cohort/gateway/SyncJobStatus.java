package io.cohort.gateway;

/**
 * Where an outbound job stands: PENDING → RUNNING → SUCCEEDED, or RETRYING → … → DEAD; CANCELLED by an
 * operator.
 */
public enum SyncJobStatus {

	PENDING, RUNNING, SUCCEEDED, RETRYING, DEAD, CANCELLED;

	boolean finished() {
		return this == SUCCEEDED || this == DEAD || this == CANCELLED;
	}

}
