package io.cohort.notification;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A learner's channels per kind of message (a kind the learner never set has EMAIL and
 * IN_APP), and the guardian and employer contacts told of absences.
 */
public record NotificationPreferences(UUID learnerId, Map<NotificationKind, Set<Channel>> channels,
		List<NotificationContact> contacts) {

	public NotificationPreferences {
		contacts = List.copyOf(contacts);
	}

}
