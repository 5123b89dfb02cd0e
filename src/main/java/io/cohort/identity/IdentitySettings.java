package io.cohort.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes, login throttling limits and the platform admin, bound from {@code cohort.identity}
 * and {@code COHORT_PLATFORM_ADMIN_*}.
 */
@ConfigurationProperties("cohort.identity")
record IdentitySettings(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("14d") Duration refreshTokenTtl,
		@DefaultValue Throttle throttle) {

	IdentitySettings {
		if (accessTokenTtl.compareTo(Duration.ofMinutes(15)) > 0) {
			throw new IllegalStateException("cohort.identity.access-token-ttl may be at most 15 minutes");
		}
	}

	/**
	 * @param accountFailures failures of one account within the window before it is blocked
	 * @param addressFailures failures from one client address within the window before it is blocked
	 * @param window how far back failures count
	 * @param block how long a block lasts
	 */
	record Throttle(@DefaultValue("5") int accountFailures, @DefaultValue("30") int addressFailures,
			@DefaultValue("15m") Duration window, @DefaultValue("15m") Duration block) {
	}

}
