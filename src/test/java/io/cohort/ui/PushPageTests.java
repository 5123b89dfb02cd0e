package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.PushBrowser;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Turn on notifications on this device" on My messages: the button carries the VAPID
 * key, the service worker and script are served (the worker to anyone: a browser fetches
 * it again on its own), and the page's script posts a subscription with the session and
 * its CSRF token — without the token it is refused.
 */
class PushPageTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void theLearnerTurnsOnNotificationsFromMyMessages() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser learner = tenant.addUser("LEARNER");
		new Training(tenant).learner(learner.id());
		String key = api.get("/api/v1/notifications/push-key")
			.bearer(learner.token())
			.send()
			.expect(200)
			.json()
			.get("public_key")
			.asString();
		WebClient web = new WebClient(port);
		assertThat(web.login(tenant.slug(), learner.email(), Api.PASSWORD).statusCode()).isEqualTo(302);

		String page = web.get("/my/notifications").body();
		assertThat(page).contains("id=\"push-on\"")
			.contains("data-key=\"" + key + "\"")
			.contains("data-worker=\"/sw.js\"")
			.contains("src=\"/js/push.js\"")
			.contains("Turn on notifications on this device");
		HttpResponse<String> worker = new WebClient(port).get("/sw.js");
		assertThat(worker.statusCode()).isEqualTo(200);
		assertThat(worker.body()).contains("showNotification");
		assertThat(web.get("/js/push.js").body()).contains("pushManager.subscribe");

		String subscription = Api.JSON
			.writeValueAsString(new PushBrowser("http://127.0.0.1:18551/push/" + UUID.randomUUID()).subscription());
		assertThat(web.postJson("/my/notifications/push-subscriptions", subscription, Map.of()).statusCode())
			.isEqualTo(403);
		web.get("/my/notifications");
		HttpResponse<String> created = web.postJson("/my/notifications/push-subscriptions", subscription,
				Map.of("X-CSRF-TOKEN", web.csrf()));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(jdbc.sql("SELECT count(*) FROM push_subscription WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
