package io.cohort.notification;

import org.jspecify.annotations.Nullable;

/**
 * A kind's subject, text and optional HTML with {@code {placeholders}}; without HTML the
 * text is used, in paragraphs. {@code custom} when the tenant set it, else the default.
 */
public record NotificationTemplate(NotificationKind kind, String subject, String text, @Nullable String html,
		boolean custom) {
}
