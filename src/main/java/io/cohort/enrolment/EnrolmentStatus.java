package io.cohort.enrolment;

/**
 * Where an enrolment stands.
 */
public enum EnrolmentStatus {

	CONFIRMED, WAITLISTED, WITHDRAWN, COMPLETED, CANCELLED;

	public boolean live() {
		return this == CONFIRMED || this == WAITLISTED;
	}

}
