package io.cohort.notification;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One in-app message as its learner reads it.
 */
public record NotificationView(UUID id, NotificationKind kind, String subject, String body, Instant createdAt,
		@Nullable Instant readAt) {
}
