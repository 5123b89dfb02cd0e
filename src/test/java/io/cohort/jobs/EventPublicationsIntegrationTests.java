package io.cohort.jobs;

import java.time.Duration;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentWithdrawn;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events a durable listener failed to complete: listed to the tenant's ADMIN and
 * resubmitted on demand.
 */
class EventPublicationsIntegrationTests extends ApiIntegrationTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void listsAndResubmitsTheTenantsIncompletePublications() {
		TestTenant tenant = api.newTenant();
		UUID enrolment = UUID.randomUUID();
		UUID learner = new Training(tenant).learner(null).id();
		// the notification listener fails: the learner's run does not exist
		transactions.executeWithoutResult(status -> events
			.publishEvent(new EnrolmentWithdrawn(tenant.id(), enrolment, UUID.randomUUID(), learner, true)));

		JsonNode listed = await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/v1/events/incomplete").bearer(tenant.adminToken()).send().expect(200).json(),
					list -> !list.isEmpty() && "FAILED".equals(list.get(0).get("status").asString()));
		assertThat(listed.values()).hasSize(1).first().satisfies(publication -> {
			assertThat(publication.get("event_type").asString()).isEqualTo(EnrolmentWithdrawn.class.getName());
			assertThat(publication.get("listener_id").asString()).contains("NotificationTriggers");
		});

		String before = publication(enrolment);
		assertThat(api.post("/api/v1/events/incomplete/resubmit")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("resubmitted")
			.asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !publication(enrolment).equals(before) && publication(enrolment).contains("\"FAILED\""));
	}

	/** The publication of the event about the enrolment, as JSON text. */
	private String publication(UUID enrolment) {
		return jdbc.sql("SELECT row_to_json(x)::text FROM event_publication x WHERE serialized_event LIKE :event")
			.param("event", "%" + enrolment + "%")
			.query(String.class)
			.single();
	}

}
