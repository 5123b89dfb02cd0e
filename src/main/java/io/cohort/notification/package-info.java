/**
 * Learner notifications: enrolment and absence alerts, sent once per learner, kind and
 * subject matter on the channels the learner chose (email, in-app, SMS, the tenant's
 * signed webhook), after the change that caused them has committed.
 */
@NullMarked
package io.cohort.notification;

import org.jspecify.annotations.NullMarked;
