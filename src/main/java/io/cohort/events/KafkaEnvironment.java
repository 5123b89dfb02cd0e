package io.cohort.events;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Kafka on only when {@code COHORT_KAFKA_BOOTSTRAP}
 * ({@code cohort.kafka.bootstrap}) is set: it becomes
 * {@code spring.kafka.bootstrap-servers} and externalization is enabled. Without it
 * externalization stays off, so nothing ever tries to reach a broker.
 */
class KafkaEnvironment implements EnvironmentPostProcessor {

	static final String BOOTSTRAP = "cohort.kafka.bootstrap";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String bootstrap = environment.getProperty(BOOTSTRAP, "").trim();
		Map<String, Object> properties = bootstrap.isEmpty()
				? Map.of("spring.modulith.events.externalization.enabled", "false")
				: Map.of("spring.modulith.events.externalization.enabled", "true", "spring.kafka.bootstrap-servers",
						bootstrap);
		environment.getPropertySources().addFirst(new MapPropertySource("cohortKafka", properties));
	}

}
