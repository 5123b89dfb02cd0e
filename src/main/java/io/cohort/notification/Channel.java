package io.cohort.notification;

/**
 * A way a message reaches a learner, or the tenant's own systems (WEBHOOK: every message,
 * signed, to the URL the tenant set). PUSH goes to every browser the learner subscribed.
 */
public enum Channel {

	EMAIL, IN_APP, SMS, WEBHOOK, PUSH

}
