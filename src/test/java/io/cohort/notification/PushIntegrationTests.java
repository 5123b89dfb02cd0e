package io.cohort.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.cohort.system.OutboundUrlPolicy;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.PushBrowser;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The PUSH channel against a push-service stand-in that does what a real one and the
 * browser do: checks the VAPID header (an ES256 JWT for its origin, signed by Cohort's
 * public key) and decrypts the {@code aes128gcm} body with the browser's private key (RFC
 * 8291). A 410 removes the subscription; the endpoint passes the outbound-URL policy
 * before each call.
 */
class PushIntegrationTests extends ApiIntegrationTest {

	static final int SERVICE_PORT = 18550;

	static final String ORIGIN = "http://127.0.0.1:" + SERVICE_PORT;

	/** What the stand-in received. */
	record Received(String path, String authorization, String encoding, String ttl, byte[] body) {
	}

	final List<Received> received = new CopyOnWriteArrayList<>();

	HttpServer service;

	TestTenant tenant;

	@Autowired
	NotificationRepository repository;

	@Autowired
	VapidKeys vapid;

	@BeforeEach
	void start() throws IOException {
		service = HttpServer.create(new InetSocketAddress("127.0.0.1", SERVICE_PORT), 0);
		service.createContext("/push/", exchange -> {
			received.add(new Received(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Encoding"),
					exchange.getRequestHeaders().getFirst("TTL"), exchange.getRequestBody().readAllBytes()));
			exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/push/gone") ? 410 : 201, -1);
			exchange.close();
		});
		service.start();
		tenant = api.newTenant();
	}

	@AfterEach
	void stop() {
		service.stop(0);
	}

	@Test
	void anAbsenceIsPushedEncryptedToTheBrowserAndSignedWithVapid() throws Exception {
		Absence absence = absence();
		String key = api.get("/api/v1/notifications/push-key")
			.bearer(absence.learnerToken())
			.send()
			.expect(200)
			.json()
			.get("public_key")
			.asString();
		PushBrowser browser = new PushBrowser(ORIGIN + "/push/" + UUID.randomUUID());
		subscribe(absence.learnerToken(), browser);

		absence.mark();

		await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
		Received push = received.get(0);
		assertThat(push.path()).isEqualTo(URI.create(browser.endpoint()).getPath());
		assertThat(push.encoding()).isEqualTo("aes128gcm");
		assertThat(push.ttl()).isEqualTo(String.valueOf(PushChannel.TTL_SECONDS));
		PushBrowser.Vapid vapid = PushBrowser.vapid(push.authorization());
		assertThat(vapid.key()).isEqualTo(key);
		assertThat(vapid.claims().get("aud").asString()).isEqualTo(ORIGIN);
		assertThat(vapid.claims().get("sub").asString()).startsWith("mailto:");
		long exp = vapid.claims().get("exp").asLong();
		assertThat(exp).isGreaterThan(Instant.now().getEpochSecond())
			.isLessThanOrEqualTo(Instant.now().plus(Duration.ofHours(24)).getEpochSecond());

		String plaintext = new String(browser.decrypt(push.body()), StandardCharsets.UTF_8);
		JsonNode message = Api.JSON.readTree(plaintext);
		assertThat(message.get("title").asString()).startsWith("Marked absent");
		assertThat(message.get("url").asString()).isEqualTo("/my/notifications");
		assertThat(plaintext).doesNotContain(absence.learner().nationalId());
		await().atMost(Duration.ofSeconds(30)).until(() -> statuses().equals(List.of("SENT")));
		assertThat(received).hasSize(1);
	}

	@Test
	void aBrowserThePushServiceSaysIsGoneIsRemoved() {
		Absence absence = absence();
		PushBrowser gone = new PushBrowser(ORIGIN + "/push/gone-" + UUID.randomUUID());
		UUID id = subscribe(absence.learnerToken(), gone);

		absence.mark();

		await().atMost(Duration.ofSeconds(30)).until(() -> statuses().equals(List.of("SKIPPED")));
		assertThat(jdbc.sql("SELECT last_error FROM notification WHERE tenant_id = :tenant AND channel = 'PUSH'")
			.param("tenant", tenant.id())
			.query(String.class)
			.single()).contains("410");
		assertThat(repository.pushSubscription(tenant.id(), id)).isEmpty();
		assertThat(received).hasSize(1);
	}

	@Test
	void aLearnerWithoutABrowserGetsNoPushAndAPrivateEndpointIsRefusedWhenNotAllowed() throws Exception {
		Absence absence = absence();
		absence.mark();
		await().atMost(Duration.ofSeconds(30)).until(() -> statuses().equals(List.of("SKIPPED")));

		PushBrowser browser = new PushBrowser(ORIGIN + "/push/" + UUID.randomUUID());
		UUID id = subscribe(absence.learnerToken(), browser);
		PushChannel strict = new PushChannel(repository, vapid, new OutboundUrlPolicy(false, false));
		assertThatExceptionOfType(OutboundUrlPolicy.Refused.class)
			.isThrownBy(() -> strict.send(new NotificationChannel.Outgoing(UUID.randomUUID(), tenant.id(),
					id.toString(), null, "Subject", "Text", null)));
		assertThat(received).isEmpty();
	}

	@Test
	void aSubscriptionIsCheckedAndOnlyItsLearnerRemovesIt() {
		TestTenant.TestUser learnerUser = tenant.addUser("LEARNER");
		new Training(tenant).learner(learnerUser.id());
		String token = learnerUser.token();
		Map<String, Object> good = new PushBrowser(ORIGIN + "/push/" + UUID.randomUUID()).subscription();
		@SuppressWarnings("unchecked")
		Map<String, Object> keys = (Map<String, Object>) good.get("keys");

		for (Map.Entry<Map<String, Object>, String> bad : Map
			.of(Map.<String, Object>of("endpoint", "ftp://127.0.0.1/push", "keys", keys), "endpoint",
					Map.<String, Object>of("endpoint", good.get("endpoint"), "keys",
							Map.of("p256dh", "bm90LWEta2V5", "auth", keys.get("auth"))),
					"keys.p256dh", Map.<String, Object>of("endpoint", good.get("endpoint"), "keys",
							Map.of("p256dh", keys.get("p256dh"), "auth", "c2hvcnQ")),
					"keys.auth")
			.entrySet()) {
			assertThat(api.post("/api/v1/notifications/push-subscriptions")
				.bearer(token)
				.json(bad.getKey())
				.send()
				.expectProblem(400, "validation-failed")
				.toString()).contains(bad.getValue());
		}
		assertThat(subscriptions()).isZero();
		assertThat(api.request("PUT", "/api/v1/learners/me/notification-preferences")
			.bearer(token)
			.json(Map.of("channels", Map.of(), "contacts",
					List.of(Map.of("role", "GUARDIAN", "name", "Grace Tan", "email", "grace@example.com", "channels",
							List.of("PUSH")))))
			.send()
			.expectProblem(400, "validation-failed")
			.toString()).as("a guardian has no browser to push to").contains("contacts[0].channels");

		String id = api.post("/api/v1/notifications/push-subscriptions")
			.bearer(token)
			.json(good)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		assertThat(api.post("/api/v1/notifications/push-subscriptions")
			.bearer(token)
			.json(good)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString()).as("the same browser again is the same subscription").isEqualTo(id);

		TestTenant.TestUser other = tenant.addUser("LEARNER");
		new Training(tenant).learner(other.id());
		api.request("DELETE", "/api/v1/notifications/push-subscriptions/" + id)
			.bearer(other.token())
			.send()
			.expectProblem(404, "not-found");
		api.request("DELETE", "/api/v1/notifications/push-subscriptions/" + id).bearer(token).send().expect(204);
		assertThat(subscriptions()).isZero();
		assertThat(jdbc.sql("""
				SELECT action FROM audit_event WHERE tenant_id = :tenant AND action LIKE 'notification.push.%'
				ORDER BY id""").param("tenant", tenant.id()).query(String.class).list()).containsExactly(
				"notification.push.subscribed", "notification.push.subscribed", "notification.push.unsubscribed");

		for (int browsers = 0; browsers < 10; browsers++) {
			subscribe(token, new PushBrowser(ORIGIN + "/push/" + UUID.randomUUID()));
		}
		api.post("/api/v1/notifications/push-subscriptions")
			.bearer(token)
			.json(new PushBrowser(ORIGIN + "/push/" + UUID.randomUUID()).subscription())
			.send()
			.expectProblem(409, "push-subscription-limit");
		assertThat(subscriptions()).as("ten browsers a learner").isEqualTo(10);
	}

	/** A learner who chose PUSH for absences, enrolled in a session happening now. */
	private record Absence(Api api, Training.Learner learner, String learnerToken, String ops, UUID session,
			UUID enrolment) {

		void mark() {
			api.post("/api/v1/attendance/mark-bulk")
				.bearer(ops)
				.json(Map.of("session_id", session.toString(), "records",
						List.of(Map.of("enrollment_id", enrolment.toString(), "status", "ABSENT"))))
				.send()
				.expect(200);
		}

	}

	private Absence absence() {
		Training training = new Training(tenant);
		TestTenant.TestUser learnerUser = tenant.addUser("LEARNER");
		Training.Learner learner = training.learner(learnerUser.id());
		UUID run = training.run(training.course().id());
		UUID enrolment = training.enrol(learner.id(), run);
		UUID session = training.sessionNow(run, null);
		api.request("PUT", "/api/v1/learners/me/notification-preferences")
			.bearer(learnerUser.token())
			.json(Map.of("channels", Map.of("ABSENCE_RECORDED", List.of("PUSH"))))
			.send()
			.expect(200);
		return new Absence(api, learner, learnerUser.token(), tenant.addUser("OPS").token(), session, enrolment);
	}

	private UUID subscribe(String token, PushBrowser browser) {
		return UUID.fromString(api.post("/api/v1/notifications/push-subscriptions")
			.bearer(token)
			.json(browser.subscription())
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString());
	}

	private List<String> statuses() {
		return jdbc.sql("SELECT status FROM notification WHERE tenant_id = :tenant AND channel = 'PUSH'")
			.param("tenant", tenant.id())
			.query(String.class)
			.list();
	}

	private int subscriptions() {
		return jdbc.sql("SELECT count(*) FROM push_subscription WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Integer.class)
			.single();
	}

}
