package io.cohort.notification;

/**
 * A way a message reaches a learner. WEBHOOK is reserved: no sender implements it yet.
 */
public enum Channel {

	EMAIL, IN_APP, SMS, WEBHOOK

}
