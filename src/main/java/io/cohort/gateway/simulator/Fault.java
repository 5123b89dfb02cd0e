package io.cohort.gateway.simulator;

import java.time.Duration;

/** A misbehaviour the simulator shows on one coming call. */
sealed interface Fault {

	/** Answer with this server error and change nothing. */
	record ServerError(int status) implements Fault {
	}

	/** Wait this long before answering normally (past the client's timeout). */
	record Delay(Duration delay) implements Fault {
	}

	/** Answer 429 with this Retry-After and change nothing. */
	record Throttle(Duration retryAfter) implements Fault {
	}

	/**
	 * Apply the request, then hold the answer this long (past the client's timeout): the
	 * gateway did the work but the caller never hears of it.
	 */
	record ApplyThenStall(Duration stall) implements Fault {
	}

	/** Apply the request, then answer 502 as if the response were lost on the way. */
	record ApplyThenDrop() implements Fault {
	}

	/** Answer 400 with this validation error and change nothing. */
	record Invalid(String field, String message) implements Fault {
	}

	/** Answer HTTP 200 whose envelope carries this error and change nothing. */
	record ErrorInEnvelope(int status, String message) implements Fault {
	}

}
