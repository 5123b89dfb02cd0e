package io.cohort.system;

import java.time.Duration;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation-wide settings, bound from the environment ({@code COHORT_*}).
 */
@ConfigurationProperties("cohort")
record CohortSettings(@DefaultValue(".cohort") Path dataDir, @DefaultValue Db db, @Nullable Boolean demoData,
		@Nullable String jwtSecret, @Nullable String piiKey, @Nullable String metricsToken) {

	record Db(@Nullable String url, @Nullable String user, @Nullable String password, @Nullable String migrationUser,
			@Nullable String migrationPassword, @DefaultValue("20") int poolSize, @DefaultValue("0") int embeddedPort,
			@DefaultValue("5s") Duration connectionTimeout) {

		boolean external() {
			return url != null && !url.isBlank();
		}

	}

	boolean demoDataEnabled() {
		return demoData != null ? demoData : !db.external();
	}

}
