package io.cohort.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.cohort.system.Installation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The rotating check-in codes, as plain logic: no application or database needed.
 */
class CheckInCodesTests {

	private static final Instant T0 = Instant.parse("2026-11-23T01:00:05Z");

	@Test
	void codesExpireAfterTheirStepAndTheNext() {
		Installation installation = mock(Installation.class);
		when(installation.jwtKey()).thenReturn(new byte[32]);
		UUID session = UUID.randomUUID();
		String code = codes(installation, T0).current(session).code();

		assertThat(codes(installation, T0.plusSeconds(40)).verify(code)).contains(session);
		assertThat(codes(installation, T0.plusSeconds(61)).verify(code)).isEmpty();
	}

	private static CheckInCodes codes(Installation installation, Instant now) {
		return new CheckInCodes(installation, Clock.fixed(now, ZoneOffset.UTC));
	}

}
