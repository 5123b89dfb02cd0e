package io.cohort.lms;

import org.jspecify.annotations.Nullable;

/**
 * What one call of Moodle's web services came to: a value, or a failure sorted into one
 * worth retrying (5xx, timeouts, database errors) and one that will never succeed as it
 * is (invalid token, access control).
 */
sealed interface MoodleResult<T> {

	/** The call succeeded with this value. */
	record Success<T>(T value) implements MoodleResult<T> {
	}

	/** The call failed; {@code errorcode} is Moodle's, when it answered one. */
	record Failure<T>(boolean retryable, @Nullable String errorcode, String message) implements MoodleResult<T> {

		<U> Failure<U> retype() {
			return new Failure<>(retryable, errorcode, message);
		}

	}

}
