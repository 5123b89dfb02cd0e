package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Authenticator;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login page's second step: after the right password, a user with a second factor is
 * asked for the authenticator's code before any session is theirs.
 */
class SecondFactorLoginPageTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void asksForTheCodeAfterThePasswordAndSignsInWithIt() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("OPS");
		String secret = enrol(user.token());
		WebClient web = new WebClient(port);

		HttpResponse<String> first = web.login(tenant.slug(), user.email(), Api.PASSWORD);

		assertThat(first.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?totp"));
		assertThat(web.get("/").statusCode()).as("no session before the code").isEqualTo(302);
		HttpResponse<String> step = web.get("/login?totp");
		assertThat(step.body()).contains("name=\"totp_code\"").doesNotContain("name=\"password\"");

		HttpResponse<String> wrong = web.post("/login",
				Map.of("totp_code", "000000".equals(Authenticator.code(secret)) ? "111111" : "000000"));
		assertThat(wrong.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?totp&error"));

		web.get("/login?totp");
		HttpResponse<String> second = web.post("/login",
				Map.of("totp_code", Authenticator.code(secret, java.time.Instant.now(), 1)));

		assertThat(second.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
		assertThat(web.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void aCodeWithoutAPasswordFirstSignsNobodyIn() {
		WebClient web = new WebClient(port);
		web.get("/login?totp");

		HttpResponse<String> attempt = web.post("/login", Map.of("totp_code", "123456"));

		assertThat(attempt.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?expired"));
		assertThat(web.get("/").statusCode()).isEqualTo(302);
	}

	private String enrol(String token) {
		String secret = api.post("/api/v1/me/totp").bearer(token).send().expect(200).json().get("secret").asString();
		api.post("/api/v1/me/totp/confirm")
			.bearer(token)
			.json(Map.of("code", Authenticator.code(secret)))
			.send()
			.expect(200);
		return secret;
	}

}
