package io.cohort.attendance;

import java.util.List;
import java.util.UUID;

/**
 * Records of one session were created or changed (unchanged records of a re-sent sheet
 * are not in it).
 */
public record AttendanceMarked(UUID tenantId, UUID sessionId, UUID classRunId, List<Mark> marks) {

	public AttendanceMarked {
		marks = List.copyOf(marks);
	}

	/** One created or changed record. */
	public record Mark(UUID attendanceId, UUID enrolmentId, UUID learnerId, AttendanceStatus status) {
	}

}
