package io.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cohort.testing.Mailbox;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context most integration tests share: the whole application on a random
 * port, on one embedded PostgreSQL per test JVM (fresh data directory), with the demo
 * tenant, sending its mail to the JVM's {@link Mailbox}. No background job workers or
 * passes run: tests that need outbound jobs drained drive a worker themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cohort.demo-data=true", "logging.structured.format.console=",
				"cohort.identity.throttle.address-failures=100000", "cohort.identity.password-reset.per-address=100000",
				"cohort.jobs.workers=0", "cohort.gateway.reconciliation.interval=0s",
				"cohort.compliance.deadlines.interval=0s", "cohort.notifications.retry-interval=0s",
				"cohort.events.resubmit-interval=0s", "cohort.audit.seal.interval=0s",
				"logging.level.cohort.access=warn" })
public abstract class IntegrationTest {

	private static final Path DATA_DIR = newDataDir();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("cohort.data-dir", DATA_DIR::toString);
		registry.add("spring.mail.host", () -> Mailbox.HOST);
		registry.add("spring.mail.port", () -> Mailbox.PORT);
	}

	private static Path newDataDir() {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			return Files.createTempDirectory(target, "test-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
