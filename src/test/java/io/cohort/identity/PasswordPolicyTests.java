package io.cohort.identity;

import java.util.List;
import java.util.Map;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The password policy on its own: the bundled list, patterns and the account's context.
 */
class PasswordPolicyTests {

	private static final PasswordPolicy POLICY = PasswordPolicy.bundled();

	private static final PasswordPolicy.Context ACME = new PasswordPolicy.Context("jane.tan@acme.example",
			"acme-training", "Acme Skills Institute");

	@Test
	void bundlesAboutTenThousandCommonPasswords() {
		assertThat(POLICY.weakness("qwertyuiopasdf", ACME)).isPresent();
		for (String common : List.of("baseball1234", "password1234", "1qaz2wsx3edc", "iloveyou2026!", "P@ssw0rd2024!",
				"Football!!!!12", "letmein-2026", "superman1234")) {
			assertThat(POLICY.weakness(common, ACME)).as(common).isPresent();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "password1234", "monkey123456", "dragon2026!!", "Sunshine2026", "trustno1-2026" })
	void refusesCommonPasswordsWithSomethingTackedOn(String password) {
		assertThat(POLICY.weakness(password, ACME)).contains(PasswordPolicy.TOO_COMMON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "aaaaaaaaaaaa", "xk-77777-plumtree", "abcdefgh-lamp", "lamp-98765-river", "zq8#zq8#zq8#",
			"asdfg-houses-22" })
	void refusesRunsSequencesAndRepeats(String password) {
		assertThat(POLICY.weakness(password, ACME)).contains(PasswordPolicy.TOO_PREDICTABLE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane.tan-2026!", "JaneTan-password", "acme-training-9x", "AcmeSkillsInstitute!",
			"jane-1-2-3-4-5-6-7" })
	void refusesPasswordsBuiltFromTheEmailOrTheTenant(String password) {
		assertThat(POLICY.weakness(password, ACME)).contains(PasswordPolicy.TOO_PERSONAL);
	}

	@Test
	void acceptsANameAmongEnoughElse() {
		assertThat(POLICY.weakness("JaneTan-rivers-and-lamps", ACME)).isEmpty();
	}

	@Test
	void refusesAShortSlugOnlyWhenTheRestIsWeak() {
		PasswordPolicy.Context ntu = new PasswordPolicy.Context("ops@ntu.example", "ntu", "NTU");

		assertThat(POLICY.weakness("ntu-20262026", ntu)).contains(PasswordPolicy.TOO_PERSONAL);
		assertThat(POLICY.weakness("ntu-password!", ntu)).contains(PasswordPolicy.TOO_PERSONAL);
		assertThat(POLICY.weakness("ntu-mango-lantern-41", ntu)).isEmpty();
	}

	@Test
	void acceptsTheDemoPasswordForEveryDemoUser() {
		for (String user : List.of("admin", "ops", "trainer", "assessor", "learner")) {
			assertThatNoException().as(user)
				.isThrownBy(() -> POLICY.check("password", IdentityBootstrap.DEMO_PASSWORD,
						new PasswordPolicy.Context(user + "@demo.cohort.local", "demo", "Demo Training Academy")));
		}
		assertThatNoException().isThrownBy(() -> POLICY.check("password", IdentityBootstrap.DEMO_PASSWORD,
				PasswordPolicy.Context.platform(IdentityBootstrap.DEMO_PLATFORM_EMAIL)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse battery staple", "kopi-siew-dai-2026", "Tq9!vR2#mW7$", "mango-lantern-41" })
	void acceptsPasswordsThatAreHardToGuess(String password) {
		assertThat(POLICY.weakness(password, ACME)).isEmpty();
	}

	@Test
	void refusesWithAFieldErrorNamingTheReason() {
		assertThatThrownBy(() -> POLICY.check("password", "password1234", ACME))
			.isInstanceOfSatisfying(CohortException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
				assertThat(ex.properties().get("errors"))
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
					.singleElement()
					.isEqualTo(Map.of("field", "password", "code", "password-too-common", "message",
							"is one of the most common passwords; choose one that is harder to guess"));
			});
	}

	@Test
	void keepsTheLengthLimits() {
		assertThatThrownBy(() -> POLICY.check("password", "Tq9!vR2#mW7", ACME)).isInstanceOf(CohortException.class)
			.satisfies(ex -> assertThat(((CohortException) ex).properties().toString()).contains("at least 12"));
		assertThatThrownBy(() -> POLICY.check("password", "Tq9!vR2#mW7$".repeat(11), ACME))
			.isInstanceOf(CohortException.class)
			.satisfies(ex -> assertThat(((CohortException) ex).properties().toString()).contains("at most 128"));
	}

}
