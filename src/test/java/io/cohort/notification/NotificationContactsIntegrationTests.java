package io.cohort.notification;

import java.time.Duration;
import java.util.List;
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
 * A learner's guardian and employer: kept with the preferences, told of absences on their
 * own channels when they opted in, once per session; bad contacts change nothing.
 */
class NotificationContactsIntegrationTests extends ApiIntegrationTest {

	private TestTenant tenant;

	private Training training;

	private String ops;

	private TestTenant.TestUser learnerUser;

	private Training.Learner learner;

	@BeforeEach
	void tenant() {
		tenant = api.newTenant();
		training = new Training(tenant);
		ops = tenant.addUser("OPS").token();
		learnerUser = tenant.addUser("LEARNER");
		learner = training.learner(learnerUser.id());
	}

	@Test
	void anOptedInGuardianHearsOfAnAbsenceOnceAndAnEmployerWhoDidNotHearsNothing() {
		String guardian = "guardian-" + UUID.randomUUID() + "@example.test";
		String employer = "employer-" + UUID.randomUUID() + "@example.test";
		JsonNode saved = api.request("PUT", "/api/v1/learners/me/notification-preferences")
			.bearer(learnerUser.token())
			.json(Map.of("channels", Map.of(), "contacts",
					List.of(Map.of("role", "GUARDIAN", "name", "Grace Guardian", "email", guardian, "channels",
							List.of("EMAIL")),
							Map.of("role", "EMPLOYER", "name", "Acme HR", "email", employer, "phone", "+6591234567",
									"channels", List.of()))))
			.send()
			.expect(200)
			.json();
		assertThat(saved.get("contacts").values()).extracting(c -> c.get("role").asString())
			.containsExactly("EMPLOYER", "GUARDIAN");
		assertThat(api.get("/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.at("/contacts/1/email")
			.asString()).isEqualTo(guardian);

		UUID run = training.run(training.course().id());
		UUID enrolment = training.enrol(learner.id(), run);
		UUID session = training.sessionNow(run, null);
		for (String status : List.of("ABSENT", "PRESENT", "ABSENT")) {
			api.post("/api/v1/attendance/mark-bulk")
				.bearer(ops)
				.json(Map.of("session_id", session.toString(), "records",
						List.of(Map.of("enrollment_id", enrolment.toString(), "status", status))))
				.send()
				.expect(200);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> !Mailbox.to(guardian).isEmpty());
		awaitListenersDone();
		assertThat(Mailbox.to(guardian)).singleElement().satisfies(mail -> {
			assertThat(mail.subject()).startsWith(learner.fullName() + " marked absent: ");
			assertThat(mail.body()).contains("Dear Grace Guardian", learner.fullName())
				.doesNotContain(learner.nationalId());
		});
		assertThat(Mailbox.to(employer)).isEmpty();
	}

	@Test
	void refusesBadContactsAndChangesNothing() {
		api.request("PUT", "/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(ops)
			.json(Map.of("channels", Map.of("ABSENCE_RECORDED", List.of("IN_APP")), "contacts",
					List.of(Map.of("role", "GUARDIAN", "name", "G", "email", "g@example.test", "channels",
							List.of("SMS")))))
			.send()
			.expectProblem(400, "validation-failed");
		api.request("PUT", "/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(ops)
			.json(Map.of("channels", Map.of(), "contacts",
					List.of(Map.of("role", "GUARDIAN", "name", "G", "email", "not-an-email", "channels",
							List.of("EMAIL")))))
			.send()
			.expectProblem(400, "validation-failed");

		JsonNode preferences = api.get("/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(ops)
			.send()
			.expect(200)
			.json();
		assertThat(preferences.get("contacts").values()).isEmpty();
		assertThat(preferences.at("/channels/ABSENCE_RECORDED").values()).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("EMAIL", "IN_APP");
	}

	private void awaitListenersDone() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("""
					SELECT count(*) FROM event_publication WHERE completion_date IS NULL
					  AND serialized_event LIKE :tenant""")
				.param("tenant", "%" + tenant.id() + "%")
				.query(Long.class)
				.single() == 0);
	}

}
