package io.cohort.identity;

import java.time.Duration;
import java.util.Map;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.springframework.http.HttpStatus;

/**
 * Login refused because the account or the client address failed too often; answered with
 * 429 and {@code Retry-After}.
 */
class TooManyLoginAttempts extends CohortException {

	TooManyLoginAttempts(Duration wait) {
		super(ProblemCode.TOO_MANY_LOGIN_ATTEMPTS, "Too many failed logins; try again later",
				Map.of("retry_after", Math.max(1, wait.toSeconds() + 1)));
	}

	long retryAfterSeconds() {
		return ((Number) properties().get("retry_after")).longValue();
	}

}
