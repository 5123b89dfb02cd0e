package io.cohort.certification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Limits public verification requests per client address: a fixed one-minute window
 * counted in PostgreSQL, so the limit holds across every instance
 * ({@code cohort.certification.verify-rate-limit}).
 */
@Component
class VerificationRateLimit {

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int limit;

	VerificationRateLimit(JdbcClient jdbc, Clock clock,
			@Value("${cohort.certification.verify-rate-limit:60}") int limit) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.limit = limit;
	}

	/**
	 * Counts one request of the address; answers how long to wait when it is over the
	 * limit.
	 */
	Optional<Duration> acquire(String address) {
		Instant now = clock.instant();
		Instant window = now.truncatedTo(ChronoUnit.MINUTES);
		int requests = jdbc.sql("""
				INSERT INTO verification_rate AS r (address, window_start, requests) VALUES (:address, :window, 1)
				ON CONFLICT (address) DO UPDATE SET
				    requests = CASE WHEN r.window_start >= :window THEN r.requests + 1 ELSE 1 END,
				    window_start = GREATEST(r.window_start, :window)
				RETURNING requests""")
			.param("address", address)
			.param("window", Timestamp.from(window))
			.query(Integer.class)
			.single();
		if (requests == 1) {
			jdbc.sql("DELETE FROM verification_rate WHERE window_start < :stale")
				.param("stale", Timestamp.from(window.minus(WINDOW.multipliedBy(60))))
				.update();
		}
		if (requests <= limit) {
			return Optional.empty();
		}
		Duration wait = Duration.between(now, window.plus(WINDOW));
		return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
	}

}
