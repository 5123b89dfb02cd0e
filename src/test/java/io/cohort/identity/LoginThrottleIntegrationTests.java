package io.cohort.identity;

import java.time.Duration;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's counting against the real database, with small limits (the shared test
 * context raises the per-address limit so that tests do not trip it).
 */
class LoginThrottleIntegrationTests extends ApiIntegrationTest {

	private LoginThrottle throttle;

	private String address;

	@BeforeEach
	void smallLimits() {
		IdentitySettings settings = new IdentitySettings(
				Duration.ofMinutes(15), Duration.ofDays(14), new IdentitySettings.Throttle(2, 3, 4,
						Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofSeconds(30)),
				new IdentitySettings.PasswordReset(Duration.ofMinutes(30), 5, 2, 5));
		throttle = new LoginThrottle(jdbc, settings);
		address = "198.51.100." + Api.unique("a");
	}

	@Test
	void blocksAnAddressAfterTooManyFailuresAcrossAccounts() {
		throttle.failed(Api.unique("acct"), address);
		throttle.failed(Api.unique("acct"), address);
		assertThat(throttle.blocked(Api.unique("acct"), address)).isEmpty();

		throttle.failed(Api.unique("acct"), address);

		assertThat(throttle.blocked(Api.unique("acct"), address))
			.hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
		assertThat(throttle.blocked(Api.unique("acct"), address + "-other")).isEmpty();
	}

	@Test
	void blocksAnAccountFromTheAddressThatFailedButNotFromOthers() {
		String account = Api.unique("acct");
		throttle.failed(account, address);
		assertThat(throttle.blocked(account, address)).isEmpty();

		throttle.failed(account, address);

		assertThat(throttle.blocked(account, address))
			.hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofMinutes(14)));
		assertThat(throttle.blocked(account, address + "-other")).isEmpty();
	}

	@Test
	void onlyPausesAnAccountThatFailsFromManyAddresses() {
		String account = Api.unique("acct");
		for (int i = 1; i <= 3; i++) {
			throttle.failed(account, address + "-" + i);
		}
		assertThat(throttle.blocked(account, address + "-9")).isEmpty();

		throttle.failed(account, address + "-4");

		assertThat(throttle.blocked(account, address + "-9"))
			.hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));
		assertThat(throttle.blocked(Api.unique("acct"), address + "-9")).isEmpty();
	}

	@Test
	void successClearsTheFailuresOfItsAddressOnly() {
		String account = Api.unique("acct");
		throttle.failed(account, address + "-1");
		throttle.failed(account, address + "-2");
		throttle.succeeded(account, address + "-1");

		throttle.failed(account, address + "-1");
		assertThat(throttle.blocked(account, address + "-1")).isEmpty();

		throttle.failed(account, address + "-2");
		assertThat(throttle.blocked(account, address + "-2")).isPresent();
	}

	@Test
	void keepsItsCountsInTheDatabase() {
		String account = Api.unique("acct");

		throttle.failed(account, address);

		assertThat(jdbc.sql("""
				SELECT scope || ':' || failures FROM login_throttle
				WHERE subject IN (:account, :address, :pair)""")
			.param("account", account)
			.param("address", address)
			.param("pair", LoginThrottle.pair(account, address))
			.query(String.class)
			.list()).containsExactlyInAnyOrder("account:1", "address:1", "account_address:1");
	}

}
