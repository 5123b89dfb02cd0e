package io.cohort.attendance;

/**
 * How a learner attended a session. PRESENT and LATE count as attended hours.
 */
public enum AttendanceStatus {

	PRESENT, ABSENT, LATE, EXCUSED;

	public boolean attended() {
		return this == PRESENT || this == LATE;
	}

}
