package io.cohort.identity;

import java.util.Map;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Failed logins are throttled per account and client address (5 by default) and never
 * reveal whether the tenant or the email exists; someone else's failures never lock the
 * owner out.
 */
class LoginThrottlingIntegrationTests extends ApiIntegrationTest {

	@Autowired
	Logins logins;

	@Test
	void blocksAnAccountAfterTooManyFailuresWith429AndRetryAfter() {
		TestTenant tenant = api.newTenant();
		for (int i = 0; i < 5; i++) {
			api.login(tenant.slug(), tenant.adminEmail(), "wrong-password-" + i)
				.expectProblem(401, "invalid-credentials");
		}

		Api.Response blocked = api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD);

		JsonNode problem = blocked.expectProblem(429, "too-many-login-attempts");
		assertThat(blocked.header("Retry-After")).hasValueSatisfying(
				value -> assertThat(Long.parseLong(value)).isPositive().isLessThanOrEqualTo(15 * 60 + 1));
		assertThat(problem.get("retry_after").asLong()).isPositive();
		assertThat(jdbc
			.sql("SELECT count(*) FROM login_throttle WHERE scope = 'account_address' AND subject LIKE :subject")
			.param("subject", tenant.slug() + "/" + tenant.adminEmail() + " %")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void failuresFromOneAddressDoNotLockTheOwnerOutFromAnother() {
		TestTenant tenant = api.newTenant();
		for (int i = 0; i < 10; i++) {
			int attempt = i;
			assertThatThrownBy(() -> logins.authenticate(tenant.slug(), tenant.adminEmail(),
					"wrong-password-" + attempt, "203.0.113.66"))
				.isInstanceOfSatisfying(CohortException.class, ex -> assertThat(ex.code())
					.isEqualTo(attempt < 5 ? ProblemCode.INVALID_CREDENTIALS : ProblemCode.TOO_MANY_LOGIN_ATTEMPTS));
		}

		CohortPrincipal owner = logins.authenticate(tenant.slug(), tenant.adminEmail(), Api.PASSWORD, "198.51.100.7");

		assertThat(owner.name()).isEqualTo(tenant.adminEmail());
	}

	@Test
	void throttlingOneAccountLeavesOthersAlone() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser other = tenant.addUser("OPS");
		for (int i = 0; i < 5; i++) {
			api.login(tenant.slug(), tenant.adminEmail(), "wrong-password-" + i).expect(401);
		}

		api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD).expect(429);
		api.login(tenant.slug(), other.email(), Api.PASSWORD).expect(200);
	}

	@Test
	void aSuccessfulLoginResetsTheAccountsFailures() {
		TestTenant tenant = api.newTenant();
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 4; i++) {
				api.login(tenant.slug(), tenant.adminEmail(), "wrong-password-" + i).expect(401);
			}
			api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD).expect(200);
		}
	}

	@Test
	void failuresLookTheSameWhateverWasWrong() {
		TestTenant tenant = api.newTenant();

		JsonNode wrongPassword = api.login(tenant.slug(), tenant.adminEmail(), "not-the-password")
			.expectProblem(401, "invalid-credentials");
		JsonNode unknownEmail = api.login(tenant.slug(), "nobody@" + tenant.slug() + ".test", "not-the-password")
			.expectProblem(401, "invalid-credentials");
		JsonNode unknownTenant = api.login(Api.unique("nosuch"), tenant.adminEmail(), Api.PASSWORD)
			.expectProblem(401, "invalid-credentials");
		JsonNode noTenant = api.login(null, tenant.adminEmail(), Api.PASSWORD)
			.expectProblem(401, "invalid-credentials");

		assertThat(withoutCorrelation(unknownEmail)).isEqualTo(withoutCorrelation(wrongPassword));
		assertThat(withoutCorrelation(unknownTenant)).isEqualTo(withoutCorrelation(wrongPassword));
		assertThat(withoutCorrelation(noTenant)).isEqualTo(withoutCorrelation(wrongPassword));
	}

	@Test
	void aDisabledAccountFailsLikeAWrongPassword() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("LEARNER");
		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expect(200);

		JsonNode disabled = api.login(tenant.slug(), user.email(), Api.PASSWORD)
			.expectProblem(401, "invalid-credentials");
		JsonNode wrong = api.login(tenant.slug(), tenant.adminEmail(), "not-the-password")
			.expectProblem(401, "invalid-credentials");

		assertThat(withoutCorrelation(disabled)).isEqualTo(withoutCorrelation(wrong));
	}

	private static JsonNode withoutCorrelation(JsonNode problem) {
		ObjectNode copy = (ObjectNode) problem.deepCopy();
		copy.remove("correlation_id");
		return copy;
	}

}
