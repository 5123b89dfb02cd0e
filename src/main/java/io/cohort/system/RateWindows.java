package io.cohort.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Request limits counted in fixed windows (a minute unless said otherwise, at most an
 * hour) in PostgreSQL, so that a limit holds across every instance: public certificate
 * verifications per client address, typed check-in codes per learner account, password
 * reset asks. Each kind of limit is a scope; a key is what it counts (an address, a user
 * id).
 */
@Component
public class RateWindows {

	static final Duration WINDOW = Duration.ofMinutes(1);

	/**
	 * How long an idle key's row is kept before a new window sweeps it away: as long as
	 * the longest window, so that no window is swept while it lasts.
	 */
	static final Duration KEPT = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	public RateWindows(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Counts one hit of the key in its scope's current window, in a transaction of its
	 * own so that a refused request still counts; answers how long to wait (at least a
	 * second) when this hit is over the limit.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Optional<Duration> hit(String scope, String key, int limit) {
		return hit(scope, key, limit, WINDOW);
	}

	/**
	 * The same in windows of {@code length} (a whole number of seconds that divides a
	 * day, at most {@link #KEPT}), each starting at a multiple of its length since
	 * midnight UTC: an hour's window starts on the hour.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Optional<Duration> hit(String scope, String key, int limit, Duration length) {
		long seconds = length.toSeconds();
		if (seconds <= 0 || length.toNanosPart() != 0 || length.compareTo(KEPT) > 0
				|| Duration.ofDays(1).toSeconds() % seconds != 0) {
			throw new IllegalArgumentException("A rate window lasts whole seconds that divide a day, at most " + KEPT);
		}
		Instant now = clock.instant();
		Instant window = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
		int hits = jdbc.sql("""
				INSERT INTO rate_window AS r (scope, key, window_start, hits) VALUES (:scope, :key, :window, 1)
				ON CONFLICT (scope, key) DO UPDATE SET
				    hits = CASE WHEN r.window_start >= :window THEN r.hits + 1 ELSE 1 END,
				    window_start = GREATEST(r.window_start, :window)
				RETURNING hits""")
			.param("scope", scope)
			.param("key", key)
			.param("window", Timestamp.from(window))
			.query(Integer.class)
			.single();
		if (hits == 1) {
			jdbc.sql("DELETE FROM rate_window WHERE window_start < :stale")
				.param("stale", Timestamp.from(window.minus(KEPT)))
				.update();
		}
		if (hits <= limit) {
			return Optional.empty();
		}
		Duration wait = Duration.between(now, window.plus(length));
		return Optional.of(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
	}

}
