package io.cohort.notification;

/**
 * A sender of one {@link Channel}: a port each channel implements once (email, SMS,
 * webhook). IN_APP needs none: the stored message is the delivery.
 */
public interface NotificationChannel {

	Channel channel();

	/**
	 * Whether this channel can send at all here (email without {@code spring.mail.host}
	 * cannot).
	 */
	default boolean enabled() {
		return true;
	}

	/** Why this channel cannot send, when it is not {@link #enabled()}. */
	default String offReason() {
		return channel() + " is off";
	}

	/**
	 * Sends one message to its recipient (an address, a number, the tenant's webhook URL,
	 * a browser's push subscription) from {@code sender} (the tenant's address, if it set
	 * one). Throws {@link Undeliverable} when the recipient is gone, anything else for a
	 * failure worth retrying.
	 */
	void send(Outgoing message) throws Exception;

	/**
	 * A message that can never be delivered (its recipient is gone): not retried, logged
	 * as SKIPPED with the reason.
	 */
	final class Undeliverable extends Exception {

		Undeliverable(String reason) {
			super(reason);
		}

	}

	/** One message on its way: its id (stable across retries) and its tenant. */
	record Outgoing(java.util.UUID id, java.util.UUID tenantId, String recipient,
			@org.jspecify.annotations.Nullable String sender, String subject, String text,
			@org.jspecify.annotations.Nullable String html) {
	}

}
