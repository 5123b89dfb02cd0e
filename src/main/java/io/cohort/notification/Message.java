package io.cohort.notification;

import org.jspecify.annotations.Nullable;

/**
 * One rendered message: its subject, plain text and (escaped) HTML.
 */
record Message(String subject, String text, @Nullable String html) {
}
