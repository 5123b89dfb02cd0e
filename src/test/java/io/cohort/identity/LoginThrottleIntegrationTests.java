package io.cohort.identity;

import java.time.Duration;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's counting against the real database, with small limits (the shared test context raises
 * the per-address limit so that tests do not trip it).
 */
class LoginThrottleIntegrationTests extends ApiIntegrationTest {

	private LoginThrottle throttle;

	private String address;

	@BeforeEach
	void smallLimits() {
		IdentitySettings settings = new IdentitySettings(Duration.ofMinutes(15), Duration.ofDays(14),
				new IdentitySettings.Throttle(2, 3, Duration.ofMinutes(15), Duration.ofMinutes(15)));
		throttle = new LoginThrottle(jdbc, settings);
		address = "198.51.100." + Api.unique("a");
	}

	@Test
	void blocksAnAddressAfterTooManyFailuresAcrossAccounts() {
		throttle.failed(Api.unique("acct"), address);
		throttle.failed(Api.unique("acct"), address);
		assertThat(throttle.blocked(Api.unique("acct"), address)).isEmpty();

		throttle.failed(Api.unique("acct"), address);

		assertThat(throttle.blocked(Api.unique("acct"), address)).hasValueSatisfying(
				wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
		assertThat(throttle.blocked(Api.unique("acct"), address + "-other")).isEmpty();
	}

	@Test
	void blocksAnAccountAcrossAddresses() {
		String account = Api.unique("acct");
		throttle.failed(account, address + "-1");
		assertThat(throttle.blocked(account, address + "-3")).isEmpty();

		throttle.failed(account, address + "-2");

		assertThat(throttle.blocked(account, address + "-3")).isPresent();
		assertThat(throttle.blocked(Api.unique("acct"), address + "-3")).isEmpty();
	}

	@Test
	void successClearsTheAccountsFailures() {
		String account = Api.unique("acct");
		throttle.failed(account, address + "-1");
		throttle.succeeded(account);

		throttle.failed(account, address + "-2");

		assertThat(throttle.blocked(account, address + "-3")).isEmpty();
	}

	@Test
	void keepsItsCountsInTheDatabase() {
		String account = Api.unique("acct");

		throttle.failed(account, address);

		assertThat(jdbc.sql("SELECT scope || ':' || failures FROM login_throttle WHERE subject IN (:account, :address)")
			.param("account", account)
			.param("address", address)
			.query(String.class)
			.list()).containsExactlyInAnyOrder("account:1", "address:1");
	}

}
