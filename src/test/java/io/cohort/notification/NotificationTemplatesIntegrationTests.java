package io.cohort.notification;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Mailbox;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's own templates: the default until set, a preview with sample values that
 * saves nothing, and the saved one used for the next message.
 */
class NotificationTemplatesIntegrationTests extends ApiIntegrationTest {

	private static final String PATH = "/api/v1/settings/notifications/templates/";

	private TestTenant tenant;

	@BeforeEach
	void tenant() {
		tenant = api.newTenant();
	}

	@Test
	void previewsSavesAndUsesTheTenantsTemplate() {
		JsonNode initial = api.get(PATH + "ENROLMENT_CONFIRMED").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(initial.get("custom").asBoolean()).isFalse();
		assertThat(initial.get("subject").asString()).isEqualTo("Enrolment confirmed: {course}");

		Map<String, String> draft = Map.of("subject", "Welcome to {course}", "text",
				"Hello {name}, see you on {start}.", "html", "<p><b>Hello {name}</b></p>");
		JsonNode preview = api.post(PATH + "ENROLMENT_CONFIRMED/preview")
			.bearer(tenant.adminToken())
			.json(draft)
			.send()
			.expect(200)
			.json();
		assertThat(preview.get("subject").asString()).isEqualTo("Welcome to Workplace Safety Essentials");
		assertThat(preview.get("html").asString()).isEqualTo("<p><b>Hello Tan Ah Kow</b></p>");
		assertThat(api.get(PATH + "ENROLMENT_CONFIRMED")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("custom")
			.asBoolean()).as("a preview saves nothing").isFalse();

		JsonNode saved = api.request("PUT", PATH + "ENROLMENT_CONFIRMED")
			.bearer(tenant.adminToken())
			.json(draft)
			.send()
			.expect(200)
			.json();
		assertThat(saved.get("custom").asBoolean()).isTrue();

		Training training = new Training(tenant);
		Training.Learner learner = training.learner(null);
		String email = api.get("/api/v1/learners/" + learner.id())
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("email")
			.asString();
		UUID run = training.run(training.course().id());
		training.enrol(learner.id(), run);
		await().atMost(Duration.ofSeconds(30)).until(() -> !Mailbox.to(email).isEmpty());
		assertThat(Mailbox.to(email).get(0).subject()).startsWith("Welcome to Course ");
		assertThat(Mailbox.to(email).get(0).body()).contains("Hello " + learner.fullName());
	}

	@Test
	void refusesAnEmptyTemplateOrAnUnknownKindAndChangesNothing() {
		api.request("PUT", PATH + "ENROLMENT_CONFIRMED")
			.bearer(tenant.adminToken())
			.json(Map.of("subject", " ", "text", "x"))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(api.request("PUT", PATH + "NO_SUCH_KIND")
			.bearer(tenant.adminToken())
			.json(Map.of("subject", "s", "text", "x"))
			.send()
			.status()).isBetween(400, 499);
		assertThat(jdbc.sql("SELECT count(*) FROM notification_template WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single()).isZero();
	}

}
