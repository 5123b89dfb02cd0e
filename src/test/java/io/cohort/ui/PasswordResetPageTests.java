package io.cohort.ui;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.IntegrationTest;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.testing.Mailbox;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forgot password, in the pages (GH-14): the login page links to it; asking answers the
 * same whether or not the account exists; the mailed link (read from the in-JVM SMTP
 * server) opens a form with the password rules' field errors; a new password ends every
 * earlier session, the old password stops working and the new one signs in; the link
 * works once; a wrong link is refused; asking too often for one account is refused; the
 * link's token reaches no log.
 */
@ExtendWith(OutputCaptureExtension.class)
class PasswordResetPageTests extends IntegrationTest {

	private static final Pattern LINK = Pattern
		.compile("http://localhost:\\d+(/password/reset\\?token=([A-Za-z0-9_-]+))");

	private static final String NEW_PASSWORD = "a-fresh-reset-password-2026";

	/** Where a redirect points, without the scheme and host. */
	private static String where(HttpResponse<?> response) {
		URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
		return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
	}

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcClient jdbc;

	Tenants.TestTenant tenant;

	String email;

	@BeforeEach
	void aTenantWithALearner() {
		tenant = new Tenants(tenantManagement).create("reset");
		email = "forgetful@" + tenant.slug() + ".test";
		Tenants.as(tenant.as(Role.ADMIN), () -> users.create(new UserManagement.NewUser(email, "Forgetful Learner",
				TrainingFixture.PASSWORD, Set.of(Role.LEARNER))));
	}

	@Test
	void theLoginPageLinksToTheForgotPasswordPage() {
		WebClient web = new WebClient(port);
		assertThat(web.get("/login").body()).contains("href=\"/password/forgot\">Forgot password?</a>");
		HttpResponse<String> page = web.get("/password/forgot");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"tenant\"").contains("name=\"email\"").contains("Send me a link");
	}

	@Test
	void theMailedLinkSetsANewPasswordEndsEarlierSessionsAndWorksOnce(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("cohort.access", LogLevel.INFO);
		try {
			WebClient before = new WebClient(port);
			assertThat(where(before.login(tenant.slug(), email, TrainingFixture.PASSWORD))).isEqualTo("/");
			assertThat(before.get("/").statusCode()).isEqualTo(200);

			WebClient web = new WebClient(port);
			web.get("/password/forgot");
			HttpResponse<String> asked = web.post("/password/forgot", Map.of("tenant", tenant.slug(), "email", email));
			assertThat(asked.statusCode()).isEqualTo(302);
			assertThat(where(asked)).isEqualTo("/password/forgot?sent");
			assertThat(web.get("/password/forgot?sent").body()).contains("data-testid=\"reset-sent\"");

			Mailbox.Mail mail = Mailbox.awaitMail(email, 1);
			assertThat(mail.subject()).isEqualTo("Reset your Cohort password");
			assertThat(mail.body()).contains("Tenant " + tenant.slug()).contains("within 30 minutes");
			Matcher link = LINK.matcher(mail.body());
			assertThat(link.find()).as("the mail holds the reset link").isTrue();
			String path = link.group(1);
			String token = link.group(2);

			HttpResponse<String> form = web.get(path);
			assertThat(form.statusCode()).isEqualTo(200);
			assertThat(form.body()).contains("Choose a new password").contains("value=\"" + token + "\"");

			HttpResponse<String> weak = web.post("/password/reset",
					Map.of("token", token, "password", "password1234", "repeat", "password1234"));
			assertThat(weak.statusCode()).isEqualTo(422);
			assertThat(weak.body()).contains("data-testid=\"error-summary\"")
				.contains("is one of the most common passwords");
			HttpResponse<String> personal = web.post("/password/reset",
					Map.of("token", token, "password", "forgetful2026", "repeat", "forgetful2026"));
			assertThat(personal.body()).contains("is built from the email");
			HttpResponse<String> mismatch = web.post("/password/reset",
					Map.of("token", token, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD + "x"));
			assertThat(mismatch.statusCode()).isEqualTo(422);
			assertThat(mismatch.body()).contains("is not the same password");
			// the refused attempts changed nothing: the old password still signs in
			assertThat(where(new WebClient(port).login(tenant.slug(), email, TrainingFixture.PASSWORD))).isEqualTo("/");

			HttpResponse<String> saved = web.post("/password/reset",
					Map.of("token", token, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
			assertThat(saved.statusCode()).isEqualTo(302);
			assertThat(where(saved)).isEqualTo("/login?reset");
			assertThat(web.get("/login?reset").body()).contains("data-testid=\"password-changed\"");

			// the session signed in before the reset has ended
			HttpResponse<String> stale = before.get("/");
			assertThat(stale.statusCode()).isEqualTo(302);
			assertThat(where(stale)).isEqualTo("/login");

			assertThat(where(new WebClient(port).login(tenant.slug(), email, TrainingFixture.PASSWORD)))
				.isEqualTo("/login?error");
			WebClient after = new WebClient(port);
			assertThat(where(after.login(tenant.slug(), email, NEW_PASSWORD))).isEqualTo("/");
			assertThat(after.get("/").statusCode()).isEqualTo(200);

			// the link worked once
			HttpResponse<String> again = web.get(path);
			assertThat(again.statusCode()).isEqualTo(400);
			assertThat(again.body()).contains("data-testid=\"reset-link-dead\"");
			HttpResponse<String> reused = web.post("/password/reset", Map.of("token", token, "password",
					"yet-another-password-2027", "repeat", "yet-another-password-2027"));
			assertThat(reused.statusCode()).isEqualTo(400);
			assertThat(reused.body()).contains("data-testid=\"reset-link-dead\"");

			assertThat(jdbc.sql("""
					SELECT count(*) FROM audit_event
					WHERE action = 'auth.password_reset' AND entity_id = (
					    SELECT id::text FROM app_user WHERE tenant_id = :tenant AND email = :email)""")
				.param("tenant", tenant.id())
				.param("email", email)
				.query(Long.class)
				.single()).isEqualTo(1);
			assertThat(output.getAll()).as("the access log ran").contains("/password/reset").doesNotContain(token);
		}
		finally {
			logging.setLogLevel("cohort.access", LogLevel.WARN);
		}
	}

	@Test
	void anUnknownEmailOrOrganisationGetsTheSameAnswerAndNoMail() {
		WebClient web = new WebClient(port);
		web.get("/password/forgot");
		String nobody = "nobody@" + tenant.slug() + ".test";
		List<HttpResponse<String>> answers = List.of(
				web.post("/password/forgot", Map.of("tenant", tenant.slug(), "email", nobody)),
				web.post("/password/forgot", Map.of("tenant", "no-such-" + tenant.slug(), "email", email)),
				web.post("/password/forgot", Map.of("tenant", tenant.slug(), "email", email)));
		for (HttpResponse<String> answer : answers) {
			assertThat(answer.statusCode()).isEqualTo(302);
			assertThat(where(answer)).isEqualTo("/password/forgot?sent");
			assertThat(answer.body()).isEqualTo(answers.get(2).body());
		}
		Mailbox.awaitMail(email, 1);
		assertThat(Mailbox.to(nobody)).isEmpty();
		assertThat(Mailbox.to(email)).hasSize(1);
	}

	@Test
	void aWrongLinkIsRefused() {
		WebClient web = new WebClient(port);
		HttpResponse<String> page = web.get("/password/reset?token=not-a-token-we-ever-made");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("data-testid=\"reset-link-dead\"").contains("href=\"/password/forgot\"");
		assertThat(web.get("/password/reset").statusCode()).isEqualTo(400);
		web.get("/password/forgot");
		HttpResponse<String> posted = web.post("/password/reset",
				Map.of("token", "not-a-token-we-ever-made", "password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
		assertThat(posted.statusCode()).isEqualTo(400);
		assertThat(posted.body()).contains("data-testid=\"reset-link-dead\"");
	}

	@Test
	void asksForOneAccountAreLimitedPerMinute() {
		WebClient web = new WebClient(port);
		web.get("/password/forgot");
		// two a minute per account: within five asks (whatever minute they fall in) one
		// is
		// refused
		HttpResponse<String> refused = null;
		for (int i = 0; i < 5 && refused == null; i++) {
			HttpResponse<String> answer = web.post("/password/forgot", Map.of("tenant", tenant.slug(), "email", email));
			if (answer.statusCode() == 429) {
				refused = answer;
			}
			else {
				assertThat(answer.statusCode()).isEqualTo(302);
			}
		}
		assertThat(refused).as("one ask was refused").isNotNull();
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.body()).contains("Too many password reset requests");
	}

	@Test
	void anInvalidEmailIsAFieldError() {
		WebClient web = new WebClient(port);
		web.get("/password/forgot");
		HttpResponse<String> answer = web.post("/password/forgot",
				Map.of("tenant", tenant.slug(), "email", "not-an-email"));
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("is not an email address").contains("id=\"email-error\"");
	}

}
