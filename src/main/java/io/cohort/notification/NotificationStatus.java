package io.cohort.notification;

/**
 * Where a message stands: PENDING (due, or to be retried), SENT, SKIPPED (its channel is
 * off) or DEAD (retries exhausted).
 */
public enum NotificationStatus {

	PENDING, SENT, SKIPPED, DEAD

}
