package io.cohort.notification;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A learner's guardian or employer and the channels (EMAIL, SMS) on which they hear of
 * the learner's absences; none: not opted in.
 */
public record NotificationContact(Role role, String name, String email, @Nullable String phone, Set<Channel> channels) {

	/** Who the contact is to the learner. */
	public enum Role {

		GUARDIAN, EMPLOYER

	}

	public NotificationContact {
		channels = Set.copyOf(channels);
	}

}
