package io.cohort.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes, login throttling limits, password reset links and the platform admin,
 * bound from {@code cohort.identity} and {@code COHORT_PLATFORM_ADMIN_*}.
 */
@ConfigurationProperties("cohort.identity")
record IdentitySettings(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("14d") Duration refreshTokenTtl,
		@DefaultValue Throttle throttle, @DefaultValue PasswordReset passwordReset) {

	IdentitySettings {
		if (accessTokenTtl.compareTo(Duration.ofMinutes(15)) > 0) {
			throw new IllegalStateException("cohort.identity.access-token-ttl may be at most 15 minutes");
		}
	}

	/**
	 * @param accountAddressFailures failures of one account from one client address
	 * within the window before that pair is blocked
	 * @param addressFailures failures from one client address within the window before it
	 * is blocked
	 * @param accountFailures failures of one account from all addresses within the window
	 * past which each further failure pauses the account for {@code accountPause} (slows
	 * guessing without locking the owner out for long)
	 * @param window how far back failures count
	 * @param block how long a block of a pair or an address lasts
	 * @param accountPause how long the account waits after each failure past
	 * {@code accountFailures}
	 */
	record Throttle(@DefaultValue("5") int accountAddressFailures, @DefaultValue("30") int addressFailures,
			@DefaultValue("50") int accountFailures, @DefaultValue("15m") Duration window,
			@DefaultValue("15m") Duration block, @DefaultValue("30s") Duration accountPause) {
	}

	/**
	 * @param linkValidFor how long a mailed reset link works (once)
	 * @param perAddress reset requests a minute from one client address
	 * @param perAccount reset requests a minute for one account (organisation and email,
	 * whether or not it exists)
	 * @param perAccountPerHour reset requests an hour for one account, so that asks at
	 * {@code perAccount} a minute cannot flood its mailbox
	 */
	record PasswordReset(@DefaultValue("30m") Duration linkValidFor, @DefaultValue("5") int perAddress,
			@DefaultValue("2") int perAccount, @DefaultValue("5") int perAccountPerHour) {
	}

}
