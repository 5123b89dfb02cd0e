/**
 * The notification API: a learner's in-app messages, channel preferences, tenant settings
 * and the delivery log.
 */
@NullMarked
package io.cohort.notification.web;

import org.jspecify.annotations.NullMarked;
