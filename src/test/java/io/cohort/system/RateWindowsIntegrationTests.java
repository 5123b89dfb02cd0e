package io.cohort.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-minute request windows shared by the verification and typed check-in limits:
 * counted per scope and key, refused past the limit with the wait until the next minute,
 * and new again in the next minute; windows of an hour likewise, on the hour.
 */
class RateWindowsIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aLimitCountsPerKeyScopeAndMinute() {
		Instant start = Instant.parse("2026-11-23T02:00:10Z");
		String address = "203.0.113." + UUID.randomUUID().toString().substring(0, 6);
		RateWindows limit = new RateWindows(jdbc, Clock.fixed(start, ZoneOffset.UTC));

		assertThat(limit.hit("verification", address, 3)).isEmpty();
		assertThat(limit.hit("verification", address, 3)).isEmpty();
		assertThat(limit.hit("verification", address, 3)).isEmpty();
		assertThat(limit.hit("verification", address, 3)).hasValue(Duration.ofSeconds(50));
		assertThat(limit.hit("verification", "other-" + address, 3)).isEmpty();
		assertThat(limit.hit("another-scope", address, 3)).as("another scope counts apart").isEmpty();

		RateWindows nextMinute = new RateWindows(jdbc, Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC));
		assertThat(nextMinute.hit("verification", address, 3)).isEmpty();
	}

	@Test
	void anHoursWindowStartsOnTheHourAndRefusesUntilTheNext() { // GH-14
		Instant start = Instant.parse("2026-11-23T02:58:30Z");
		String account = "demo/" + UUID.randomUUID() + "@example.com";
		RateWindows limit = new RateWindows(jdbc, Clock.fixed(start, ZoneOffset.UTC));
		RateWindows later = new RateWindows(jdbc, Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC));
		RateWindows nextHour = new RateWindows(jdbc, Clock.fixed(start.plusSeconds(90), ZoneOffset.UTC));

		assertThat(limit.hit("reset-hour", account, 2, Duration.ofHours(1))).isEmpty();
		assertThat(limit.hit("reset-hour", account, 2, Duration.ofHours(1))).isEmpty();
		assertThat(later.hit("reset-hour", account, 2, Duration.ofHours(1))).as("a minute later, the same hour")
			.hasValue(Duration.ofSeconds(30));
		assertThat(nextHour.hit("reset-hour", account, 2, Duration.ofHours(1))).as("03:00:00, a new hour").isEmpty();
	}

}
