package io.cohort.demo;

import io.cohort.system.Installation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The last line of a local start-up: where Cohort answers, once the demo data exists (the
 * application is ready only after every runner, {@link DemoTraining} included, has run).
 */
@Component
class ReadyLine {

	private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

	private final Installation installation;

	private final Environment environment;

	ReadyLine(Installation installation, Environment environment) {
		this.installation = installation;
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		String port = environment.getProperty("local.server.port");
		if (port != null && installation.local()) {
			log.info(line(port, installation.demoData()));
		}
	}

	static String line(String port, boolean demo) {
		return "Cohort is ready at http://localhost:" + port + (demo ? " — demo logins in the README" : "");
	}

}
