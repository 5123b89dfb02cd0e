package io.cohort.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.PublicUrl;
import io.cohort.system.RateWindows;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Mailbox;
import io.cohort.testing.MovableClock;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Forgot password through the API and against the real database and the in-JVM SMTP
 * server (GH-14): the same 202 whether or not the account exists, a link that works once
 * and for 30 minutes only (a clock the test moves), the password rules, every refresh and
 * access token of before ended, the limits per client address and per account in an hour,
 * and no links when the installation has no mail.
 */
class PasswordResetIntegrationTests extends ApiIntegrationTest {

	private static final Pattern TOKEN = Pattern.compile("/password/reset\\?token=([A-Za-z0-9_-]+)");

	private static final String NEW_PASSWORD = "a-fresh-reset-password-2026";

	@Autowired
	TenantRepository tenants;

	@Autowired
	UserRepository users;

	@Autowired
	Passwords passwords;

	@Autowired
	PasswordResetTokens tokens;

	@Autowired
	RefreshTokens refreshTokens;

	@Autowired
	PasswordResetMail mail;

	@Autowired
	RateWindows rates;

	@Autowired
	PublicUrl publicUrl;

	@Autowired
	IdentitySettings settings;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Test
	void theApiAnswersTheSameForEveryoneAndTheMailedTokenSetsTheNewPasswordOnce() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("TRAINER");
		String refresh = api.login(tenant.slug(), user.email(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();

		JsonNode known = forgot(tenant.slug(), user.email()).expect(202).json();
		JsonNode unknown = forgot(tenant.slug(), "nobody-" + user.email()).expect(202).json();
		JsonNode otherTenant = forgot("no-such-" + tenant.slug(), user.email()).expect(202).json();
		assertThat(unknown).isEqualTo(known);
		assertThat(otherTenant).isEqualTo(known);
		assertThat(known.get("message").asString()).contains("If an account with this email exists");

		String token = token(Mailbox.awaitMail(user.email(), 1));
		assertThat(jdbc.sql("SELECT count(*) FROM password_reset WHERE token_hash = :hash")
			.param("hash", Secrets.digest(token))
			.query(Long.class)
			.single()).as("only the token's digest is stored").isEqualTo(1);

		JsonNode weak = api.post("/api/v1/auth/password/reset")
			.json(Map.of("token", token, "password", "password1234"))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(weak.at("/errors/0/field").asString()).isEqualTo("password");
		assertThat(weak.at("/errors/0/code").asString()).isEqualTo("password-too-common");

		api.post("/api/v1/auth/password/reset")
			.json(Map.of("token", token, "password", NEW_PASSWORD))
			.send()
			.expect(204);

		api.post("/api/v1/auth/refresh").json(Map.of("refresh_token", refresh)).send().expect(401);
		api.login(tenant.slug(), user.email(), Api.PASSWORD).expect(401);
		api.login(tenant.slug(), user.email(), NEW_PASSWORD).expect(200);
		api.post("/api/v1/auth/password/reset")
			.json(Map.of("token", token, "password", "yet-another-password-2027"))
			.send()
			.expectProblem(400, "invalid-reset-token");
		api.post("/api/v1/auth/password/reset")
			.json(Map.of("token", "not-a-token-we-ever-made", "password", NEW_PASSWORD))
			.send()
			.expectProblem(400, "invalid-reset-token");
	}

	@Test
	void aLinkWorksForThirtyMinutesOnlyAndEndsTheAccessTokensOfBefore() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser early = tenant.addUser("LEARNER");
		TestTenant.TestUser late = tenant.addUser("LEARNER");
		MovableClock clock = new MovableClock(Instant.now());
		PasswordResets resets = resets(clock, settings.passwordReset(), mail);

		resets.request(tenant.slug(), early.email(), "192.0.2.31");
		resets.request(tenant.slug(), late.email(), "192.0.2.31");
		String earlyToken = token(Mailbox.awaitMail(early.email(), 1));
		String lateToken = token(Mailbox.awaitMail(late.email(), 1));

		clock.advance(Duration.ofMinutes(29));
		assertThat(resets.linkWorks(earlyToken)).isTrue();
		resets.reset(earlyToken, NEW_PASSWORD);
		api.get("/api/v1/me").bearer(early.token()).send().expectProblem(401, "invalid-token");
		api.login(tenant.slug(), early.email(), NEW_PASSWORD).expect(200);

		clock.advance(Duration.ofMinutes(2));
		assertThat(resets.linkWorks(lateToken)).isFalse();
		assertThatThrownBy(() -> resets.reset(lateToken, NEW_PASSWORD)).isInstanceOf(CohortException.class)
			.extracting(ex -> ((CohortException) ex).code())
			.isEqualTo(ProblemCode.INVALID_RESET_TOKEN);
		api.login(tenant.slug(), late.email(), Api.PASSWORD).expect(200);
		api.get("/api/v1/me").bearer(late.token()).send().expect(200);
	}

	@Test
	void asksFromOneAddressAreLimitedPerMinuteWhicheverAccountTheyName() {
		TestTenant tenant = api.newTenant();
		PasswordResets resets = resets(Clock.systemUTC(),
				new IdentitySettings.PasswordReset(Duration.ofMinutes(30), 2, 100, 100), mail);
		String address = "198.51.100." + Api.unique("reset");
		// two a minute: within five asks (whatever minute they fall in) one is refused
		CohortException refused = null;
		for (int i = 0; i < 5 && refused == null; i++) {
			try {
				resets.request(tenant.slug(), "someone-" + i + "@" + tenant.slug() + ".test", address);
			}
			catch (CohortException ex) {
				refused = ex;
			}
		}
		assertThat(refused).as("one ask was refused").isNotNull();
		assertThat(refused.code()).isEqualTo(ProblemCode.TOO_MANY_RESET_REQUESTS);
		assertThat(refused.properties()).containsKey("retry_after");
	}

	@Test
	void asksForOneAccountAreLimitedPerHourAtTwoAMinute() { // GH-14
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("LEARNER");
		MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(5));
		PasswordResets resets = resets(clock, new RateWindows(jdbc, clock),
				new IdentitySettings.PasswordReset(Duration.ofMinutes(30), 100, 2, 5), mail);
		String address = "198.51.100." + Api.unique("hour");

		// two a minute (never refused by the minute's limit), five in the hour
		for (int ask = 1; ask <= 5; ask++) {
			resets.request(tenant.slug(), user.email(), address);
			if (ask % 2 == 0) {
				clock.advance(Duration.ofMinutes(1));
			}
		}
		assertThatThrownBy(() -> resets.request(tenant.slug(), user.email(), address))
			.as("the sixth ask, in the third minute")
			.isInstanceOfSatisfying(CohortException.class, refused -> {
				assertThat(refused.code()).isEqualTo(ProblemCode.TOO_MANY_RESET_REQUESTS);
				assertThat(refused.properties().get("retry_after")).as("seconds until the next hour")
					.isEqualTo(Duration.ofMinutes(57).plusSeconds(55).toSeconds());
			});
		clock.advance(Duration.ofMinutes(30));
		assertThatThrownBy(() -> resets.request(tenant.slug(), user.email(), address)).as("later in the same hour")
			.isInstanceOf(CohortException.class);
		assertThat(links(user)).isEqualTo(5);

		clock.advance(Duration.ofMinutes(28));
		resets.request(tenant.slug(), user.email(), address);
		assertThat(links(user)).as("a new hour, a new link").isEqualTo(6);
		assertThat(Mailbox.awaitMail(user.email(), 6)).isNotNull();
	}

	private long links(TestTenant.TestUser user) {
		return jdbc.sql("SELECT count(*) FROM password_reset WHERE user_id = :user")
			.param("user", user.id())
			.query(Long.class)
			.single();
	}

	@Test
	void anInstallationWithoutMailSendsNoLinks() {
		PasswordResetMail noMail = new PasswordResetMail(
				new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), new SyncTaskExecutor(),
				"no-reply@cohort.invalid");
		PasswordResets resets = resets(Clock.systemUTC(), settings.passwordReset(), noMail);
		assertThat(resets.available()).isFalse();
		assertThatThrownBy(() -> resets.request("demo", "admin@demo.cohort.local", "192.0.2.32"))
			.isInstanceOf(CohortException.class)
			.extracting(ex -> ((CohortException) ex).code())
			.isEqualTo(ProblemCode.PASSWORD_RESET_OFF);
	}

	@Test
	void aDisabledAccountGetsNoLink() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("OPS");
		api.patch("/api/v1/users/" + user.id())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expect(200);
		forgot(tenant.slug(), user.email()).expect(202);
		assertThat(jdbc.sql("SELECT count(*) FROM password_reset WHERE user_id = :user")
			.param("user", user.id())
			.query(Long.class)
			.single()).isZero();
	}

	private Api.Response forgot(String tenant, String email) {
		return api.post("/api/v1/auth/password/forgot").json(Map.of("tenant", tenant, "email", email)).send();
	}

	private PasswordResets resets(Clock clock, IdentitySettings.PasswordReset limits, PasswordResetMail sender) {
		return resets(clock, rates, limits, sender);
	}

	private PasswordResets resets(Clock clock, RateWindows rates, IdentitySettings.PasswordReset limits,
			PasswordResetMail sender) {
		IdentitySettings custom = new IdentitySettings(settings.accessTokenTtl(), settings.refreshTokenTtl(),
				settings.throttle(), limits);
		return new PasswordResets(tenants, users, passwords, tokens, refreshTokens, sender, rates, publicUrl, custom,
				clock, events, tx);
	}

	private static String token(Mailbox.Mail mail) {
		Matcher matcher = TOKEN.matcher(mail.body());
		assertThat(matcher.find()).as("the mail holds the reset link").isTrue();
		return matcher.group(1);
	}

}
