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
		// other tests sharing the database add users to the demo tenant, so count the seeded accounts only
		assertThat(jdbc.sql("""
				SELECT count(*) FROM app_user u JOIN tenant t ON t.id = u.tenant_id
				WHERE t.slug = 'demo' AND u.email IN ('admin@demo.cohort.local', 'ops@demo.cohort.local',
				  'trainer@demo.cohort.local', 'assessor@demo.cohort.local', 'learner@demo.cohort.local')""")
			.query(Long.class)
			.single()).isEqualTo(5);
	}

}
