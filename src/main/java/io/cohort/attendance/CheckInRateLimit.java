package io.cohort.attendance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.cohort.system.ProblemCode;
import io.cohort.system.CohortException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits typed check-in codes per learner account: a fixed one-minute window counted in
 * PostgreSQL (so the limit holds across instances), in its own transaction so that a
 * refused code still counts.
 */
@Component
class CheckInRateLimit {

	/** Typed codes a learner may try in a minute. */
	static final int LIMIT = 10;

	private final JdbcClient jdbc;

	private final Clock clock;

	CheckInRateLimit(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Counts one attempt of the user; refuses with 429 once over the limit. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void acquire(UUID userId) {
		Instant now = clock.instant();
		Instant window = now.truncatedTo(ChronoUnit.MINUTES);
		int attempts = jdbc.sql("""
				INSERT INTO check_in_rate AS r (user_id, window_start, attempts) VALUES (:user, :window, 1)
				ON CONFLICT (user_id) DO UPDATE SET
				    attempts = CASE WHEN r.window_start >= :window THEN r.attempts + 1 ELSE 1 END,
				    window_start = GREATEST(r.window_start, :window)
				RETURNING attempts""")
			.param("user", userId)
			.param("window", Timestamp.from(window))
			.query(Integer.class)
			.single();
		if (attempts == 1) {
			jdbc.sql("DELETE FROM check_in_rate WHERE window_start < :stale")
				.param("stale", Timestamp.from(window.minus(Duration.ofHours(1))))
				.update();
		}
		if (attempts > LIMIT) {
			long wait = Math.max(1, Duration.between(now, window.plus(Duration.ofMinutes(1))).toSeconds());
			throw new CohortException(ProblemCode.TOO_MANY_CHECK_IN_ATTEMPTS,
					"Too many check-in codes tried; wait a minute and type the code shown now",
					Map.of("retry_after_seconds", wait));
		}
	}

}
