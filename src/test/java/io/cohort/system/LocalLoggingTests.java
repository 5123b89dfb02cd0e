package io.cohort.system;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain-text logs locally, structured ones with an external database. */
class LocalLoggingTests {

	@Test
	void theLocalRunLogsPlainTextAndAnExternalDatabaseKeepsTheStructuredFormat() {
		MockEnvironment local = configured(Map.of(LocalLogging.FORMAT, "ecs"));
		new LocalLogging().postProcessEnvironment(local, new SpringApplication());
		assertThat(local.getProperty(LocalLogging.FORMAT)).isEmpty();

		MockEnvironment external = configured(
				Map.of(LocalLogging.FORMAT, "ecs", "cohort.db.url", "jdbc:postgresql://db/cohort"));
		new LocalLogging().postProcessEnvironment(external, new SpringApplication());
		assertThat(external.getProperty(LocalLogging.FORMAT)).isEqualTo("ecs");
	}

	private static MockEnvironment configured(Map<String, Object> properties) {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources().addLast(new MapPropertySource("application.yml", properties));
		return environment;
	}

}
