package io.cohort;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationStartsTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void migratesTheDatabaseAndSeedsTheDemoTenant() {
		assertThat(jdbc.sql("SELECT count(*) FROM tenant WHERE slug = 'demo'").query(Long.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM app_user u JOIN tenant t ON t.id = u.tenant_id WHERE t.slug = 'demo'")
			.query(Long.class)
			.single()).isEqualTo(5);
	}

}
