package io.cohort.notification;

import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's notification settings: the sender address of its emails and its quiet hours
 * (in the tenant's time zone), during which email and SMS wait.
 */
public record NotificationSettings(@Nullable String senderAddress, @Nullable LocalTime quietStart,
		@Nullable LocalTime quietEnd) {

	/** Whether {@code time} falls within the quiet hours (which may span midnight). */
	boolean quiet(LocalTime time) {
		if (quietStart == null || quietEnd == null || quietStart.equals(quietEnd)) {
			return false;
		}
		return quietStart.isBefore(quietEnd) ? !time.isBefore(quietStart) && time.isBefore(quietEnd)
				: !time.isBefore(quietStart) || time.isBefore(quietEnd);
	}

}
