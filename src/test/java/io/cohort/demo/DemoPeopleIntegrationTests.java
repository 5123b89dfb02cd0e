package io.cohort.demo;

import java.util.List;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo learners' phone numbers are drawn independently of their NRICs and share no four
 * digits in a row with them, so a masked NRIC plus the phone never gives the whole NRIC
 * away.
 */
class DemoPeopleIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void noDemoPhoneContainsTheDigitsOfItsNationalId() {
		for (DemoTraining.DemoPerson person : DemoTraining.people()) {
			String idDigits = person.nationalId().replaceAll("\\D", "");
			String phoneDigits = person.phone().replaceAll("\\D", "");

			String mobile = phoneDigits.substring(2); // after the country code 65
			for (int i = 0; i + 4 <= idDigits.length(); i++) {
				assertThat(mobile).as(person.name()).doesNotContain(idDigits.substring(i, i + 4));
			}
			assertThat(person.phone()).as(person.name()).matches("\\+65 [89]\\d{3} \\d{4}");
		}
	}

	@Test
	void theDemoTenantsLearnersGetThosePhones() {
		List<String> stored = jdbc.sql("""
				SELECT l.phone FROM learner l JOIN tenant t ON t.id = l.tenant_id WHERE t.slug = 'demo'""")
			.query(String.class)
			.list();

		assertThat(stored).containsExactlyInAnyOrderElementsOf(
				DemoTraining.people().stream().map(DemoTraining.DemoPerson::phone).toList());
	}

}
