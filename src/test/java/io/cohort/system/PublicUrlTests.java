package io.cohort.system;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The public address links are built from: configured, or localhost on the embedded
 * database only.
 */
class PublicUrlTests {

	@TempDir
	Path dataDir;

	@Test
	void isRequiredWithAnExternalDatabase() {
		assertThatThrownBy(() -> new PublicUrl(installation("jdbc:postgresql://db/cohort"), new MockEnvironment(), ""))
			.isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("COHORT_PUBLIC_URL is required");
	}

	@Test
	void defaultsToLocalhostAndTheServersPortLocally() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080");
		PublicUrl url = new PublicUrl(installation(null), environment, null);
		assertThat(url.base()).isEqualTo("http://localhost:8080");

		environment.setProperty("local.server.port", "41234");
		assertThat(url.builder().path("/verify/{code}").buildAndExpand("ABC").toUriString())
			.isEqualTo("http://localhost:41234/verify/ABC");
		assertThat(url.https()).isFalse();
	}

	@Test
	void buildsLinksOnTheConfiguredAddress() {
		PublicUrl url = new PublicUrl(installation("jdbc:postgresql://db/cohort"), new MockEnvironment(),
				"https://training.example.com/cohort/");

		assertThat(url.builder().path("/check-in").queryParam("code", "X1").toUriString())
			.isEqualTo("https://training.example.com/cohort/check-in?code=X1");
		assertThat(url.https()).isTrue();
	}

	@Test
	void refusesAnAddressThatIsNotAPlainHttpUrl() {
		for (String bad : new String[] { "training.example.com", "ftp://training.example.com",
				"https://training.example.com/?a=b", "https://user:pw@training.example.com", "https://exa mple.com" }) {
			assertThatThrownBy(() -> new PublicUrl(installation(null), new MockEnvironment(), bad)).as(bad)
				.isInstanceOf(InvalidSetting.class)
				.hasMessageContaining("COHORT_PUBLIC_URL");
		}
	}

	private Installation installation(String dbUrl) {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		return new Installation(new CohortSettings(dataDir,
				new CohortSettings.Db(dbUrl, null, null, null, null, 20, 0, java.time.Duration.ofSeconds(5)), null, key,
				key, null));
	}

}
