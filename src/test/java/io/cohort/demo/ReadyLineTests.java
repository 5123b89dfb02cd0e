package io.cohort.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local start-up's last line says where Cohort answers and where the logins are. */
class ReadyLineTests {

	@Test
	void theLineNamesTheAddressAndTheDemoLogins() {
		assertThat(ReadyLine.line("8080", true))
			.isEqualTo("Cohort is ready at http://localhost:8080 — demo logins in the README");
		assertThat(ReadyLine.line("18250", false)).isEqualTo("Cohort is ready at http://localhost:18250");
	}

}
