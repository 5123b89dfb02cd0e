package io.cohort.notification;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One message on one channel as the delivery log shows it: its status, attempts and last
 * error.
 */
public record NotificationDelivery(UUID id, @Nullable UUID learnerId, @Nullable UUID userId, NotificationKind kind,
		Channel channel, @Nullable String recipient, String subject, NotificationStatus status, int attempts,
		@Nullable String lastError, Instant createdAt, Instant nextAttemptAt, @Nullable Instant sentAt) {
}
