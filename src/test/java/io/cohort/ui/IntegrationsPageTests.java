package io.cohort.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrations page: the demo tenant's documented CRM key works for seed 003's
 * webhooks, an ADMIN manages the tenant's API keys there and follows the deliveries down
 * to each record's outcome.
 */
class IntegrationsPageTests extends IntegrationTest {

	private static final String PASSWORD = "cohort-demo-2026";

	/** The README's demo key. */
	private static final String DEMO_KEY = "ck_demo00_zoho-crm-demo-key-2026";

	@LocalServerPort
	int port;

	HttpResponse<String> sync(String key, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/sync/enrollments"))
				.header("Content-Type", "application/json")
				.header("X-Tenant-ID", "demo")
				.header("X-API-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void theReadmesCurlExampleWorksWithTheDemoKeyAndShowsOnThePage() throws Exception {
		String enrolment = "ENR_" + UUID.randomUUID();
		HttpResponse<String> answer = sync(DEMO_KEY, """
				{"data": [{"id": "%s", "Student": {"id": "STUDENT_NOBODY"}, "BTEC_Class": {"id": "CLASS_NOBODY"},
				  "status": "Active"}]}""".formatted(enrolment));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("\"status\":\"SKIPPED\"").contains("student_not_synced_yet");

		WebClient web = new WebClient(port);
		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		HttpResponse<String> page = web.get("/settings/integrations?status=SKIPPED");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("Zoho CRM (demo)").contains("enrollments");
		Matcher delivery = Pattern.compile("href=\"(/settings/integrations/deliveries/[0-9a-f-]{36})[^\"]*\"")
			.matcher(page.body());
		assertThat(delivery.find()).isTrue();
		HttpResponse<String> detail = web.get(delivery.group(1) + "?status=SKIPPED");
		assertThat(detail.statusCode()).isEqualTo(200);
		assertThat(detail.body()).contains("student_not_synced_yet");
		assertThat(web.get(delivery.group(1) + "?status=NEW").body()).contains("No records in this status.");
	}

	@Test
	void anAdminCreatesAKeyShownOnceAndRevokesIt() throws Exception {
		WebClient web = new WebClient(port);
		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		web.get("/settings/integrations");
		HttpResponse<String> created = web.post("/settings/integrations/api-keys", Map.of("name", "Zoho CRM page"));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		Matcher secret = Pattern.compile("data-testid=\"issued-key\">(ck_[^<]+)<").matcher(created.body());
		assertThat(secret.find()).isTrue();
		assertThat(sync(secret.group(1), "{\"data\": []}").statusCode()).isEqualTo(200);
		String list = web.get("/settings/integrations").body();
		assertThat(list).contains("Zoho CRM page").doesNotContain(secret.group(1));
		Matcher revoke = Pattern.compile(
				"action=\"(/settings/integrations/api-keys/[0-9a-f-]{36}/revoke)\"(?:(?!</form>).)*Revoke Zoho CRM page",
				Pattern.DOTALL)
			.matcher(list);
		assertThat(revoke.find()).as(list).isTrue();
		assertThat(web.post(revoke.group(1), Map.of()).statusCode()).isEqualTo(302);
		assertThat(sync(secret.group(1), "{\"data\": []}").statusCode()).isEqualTo(401);
	}

	@Test
	void onlyAnAdminSeesThePage() {
		WebClient web = new WebClient(port);
		web.login("demo", "ops@demo.cohort.local", PASSWORD);
		HttpResponse<String> page = web.get("/settings/integrations");
		assertThat(page.statusCode()).isIn(302, 403);
		assertThat(page.body()).doesNotContain("Recent deliveries");
	}

}
