package io.cohort.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WEBHOOK channel: the tenant's URL (checked on save), the secret shown once, and a
 * local receiver that accepts a message only when its {@code t=…,v1=…} signature is
 * right.
 */
class WebhookIntegrationTests extends ApiIntegrationTest {

	static final int RECEIVER_PORT = 18320;

	/** What the receiver accepted (signature right) and refused. */
	record Received(String body, boolean signatureValid) {
	}

	final List<Received> received = new CopyOnWriteArrayList<>();

	volatile String secret = "";

	HttpServer receiver;

	TestTenant tenant;

	@BeforeEach
	void start() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", RECEIVER_PORT), 0);
		receiver.createContext("/hooks", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			boolean valid = verify(exchange.getRequestHeaders().getFirst("Cohort-Signature"), body);
			received.add(new Received(body, valid));
			exchange.sendResponseHeaders(valid ? 204 : 400, -1);
			exchange.close();
		});
		receiver.start();
		tenant = api.newTenant();
	}

	@AfterEach
	void stop() {
		receiver.stop(0);
	}

	@Test
	void theSecretIsShownOnceAndARefusedUrlChangesNothing() {
		JsonNode saved = putSettings(Map.of("webhook_url", "http://127.0.0.1:" + RECEIVER_PORT + "/hooks"));
		assertThat(saved.get("webhook_secret").asString()).startsWith("whsec_");
		assertThat(saved.get("webhook_secret_set").asBoolean()).isTrue();

		JsonNode read = api.get("/api/v1/settings/notifications").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(read.get("webhook_secret").isNull()).isTrue();
		assertThat(read.get("webhook_url").asString()).isEqualTo("http://127.0.0.1:" + RECEIVER_PORT + "/hooks");
		assertThat(api.get("/api/v1/settings/notifications").bearer(tenant.adminToken()).send().body())
			.doesNotContain(saved.get("webhook_secret").asString());

		JsonNode again = putSettings(
				Map.of("webhook_url", "http://127.0.0.1:" + RECEIVER_PORT + "/hooks", "sender_address", "a@b.test"));
		assertThat(again.get("webhook_secret").isNull()).isTrue();

		JsonNode problem = api.request("PUT", "/api/v1/settings/notifications")
			.bearer(tenant.adminToken())
			.json(Map.of("webhook_url", "ftp://example.com/hooks"))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(problem.toString()).contains("webhook_url");
		assertThat(api.get("/api/v1/settings/notifications")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("sender_address")
			.asString()).isEqualTo("a@b.test");
	}

	@Test
	void anAbsenceAlertIsPostedSignedToTheTenantsWebhook() {
		secret = putSettings(Map.of("webhook_url", "http://127.0.0.1:" + RECEIVER_PORT + "/hooks"))
			.get("webhook_secret")
			.asString();
		Training training = new Training(tenant);
		TestTenant.TestUser learnerUser = tenant.addUser("LEARNER");
		Training.Learner learner = training.learner(learnerUser.id());
		UUID run = training.run(training.course().id());
		UUID enrolment = training.enrol(learner.id(), run);
		UUID session = training.sessionNow(run, null);
		String ops = tenant.addUser("OPS").token();
		api.request("PUT", "/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(tenant.adminToken())
			.json(Map.of("channels", Map.of("ABSENCE_RECORDED", List.of("WEBHOOK"))))
			.send()
			.expect(200);

		for (int i = 0; i < 2; i++) {
			api.post("/api/v1/attendance/mark-bulk")
				.bearer(ops)
				.json(Map.of("session_id", session.toString(), "records",
						List.of(Map.of("enrollment_id", enrolment.toString(), "status", "ABSENT"))))
				.send()
				.expect(200);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
		Received alert = received.get(0);
		assertThat(alert.signatureValid()).isTrue();
		JsonNode body = io.cohort.testing.Api.JSON.readTree(alert.body());
		assertThat(body.get("subject").asString()).startsWith("Marked absent");
		assertThat(body.get("tenant_id").asString()).isEqualTo(tenant.id().toString());
		assertThat(alert.body()).doesNotContain(learner.nationalId());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("""
					SELECT status FROM notification WHERE tenant_id = :tenant AND channel = 'WEBHOOK'""")
				.param("tenant", tenant.id())
				.query(String.class)
				.list()
				.equals(List.of("SENT")));
		assertThat(received).hasSize(1);
	}

	private JsonNode putSettings(Map<String, String> settings) {
		return api.request("PUT", "/api/v1/settings/notifications")
			.bearer(tenant.adminToken())
			.json(settings)
			.send()
			.expect(200)
			.json();
	}

	/** The receiver's check: HMAC-SHA256 of "t.body" with the secret, as v1. */
	private boolean verify(String header, String body) {
		if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
			return false;
		}
		String timestamp = header.substring(2, header.indexOf(','));
		String v1 = header.substring(header.indexOf("v1=") + 3);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
		}
		catch (java.security.GeneralSecurityException ex) {
			return false;
		}
	}

}
