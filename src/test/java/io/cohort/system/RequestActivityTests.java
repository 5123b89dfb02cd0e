package io.cohort.system;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Background work waits on {@link RequestActivity} for the requests in flight to finish,
 * but no longer than its bound.
 */
class RequestActivityTests {

	private final RequestActivity activity = new RequestActivity();

	@Test
	void aRequestIsInFlightWhileItsChainRunsAndNotAfterEvenWhenItFails() throws Exception {
		boolean[] quietDuring = { true };
		activity.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
				(request, response) -> quietDuring[0] = activity.awaitQuiet(Duration.ZERO));
		assertThat(quietDuring[0]).isFalse();
		assertThat(activity.awaitQuiet(Duration.ZERO)).isTrue();

		FilterChain failing = (request, response) -> {
			throw new IOException("client gone");
		};
		assertThatIOException()
			.isThrownBy(() -> activity.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), failing));
		assertThat(activity.awaitQuiet(Duration.ZERO)).as("counted out after a failure").isTrue();
	}

	@Test
	void aWaitEndsWhenTheLastRequestFinishes() throws Exception {
		activity.started();
		activity.started();
		CompletableFuture<Boolean> waiting = CompletableFuture
			.supplyAsync(() -> activity.awaitQuiet(Duration.ofMinutes(1)));
		activity.finished();
		assertThat(activity.awaitQuiet(Duration.ZERO)).as("one still in flight").isFalse();
		activity.finished();
		assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aWaitGivesUpAfterItsBoundUnderConstantLoad() {
		activity.started();
		assertThat(activity.awaitQuiet(Duration.ofMillis(20))).isFalse();
	}

}
