package io.cohort.notification;

/**
 * What a message to a learner is about.
 */
public enum NotificationKind {

	ENROLMENT_CONFIRMED, ENROLMENT_WAITLISTED, WAITLIST_PROMOTED, ENROLMENT_WITHDRAWN, ABSENCE_RECORDED

}
