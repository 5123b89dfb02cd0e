package io.cohort.notification;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A learner's channels per kind of message; a kind the learner never set has EMAIL and
 * IN_APP.
 */
public record NotificationPreferences(UUID learnerId, Map<NotificationKind, Set<Channel>> channels) {
}
