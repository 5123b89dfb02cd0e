package io.cohort.ui;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.IntegrationTest;
import io.cohort.jobs.JobDead;
import io.cohort.learners.LearnerManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification pages: an ADMIN's settings (webhook secret shown once, email status)
 * and templates with a safe preview; a learner's own preferences and contacts; an OPS
 * user's in-app messages. Each page is refused to other roles and shows only the caller's
 * tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationPagesTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	private static final Pattern SECRET = Pattern.compile("data-testid=\"webhook-secret\">(whsec_[^<]+)<");

	@LocalServerPort
	int port;

	@Autowired
	LearnerManagement learners;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	TrainingFixture fixture;

	TrainingFixture other;

	@BeforeAll
	void twoTenants() {
		fixture = TrainingFixture.in(application);
		other = TrainingFixture.in(application);
	}

	@Test
	void anAdminSetsTheWebhookAndSeesItsSecretOnceAndOnlyTheirTenantsSettings() {
		WebClient admin = signIn(fixture, "admin");
		assertThat(admin.get("/settings/integrations").body()).contains("href=\"/settings/notifications\"");
		HttpResponse<String> page = admin.get("/settings/notifications");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>Notifications</h1>")
			.contains("Email is on.")
			.contains("No webhook secret yet")
			.contains("href=\"/settings/notifications/templates/ABSENCE_RECORDED\"");

		HttpResponse<String> halfQuiet = admin.post("/settings/notifications",
				Map.of("quietStart", "22:00", "quietEnd", "", "webhookUrl", "ftp://example.com/hooks"));
		assertThat(halfQuiet.statusCode()).isEqualTo(200);
		assertThat(halfQuiet.body()).contains("id=\"quietEnd-error\"").doesNotContain("Notification settings saved");
		HttpResponse<String> badUrl = admin.post("/settings/notifications",
				Map.of("quietStart", "22:00", "quietEnd", "07:00", "webhookUrl", "ftp://example.com/hooks"));
		assertThat(badUrl.body()).contains("id=\"webhookUrl-error\"").doesNotContain("Notification settings saved");
		assertThat(admin.get("/settings/notifications").body()).as("a rejected form changes nothing")
			.contains("No webhook secret yet")
			.doesNotContain("value=\"22:00\"");

		String url = "http://127.0.0.1:18601/hooks";
		HttpResponse<String> saved = admin.post("/settings/notifications",
				Map.of("senderAddress", "training@" + fixture.tenant.slug() + ".test", "quietStart", "22:00",
						"quietEnd", "07:00", "webhookUrl", url));
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(saved.headers().firstValue("Cache-Control")).hasValue("no-store");
		Matcher secret = SECRET.matcher(saved.body());
		assertThat(secret.find()).as(saved.body()).isTrue();
		assertThat(saved.body()).contains("Notification settings saved").contains("A webhook secret is set.");

		String after = admin.get("/settings/notifications").body();
		assertThat(after).contains("value=\"22:00\"")
			.contains("value=\"" + url + "\"")
			.contains("A webhook secret is set.")
			.doesNotContain(secret.group(1))
			.doesNotContain("data-testid=\"webhook-secret\"");
		HttpResponse<String> kept = admin.post("/settings/notifications",
				Map.of("senderAddress", "", "quietStart", "22:00", "quietEnd", "07:00", "webhookUrl", url));
		assertThat(kept.body()).contains("Notification settings saved")
			.doesNotContain("data-testid=\"webhook-secret\"");
		HttpResponse<String> rotated = admin.post("/settings/notifications",
				Map.of("quietStart", "22:00", "quietEnd", "07:00", "webhookUrl", url, "rotateWebhookSecret", "true"));
		Matcher second = SECRET.matcher(rotated.body());
		assertThat(second.find()).isTrue();
		assertThat(second.group(1)).isNotEqualTo(secret.group(1));

		String elsewhere = signIn(other, "admin").get("/settings/notifications").body();
		assertThat(elsewhere).contains("No webhook secret yet").doesNotContain(url).doesNotContain("22:00");
		for (String role : List.of("ops", "trainer", "learner")) {
			WebClient web = signIn(fixture, role);
			assertThat(web.get("/settings/notifications").statusCode()).as(role).isEqualTo(403);
			assertThat(web.get("/settings/notifications/templates/ABSENCE_RECORDED").statusCode()).as(role)
				.isEqualTo(403);
			assertThat(web.post("/settings/notifications", Map.of("webhookUrl", "")).statusCode()).as(role)
				.isEqualTo(403);
			assertThat(
					web.post("/settings/notifications/templates/ABSENCE_RECORDED", Map.of("subject", "x", "text", "y"))
						.statusCode())
				.as(role)
				.isEqualTo(403);
		}
	}

	@Test
	void anAdminPreviewsADraftSafelyAndSavesIt() {
		WebClient admin = signIn(fixture, "admin");
		String path = "/settings/notifications/templates/ABSENCE_RECORDED";
		HttpResponse<String> page = admin.get(path);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("The default template is in use.")
			.contains("data-testid=\"preview-subject\"")
			.contains("sandbox=\"\"");

		Map<String, String> draft = Map.of("subject", "Absent: {course}", "text", "Dear {name}, see you soon.", "html",
				"<p>Dear <b>{name}</b></p><script>alert(1)</script>");
		HttpResponse<String> preview = admin.post(path + "/preview", draft);
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("nothing is saved yet")
			.contains("data-testid=\"preview-subject\">Absent: ")
			.contains("Dear ")
			.contains("srcdoc=\"&lt;p&gt;Dear &lt;b&gt;")
			.doesNotContain("<script>alert(1)</script>")
			.contains("The default template is in use.");
		assertThat(admin.get(path).body()).as("a preview saves nothing").contains("The default template is in use.");

		HttpResponse<String> blank = admin.post(path, Map.of("subject", "", "text", "x"));
		assertThat(blank.statusCode()).isEqualTo(200);
		assertThat(blank.body()).contains("id=\"subject-error\"");

		HttpResponse<String> saved = admin.post(path, draft);
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(admin.get(path).body()).contains("Your own template is in use.").contains("Template saved");
		assertThat(admin.get("/settings/notifications").body()).contains("Your own");
		assertThat(signIn(other, "admin").get(path).body()).as("another tenant keeps the default")
			.contains("The default template is in use.");
	}

	@Test
	void aLearnerSetsTheirOwnChannelsAndContacts() {
		WebClient learner = signIn(fixture, "learner");
		assertThat(learner.get("/my/notifications").body()).contains("href=\"/my/notifications/preferences\"");
		HttpResponse<String> page = learner.get("/my/notifications/preferences");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("My notification preferences")
			.contains("aria-label=\"ABSENCE_RECORDED by EMAIL\" checked");

		HttpResponse<String> noPhone = learner.postFields("/my/notifications/preferences",
				List.of(Map.entry("choices", "ABSENCE_RECORDED:IN_APP"), Map.entry("guardianName", "Grace Tan"),
						Map.entry("guardianEmail", "grace@example.com"), Map.entry("guardianChannels", "SMS"),
						Map.entry("employerEmail", "hr@acme.example")));
		assertThat(noPhone.statusCode()).isEqualTo(200);
		assertThat(noPhone.body()).contains("id=\"employerName-error\"");
		HttpResponse<String> sms = learner.postFields("/my/notifications/preferences",
				List.of(Map.entry("choices", "ABSENCE_RECORDED:IN_APP"), Map.entry("guardianName", "Grace Tan"),
						Map.entry("guardianEmail", "grace@example.com"), Map.entry("guardianChannels", "SMS")));
		assertThat(sms.statusCode()).isEqualTo(200);
		assertThat(sms.body()).contains("id=\"guardianPhone-error\"").contains("SMS needs a phone number");
		assertThat(learner.get("/my/notifications/preferences").body()).as("a rejected form changes nothing")
			.contains("aria-label=\"ABSENCE_RECORDED by EMAIL\" checked")
			.doesNotContain("Grace Tan");

		HttpResponse<String> saved = learner.postFields("/my/notifications/preferences",
				List.of(Map.entry("choices", "ABSENCE_RECORDED:IN_APP"),
						Map.entry("choices", "CERTIFICATE_ISSUED:EMAIL"), Map.entry("guardianName", "Grace Tan"),
						Map.entry("guardianEmail", "grace@example.com"), Map.entry("guardianPhone", "+6591234567"),
						Map.entry("guardianChannels", "SMS"), Map.entry("guardianChannels", "EMAIL")));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		String after = learner.get("/my/notifications/preferences").body();
		assertThat(after).contains("Your preferences are saved")
			.contains("aria-label=\"ABSENCE_RECORDED by IN_APP\" checked")
			.doesNotContain("aria-label=\"ABSENCE_RECORDED by EMAIL\" checked")
			.doesNotContain("aria-label=\"ENROLMENT_CONFIRMED by EMAIL\" checked")
			.contains("value=\"Grace Tan\"")
			.contains("value=\"+6591234567\"");
		assertThat(jdbc.sql("SELECT count(*) FROM notification_contact WHERE tenant_id = :t AND learner_id = :l")
			.param("t", fixture.tenant.id())
			.param("l", fixture.learnerId)
			.query(Long.class)
			.single()).isEqualTo(1);

		assertThat(signIn(other, "learner").get("/my/notifications/preferences").body())
			.as("another learner sees only their own")
			.doesNotContain("Grace Tan");
		for (String role : List.of("admin", "ops", "trainer")) {
			WebClient web = signIn(fixture, role);
			assertThat(web.get("/my/notifications/preferences").statusCode()).as(role).isEqualTo(403);
			assertThat(web.post("/my/notifications/preferences", Map.of()).statusCode()).as(role).isEqualTo(403);
		}
	}

	@Test
	void anOpsUserListsTheirMessagesAndMarksOneRead() {
		UUID entity = UUID.randomUUID();
		transactions.executeWithoutResult(status -> events.publishEvent(new JobDead(fixture.tenant.id(),
				UUID.randomUUID(), "ENROLMENT_CREATE", "enrolment", entity, "HTTP 500")));
		WebClient ops = signIn(fixture, "ops");
		assertThat(ops.get("/").body()).contains("href=\"/my/notifications\"");
		String subject = "Dead letter: ENROLMENT_CREATE of enrolment " + entity;
		String page = await().atMost(Duration.ofSeconds(30))
			.until(() -> ops.get("/my/notifications").body(), body -> body.contains(subject));
		assertThat(page).contains("1 unread message").doesNotContain("not linked to a learner profile");
		Matcher read = Pattern.compile("action=\"(/my/notifications/[0-9a-f-]+/read)\"").matcher(page);
		assertThat(read.find()).isTrue();
		assertThat(ops.post(read.group(1), Map.of()).statusCode()).isEqualTo(302);
		assertThat(ops.get("/my/notifications").body()).contains("0 unread messages").contains(subject);

		WebClient elsewhere = signIn(other, "ops");
		assertThat(elsewhere.get("/my/notifications").body()).as("another tenant's OPS user").doesNotContain(subject);
		assertThat(elsewhere.post(read.group(1), Map.of()).statusCode()).isEqualTo(404);
		assertThat(signIn(fixture, "admin").get("/my/notifications").statusCode()).isEqualTo(403);

		String log = ops.get("/notifications/deliveries?status=SENT").body();
		assertThat(log).as("the delivery log").contains(subject).contains("In-app");
		assertThat(ops.get("/notifications/deliveries?status=DEAD").body()).doesNotContain(subject);
		assertThat(elsewhere.get("/notifications/deliveries").body()).doesNotContain(subject);
		assertThat(signIn(fixture, "trainer").get("/notifications/deliveries").statusCode()).isEqualTo(403);
	}

	private WebClient signIn(TrainingFixture tenant, String who) {
		WebClient web = new WebClient(port);
		assertThat(web.login(tenant.tenant.slug(), tenant.email(who), tenant.password(who)).statusCode()).as(who)
			.isEqualTo(302);
		return web;
	}

}
