package io.cohort.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstallationTests {

	@TempDir
	Path dataDir;

	@Test
	void generatesMissingSecretsOnceInLocalMode() throws Exception {
		Installation first = new Installation(settings(null, null, null));
		Installation second = new Installation(settings(null, null, null));

		assertThat(first.local()).isTrue();
		assertThat(first.jwtKey()).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second.jwtKey());
		assertThat(first.piiKey()).hasSize(32).isEqualTo(second.piiKey());
		assertThat(Files.exists(dataDir.resolve("secrets/jwt.key"))).isTrue();
		assertThat(first.demoData()).isTrue();
	}

	@Test
	void requiresSecretsWithAnExternalDatabase() {
		assertThatThrownBy(() -> new Installation(settings("jdbc:postgresql://db/cohort", null, null)))
			.isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("COHORT_JWT_SECRET is required");
		String jwt = key(32);
		assertThatThrownBy(() -> new Installation(settings("jdbc:postgresql://db/cohort", jwt, null)))
			.isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("COHORT_PII_KEY is required");
	}

	@Test
	void acceptsSecretsFromTheEnvironmentAndTurnsDemoDataOffWithAnExternalDatabase() {
		Installation installation = new Installation(settings("jdbc:postgresql://db/cohort", key(48), key(32)));

		assertThat(installation.local()).isFalse();
		assertThat(installation.jwtKey()).hasSize(48);
		assertThat(installation.demoData()).isFalse();
		assertThat(Files.exists(dataDir.resolve("secrets"))).isFalse();
	}

	@Test
	void refusesKeysOfTheWrongLength() {
		assertThatThrownBy(() -> new Installation(settings(null, key(16), null))).isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("at least 32 bytes");
		assertThatThrownBy(() -> new Installation(settings(null, null, key(31)))).isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("exactly 32 bytes");
		assertThatThrownBy(() -> new Installation(settings(null, "not base64!", null)))
			.isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("not valid Base64");
	}

	private CohortSettings settings(String url, String jwt, String pii) {
		return new CohortSettings(dataDir,
				new CohortSettings.Db(url, null, null, null, null, 20, 0, java.time.Duration.ofSeconds(5)), null, jwt,
				pii, null);
	}

	private static String key(int bytes) {
		return Base64.getEncoder().encodeToString(new byte[bytes]);
	}

}
