package io.cohort.shared;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who did something: a user, an integration's API key, the system itself, or an anonymous
 * caller.
 *
 * @param type what kind of actor
 * @param id the user's or API key's id, absent for the system and anonymous callers
 * @param label a human-readable name (an email, a key name), never a secret
 */
public record ActorRef(Type type, @Nullable String id, String label) {

	public enum Type {

		USER, API_KEY, SYSTEM, ANONYMOUS

	}

	public ActorRef {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(label, "label");
	}

	public static ActorRef system() {
		return new ActorRef(Type.SYSTEM, null, "system");
	}

	public static ActorRef anonymous(String label) {
		return new ActorRef(Type.ANONYMOUS, null, label);
	}

}
