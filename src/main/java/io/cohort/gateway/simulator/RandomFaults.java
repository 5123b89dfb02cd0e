package io.cohort.gateway.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Faults on a share of all calls, drawn reproducibly: whether a call misbehaves, and how,
 * depends only on the seed, the call (method, path and decrypted body) and how often that
 * same call came before, so the same run of requests meets the same faults whatever order
 * concurrent workers send them in.
 *
 * @param serverErrors share of calls answered 503 without being applied
 * @param timeouts share of calls applied whose answer is then held for {@code stall} (set
 * the client's timeout shorter)
 * @param droppedResponses share of calls applied whose answer is lost (502)
 */
public record RandomFaults(long seed, double serverErrors, double timeouts, double droppedResponses, Duration stall) {

	public RandomFaults {
		if (serverErrors < 0 || timeouts < 0 || droppedResponses < 0
				|| serverErrors + timeouts + droppedResponses > 1) {
			throw new IllegalArgumentException("fault shares must be between 0 and 1 in total");
		}
	}

	/**
	 * The fault for the {@code occurrence}-th time this call is made, or null for a
	 * normal answer.
	 */
	@Nullable Fault draw(String call, int occurrence) {
		long bits = UUID.nameUUIDFromBytes((seed + "|" + occurrence + "|" + call).getBytes(StandardCharsets.UTF_8))
			.getMostSignificantBits();
		double x = (bits >>> 11) * 0x1.0p-53;
		if (x < serverErrors) {
			return new Fault.ServerError(503);
		}
		if (x < serverErrors + timeouts) {
			return new Fault.ApplyThenStall(stall);
		}
		if (x < serverErrors + timeouts + droppedResponses) {
			return new Fault.ApplyThenDrop();
		}
		return null;
	}

}
