package io.cohort.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins in PostgreSQL, so the limits hold across every instance: per
 * account and client address (blocks that pair), per address (blocks the address), and
 * per account from everywhere, where a softer limit only pauses the account briefly after
 * each further failure. A guesser from one address thus cannot lock the owner out, and
 * one spreading over many addresses is slowed to a crawl.
 */
@Component
class LoginThrottle {

	static final String ACCOUNT_ADDRESS = "account_address";

	static final String ADDRESS = "address";

	static final String ACCOUNT = "account";

	private final JdbcClient jdbc;

	private final IdentitySettings.Throttle limits;

	LoginThrottle(JdbcClient jdbc, IdentitySettings settings) {
		this.jdbc = jdbc;
		this.limits = settings.throttle();
	}

	/**
	 * How long the caller must wait, if the pair, the address or the account is blocked
	 * now.
	 */
	Optional<Duration> blocked(String account, String address) {
		return jdbc.sql("""
				SELECT max(blocked_until) FROM login_throttle
				WHERE ((scope = :pair_scope AND subject = :pair) OR (scope = :address_scope AND subject = :address)
				       OR (scope = :account_scope AND subject = :account))
				  AND blocked_until > now()""")
			.param("pair_scope", ACCOUNT_ADDRESS)
			.param("pair", pair(account, address))
			.param("address_scope", ADDRESS)
			.param("address", address)
			.param("account_scope", ACCOUNT)
			.param("account", account)
			.query((rs, n) -> rs.getTimestamp(1))
			.optional()
			.map(until -> Duration.between(Instant.now(), until.toInstant()))
			.filter(wait -> !wait.isNegative());
	}

	void failed(String account, String address) {
		int pairFailures = count(ACCOUNT_ADDRESS, pair(account, address));
		if (pairFailures >= limits.accountAddressFailures()) {
			block(ACCOUNT_ADDRESS, pair(account, address), limits.block(), true);
		}
		if (count(ADDRESS, address) >= limits.addressFailures()) {
			block(ADDRESS, address, limits.block(), true);
		}
		if (count(ACCOUNT, account) >= limits.accountFailures()) {
			block(ACCOUNT, account, limits.accountPause(), false);
		}
	}

	/**
	 * The right password from this address: its pair starts afresh; the address and
	 * account counts stay.
	 */
	void succeeded(String account, String address) {
		jdbc.sql("DELETE FROM login_throttle WHERE scope = :scope AND subject = :subject")
			.param("scope", ACCOUNT_ADDRESS)
			.param("subject", pair(account, address))
			.update();
	}

	static String pair(String account, String address) {
		return account + " " + address;
	}

	private int count(String scope, String subject) {
		Timestamp windowStart = Timestamp.from(Instant.now().minus(limits.window()));
		return jdbc.sql("""
				INSERT INTO login_throttle AS t (scope, subject, failures, window_start)
				VALUES (:scope, :subject, 1, now())
				ON CONFLICT (scope, subject) DO UPDATE SET
				    failures = CASE WHEN t.window_start < :window_start THEN 1 ELSE t.failures + 1 END,
				    window_start = CASE WHEN t.window_start < :window_start THEN now() ELSE t.window_start END
				RETURNING failures""")
			.param("scope", scope)
			.param("subject", subject)
			.param("window_start", windowStart)
			.query(Integer.class)
			.single();
	}

	/**
	 * Blocks the subject; a hard block also starts its count afresh, a pause keeps
	 * counting.
	 */
	private void block(String scope, String subject, Duration duration, boolean restartCount) {
		jdbc.sql("UPDATE login_throttle SET blocked_until = :until"
				+ (restartCount ? ", failures = 0, window_start = now()" : "")
				+ " WHERE scope = :scope AND subject = :subject")
			.param("scope", scope)
			.param("subject", subject)
			.param("until", Timestamp.from(Instant.now().plus(duration)))
			.update();
	}

}
