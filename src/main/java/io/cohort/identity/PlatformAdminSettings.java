package io.cohort.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code COHORT_PLATFORM_ADMIN_EMAIL} / {@code COHORT_PLATFORM_ADMIN_PASSWORD}: when both
 * are set, the platform admin is created or updated at start.
 */
@ConfigurationProperties("cohort.platform-admin")
record PlatformAdminSettings(@Nullable String email, @Nullable String password) {

	boolean configured() {
		return email != null && !email.isBlank() && password != null && !password.isBlank();
	}

}
