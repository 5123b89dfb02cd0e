package io.cohort.notification;

import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's notification settings: the sender address of its emails, its quiet hours (in
 * the tenant's time zone), during which email, SMS and webhooks wait, and the URL its
 * WEBHOOK messages are posted to. The webhook secret is never shown but once:
 * {@code webhookSecret} is filled only in the answer to the change that generated it.
 */
public record NotificationSettings(@Nullable String senderAddress, @Nullable LocalTime quietStart,
		@Nullable LocalTime quietEnd, @Nullable String webhookUrl, boolean webhookSecretSet,
		@Nullable String webhookSecret) {

	/** Whether {@code time} falls within the quiet hours (which may span midnight). */
	boolean quiet(LocalTime time) {
		if (quietStart == null || quietEnd == null || quietStart.equals(quietEnd)) {
			return false;
		}
		return quietStart.isBefore(quietEnd) ? !time.isBefore(quietStart) && time.isBefore(quietEnd)
				: !time.isBefore(quietStart) || time.isBefore(quietEnd);
	}

}
