package io.cohort.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.cohort.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each module numbers its migrations in its own range (ADR 36), so a release can bring a
 * migration numbered below one an earlier release already applied. An installation that
 * upgrades must take it, with the application's own Flyway settings.
 */
class MigrationOrderIntegrationTests extends IntegrationTest {

	/** A migration that landed after higher-numbered ones were already in use. */
	private static final String LATE = "V24__job_deadline_alarm.sql";

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	FlywayProperties flyway;

	@Test
	void anUpgradeTakesAMigrationNumberedBelowOnesAlreadyApplied(@TempDir Path earlier) throws IOException {
		copyMigrationsExcept(LATE, earlier);
		JdbcClient server = JdbcClient.create(postgres.getPostgresDatabase());
		String database = "upgrade_" + Long.toHexString(System.nanoTime());
		server.sql("CREATE DATABASE " + database).update();
		try {
			String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
			Flyway.configure().dataSource(url, "postgres", null).locations("filesystem:" + earlier).load().migrate();

			MigrateResult upgrade = Flyway.configure()
				.dataSource(url, "postgres", null)
				.locations(flyway.getLocations().toArray(String[]::new))
				.outOfOrder(flyway.isOutOfOrder())
				.load()
				.migrate();

			assertThat(upgrade.migrationsExecuted).isEqualTo(1);
			MigrationInfo[] applied = Flyway.configure()
				.dataSource(url, "postgres", null)
				.locations(flyway.getLocations().toArray(String[]::new))
				.load()
				.info()
				.applied();
			assertThat(Arrays.stream(applied).map(MigrationInfo::getScript)).anyMatch(s -> s.endsWith(LATE));
		}
		finally {
			server.sql("DROP DATABASE " + database + " WITH (FORCE)").update();
		}
	}

	private static void copyMigrationsExcept(String left, Path to) throws IOException {
		Resource[] migrations = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:db/migration/**/*.sql");
		assertThat(migrations).extracting(Resource::getFilename).contains(LATE);
		for (Resource migration : migrations) {
			if (!left.equals(migration.getFilename())) {
				try (InputStream in = migration.getInputStream()) {
					Files.copy(in, to.resolve(migration.getFilename()));
				}
			}
		}
	}

}
