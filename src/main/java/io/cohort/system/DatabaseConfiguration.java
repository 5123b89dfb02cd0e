package io.cohort.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database. With {@code COHORT_DB_URL} set Cohort uses that PostgreSQL; without it,
 * it starts an embedded PostgreSQL whose data lives in {@code COHORT_DATA_DIR/postgres}
 * and survives restarts.
 * <p>
 * Migrations run as the database owner; the application itself connects as
 * {@code cohort_app}, a role that may read and write business tables but never update or
 * delete audit rows.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	static final String APP_ROLE = "cohort_app";

	private static final String DATABASE = "cohort";

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	// Each database bean takes the Installation first, so missing secrets are reported
	// before any
	// connection is attempted.

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("'${cohort.db.url:}'.isBlank()")
	static class Embedded {

		@Bean(destroyMethod = "close")
		EmbeddedPostgres embeddedPostgres(CohortSettings settings, Installation installation)
				throws IOException, SQLException {
			Path dir = settings.dataDir().toAbsolutePath().resolve("postgres");
			Files.createDirectories(dir.getParent());
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "200");
			if (settings.db().embeddedPort() > 0) {
				builder.setPort(settings.db().embeddedPort());
			}
			EmbeddedPostgres postgres = builder.start();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE
						+ "') THEN CREATE ROLE " + APP_ROLE + " LOGIN; END IF; END $$");
				try (ResultSet rs = statement
					.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
					if (!rs.next()) {
						statement.execute("CREATE DATABASE " + DATABASE);
					}
				}
			}
			log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dir);
			return postgres;
		}

		@Bean(destroyMethod = "close")
		HikariDataSource dataSource(EmbeddedPostgres postgres, CohortSettings settings) {
			return pool(url(postgres), APP_ROLE, null, settings.db().poolSize(), settings.db().connectionTimeout());
		}

		@Bean
		FlywayConfigurationCustomizer ownerMigrations(EmbeddedPostgres postgres) {
			return configuration -> configuration.dataSource(url(postgres), "postgres", null);
		}

		private static String url(EmbeddedPostgres postgres) {
			return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("!'${cohort.db.url:}'.isBlank()")
	static class External {

		@Bean(destroyMethod = "close")
		HikariDataSource dataSource(CohortSettings settings, Installation installation) {
			CohortSettings.Db db = settings.db();
			return pool(db.url(), db.user(), db.password(), db.poolSize(), db.connectionTimeout());
		}

		@Bean
		FlywayConfigurationCustomizer ownerMigrations(CohortSettings settings) {
			CohortSettings.Db db = settings.db();
			return configuration -> {
				if (db.migrationUser() != null && !db.migrationUser().isBlank()) {
					configuration.dataSource(db.url(), db.migrationUser(), db.migrationPassword());
				}
			};
		}

	}

	/**
	 * The pool; a request waits at most {@code connectionTimeout} for a connection (while
	 * the database is down, say) and then fails as a 503 problem
	 * ({@link ProblemHandling}).
	 */
	static HikariDataSource pool(String url, String user, String password, int size, Duration connectionTimeout) {
		return new HikariDataSource(config(url, user, password, size, connectionTimeout));
	}

	static HikariConfig config(String url, String user, String password, int size, Duration connectionTimeout) {
		HikariConfig config = new HikariConfig();
		config.setConnectionTimeout(connectionTimeout.toMillis());
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(size);
		config.setPoolName("cohort");
		config.addDataSourceProperty("reWriteBatchedInserts", "true"); // one multi-row
																		// INSERT per
																		// batch
		return config;
	}

}
