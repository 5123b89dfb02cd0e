package io.cohort.gateway.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one TPGateway call: success with its value, a failure worth retrying
 * later (5xx, timeout, 408, 429) or a permanent failure (other 4xx, validation errors, an
 * error inside a 200 envelope) carrying the gateway's message.
 */
public sealed interface TpGatewayResult<T> {

	/** The call succeeded. */
	record Success<T>(T value) implements TpGatewayResult<T> {
	}

	/**
	 * The call may succeed later; {@code retryAfter} is the gateway's Retry-After when it
	 * sent one. {@code httpStatus} is 0 when no response arrived (timeout, connection
	 * failure).
	 */
	record Retryable<T>(int httpStatus, String message, @Nullable Duration retryAfter) implements TpGatewayResult<T> {
	}

	/** The gateway refused the request; sending it again unchanged will not help. */
	record Permanent<T>(int httpStatus, String message) implements TpGatewayResult<T> {
	}

	default boolean succeeded() {
		return this instanceof Success;
	}

}
