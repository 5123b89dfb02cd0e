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
		assertThat(jdbc.sql("SELECT count(*) FROM tenant WHERE slug = 'demo'").query(Long.class).single()).isEqualTo(1);
		// other tests sharing the database add users to the demo tenant, so count the
		// seeded accounts only
		assertThat(jdbc.sql("""
				SELECT count(*) FROM app_user u JOIN tenant t ON t.id = u.tenant_id
				WHERE t.slug = 'demo' AND u.email IN ('admin@demo.cohort.local', 'ops@demo.cohort.local',
				  'trainer@demo.cohort.local', 'assessor@demo.cohort.local', 'learner@demo.cohort.local')""")
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void seedsTheDemoTenantsTrainingDataSoEveryPageShowsSomething() {
		assertThat(count(
				"SELECT count(*) FROM course c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = 'demo' AND c.code IN ('WSH-101', 'DAF-201', 'CSE-110')"))
			.isEqualTo(3);
		assertThat(count(
				"SELECT count(*) FROM class_run r JOIN tenant t ON t.id = r.tenant_id WHERE t.slug = 'demo' AND r.reference LIKE '%-R0%'"))
			.isGreaterThanOrEqualTo(4);
		assertThat(count(
				"SELECT count(*) FROM enrolment e JOIN class_run r ON r.id = e.run_id WHERE r.reference = 'CSE-110-R07' AND e.status = 'WAITLISTED'"))
			.isEqualTo(2);
		assertThat(count(
				"SELECT count(*) FROM attendance a JOIN class_run r ON r.id = a.run_id WHERE r.reference = 'WSH-101-R01'"))
			.isEqualTo(7);
		assertThat(count(
				"SELECT count(*) FROM assessment a JOIN enrolment e ON e.id = a.enrolment_id JOIN class_run r ON r.id = e.run_id WHERE r.reference = 'WSH-101-R01'"))
			.isEqualTo(12);
		assertThat(count(
				"SELECT count(*) FROM certificate c JOIN enrolment e ON e.id = c.enrolment_id JOIN class_run r ON r.id = e.run_id WHERE r.reference = 'WSH-101-R01'"))
			.isEqualTo(6);
		assertThat(count(
				"SELECT count(*) FROM learner l JOIN app_user u ON u.id = l.user_id WHERE u.email = 'learner@demo.cohort.local'"))
			.isEqualTo(1);
		assertThat(count(
				"SELECT count(*) FROM trainer tr JOIN app_user u ON u.id = tr.user_id WHERE u.email = 'trainer@demo.cohort.local'"))
			.isEqualTo(1);
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
