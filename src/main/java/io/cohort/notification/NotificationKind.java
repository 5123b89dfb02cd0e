package io.cohort.notification;

/**
 * What a message is about: to a learner, or (the {@link #staff()} kinds) to the tenant's
 * OPS users (and, for a learner at risk, the run's trainers), always by email and in-app.
 */
public enum NotificationKind {

	ENROLMENT_CONFIRMED, ENROLMENT_WAITLISTED, WAITLIST_PROMOTED, ENROLMENT_WITHDRAWN, ABSENCE_RECORDED,
	ATTENDANCE_BELOW_THRESHOLD, ATTENDANCE_THRESHOLD_UNREACHABLE, CERTIFICATE_ISSUED, COMPLIANCE_DEADLINE_DUE_SOON,
	COMPLIANCE_DEADLINE_OVERDUE, DEAD_LETTER, JOB_PAST_DEADLINE, LEARNER_AT_RISK;

	/** Whether it goes to staff rather than a learner (no learner preferences). */
	public boolean staff() {
		return this == COMPLIANCE_DEADLINE_DUE_SOON || this == COMPLIANCE_DEADLINE_OVERDUE || this == DEAD_LETTER
				|| this == JOB_PAST_DEADLINE || this == LEARNER_AT_RISK;
	}

}
