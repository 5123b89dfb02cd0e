package io.cohort.notification;

/**
 * A sender of one {@link Channel}: a port each channel implements once (email, SMS; a
 * webhook later). IN_APP needs none: the stored message is the delivery.
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

	/**
	 * Sends one message to {@code recipient} from {@code sender} (the tenant's address,
	 * if it set one). Throws for a failure worth retrying.
	 */
	void send(String recipient, @org.jspecify.annotations.Nullable String sender, String subject, String text,
			@org.jspecify.annotations.Nullable String html) throws Exception;

}
