package io.cohort.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address in PostgreSQL, so the limits hold across
 * every instance. Past a limit, logins are refused until the block ends.
 */
@Component
class LoginThrottle {

	static final String ACCOUNT = "account";

	static final String ADDRESS = "address";

	private final JdbcClient jdbc;

	private final IdentitySettings.Throttle limits;

	LoginThrottle(JdbcClient jdbc, IdentitySettings settings) {
		this.jdbc = jdbc;
		this.limits = settings.throttle();
	}

	/** How long the caller must wait, if the account or the address is blocked now. */
	Optional<Duration> blocked(String account, String address) {
		return jdbc.sql("""
				SELECT max(blocked_until) FROM login_throttle
				WHERE ((scope = :account_scope AND subject = :account) OR (scope = :address_scope AND subject = :address))
				  AND blocked_until > now()""")
			.param("account_scope", ACCOUNT)
			.param("account", account)
			.param("address_scope", ADDRESS)
			.param("address", address)
			.query((rs, n) -> rs.getTimestamp(1))
			.optional()
			.map(until -> Duration.between(Instant.now(), until.toInstant()))
			.filter(wait -> !wait.isNegative());
	}

	void failed(String account, String address) {
		count(ACCOUNT, account, limits.accountFailures());
		count(ADDRESS, address, limits.addressFailures());
	}

	void succeeded(String account) {
		jdbc.sql("DELETE FROM login_throttle WHERE scope = :scope AND subject = :subject")
			.param("scope", ACCOUNT)
			.param("subject", account)
			.update();
	}

	private void count(String scope, String subject, int limit) {
		Timestamp windowStart = Timestamp.from(Instant.now().minus(limits.window()));
		jdbc.sql("""
				INSERT INTO login_throttle AS t (scope, subject, failures, window_start)
				VALUES (:scope, :subject, 1, now())
				ON CONFLICT (scope, subject) DO UPDATE SET
				    failures = CASE WHEN t.window_start < :window_start THEN 1 ELSE t.failures + 1 END,
				    window_start = CASE WHEN t.window_start < :window_start THEN now() ELSE t.window_start END""")
			.param("scope", scope)
			.param("subject", subject)
			.param("window_start", windowStart)
			.update();
		jdbc.sql("""
				UPDATE login_throttle SET blocked_until = :until, failures = 0, window_start = now()
				WHERE scope = :scope AND subject = :subject AND failures >= :limit""")
			.param("scope", scope)
			.param("subject", subject)
			.param("limit", limit)
			.param("until", Timestamp.from(Instant.now().plus(limits.block())))
			.update();
	}

}
