package io.cohort.system;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The local run (no external database) logs plain text for the person watching the
 * terminal; with an external database the logs stay structured (ECS JSON) for the log
 * pipeline. An explicit {@code LOGGING_STRUCTURED_FORMAT_CONSOLE} wins either way.
 */
class LocalLogging implements EnvironmentPostProcessor, Ordered {

	static final String FORMAT = "logging.structured.format.console";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean local = !StringUtils.hasText(environment.getProperty("cohort.db.url"));
		boolean chosen = System.getenv("LOGGING_STRUCTURED_FORMAT_CONSOLE") != null
				|| System.getProperty(FORMAT) != null;
		if (local && !chosen) {
			environment.getPropertySources().addFirst(new MapPropertySource("cohortLocalLogging", Map.of(FORMAT, "")));
		}
	}

	/** After the configuration files are read, so it can override their format. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
