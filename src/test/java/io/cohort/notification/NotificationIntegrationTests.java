package io.cohort.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.cohort.enrolment.EnrolmentConfirmed;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Mailbox;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Learner notifications end to end: mail received by the JVM's GreenMail, in-app messages
 * over the API, one absence alert per learner and session, nothing for a rolled-back
 * change, and a marked sheet that does not wait for its mail.
 */
class NotificationIntegrationTests extends ApiIntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	private TestTenant tenant;

	private Training training;

	private String ops;

	private TestTenant.TestUser learnerUser;

	private Training.Learner learner;

	private String email;

	private UUID run;

	@BeforeEach
	void tenant() {
		tenant = api.newTenant();
		training = new Training(tenant);
		ops = tenant.addUser("OPS").token();
		learnerUser = tenant.addUser("LEARNER");
		learner = training.learner(learnerUser.id());
		email = api.get("/api/v1/learners/" + learner.id())
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("email")
			.asString();
		run = training.run(training.course().id());
	}

	@Test
	void mailsAndListsInAppWhenAnEnrolmentIsConfirmed() {
		training.enrol(learner.id(), run);

		await().atMost(PATIENCE).until(() -> !Mailbox.to(email).isEmpty());
		Mailbox.Mail mail = Mailbox.to(email).get(0);
		assertThat(mail.subject()).startsWith("Enrolment confirmed: Course ");
		assertThat(mail.body()).contains(learner.fullName()).doesNotContain(learner.nationalId());

		JsonNode inbox = api.get("/api/v1/notifications/me").bearer(learnerUser.token()).send().expect(200).json();
		assertThat(inbox.get("unread").asLong()).isEqualTo(1);
		JsonNode item = inbox.get("items").get(0);
		assertThat(item.get("kind").asString()).isEqualTo("ENROLMENT_CONFIRMED");
		assertThat(item.get("body").asString()).doesNotContain(learner.nationalId());

		api.post("/api/v1/notifications/" + item.get("id").asString() + "/read")
			.bearer(learnerUser.token())
			.send()
			.expect(204);
		assertThat(api.get("/api/v1/notifications/me")
			.bearer(learnerUser.token())
			.send()
			.expect(200)
			.json()
			.get("unread")
			.asLong()).isZero();
		JsonNode deliveries = api.get("/api/v1/notifications/deliveries").bearer(ops).send().expect(200).json();
		assertThat(deliveries.get("items").values())
			.extracting(d -> d.get("channel").asString() + " " + d.get("status").asString())
			.containsExactlyInAnyOrder("EMAIL SENT", "IN_APP SENT");
	}

	@Test
	void sendsOneAbsenceAlertWhenTheSheetIsSavedTwiceAndCorrected() {
		UUID enrolment = training.enrol(learner.id(), run);
		UUID session = training.sessionNow(run, null);

		markSheet(session, enrolment, "ABSENT");
		markSheet(session, enrolment, "ABSENT");
		markSheet(session, enrolment, "PRESENT");
		markSheet(session, enrolment, "ABSENT");
		awaitListenersDone();

		assertThat(Mailbox.to(email)).extracting(Mailbox.Mail::subject)
			.filteredOn(subject -> subject.startsWith("Marked absent"))
			.hasSize(1);
		assertThat(jdbc.sql("""
				SELECT channel FROM notification WHERE tenant_id = :tenant AND kind = 'ABSENCE_RECORDED'""")
			.param("tenant", tenant.id())
			.query(String.class)
			.list()).containsExactlyInAnyOrder("EMAIL", "IN_APP");
	}

	@Test
	void honoursTheLearnersChannels() {
		UUID enrolment = training.enrol(learner.id(), run);
		api.request("PUT", "/api/v1/learners/me/notification-preferences")
			.bearer(learnerUser.token())
			.json(Map.of("channels", Map.of("ABSENCE_RECORDED", List.of("IN_APP"))))
			.send()
			.expect(200);
		assertThat(api.get("/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.at("/channels/ABSENCE_RECORDED")
			.values()).extracting(JsonNode::asString).containsExactly("IN_APP");

		markSheet(training.sessionNow(run, null), enrolment, "ABSENT");
		awaitListenersDone();

		assertThat(jdbc.sql("""
				SELECT channel FROM notification WHERE tenant_id = :tenant AND kind = 'ABSENCE_RECORDED'""")
			.param("tenant", tenant.id())
			.query(String.class)
			.list()).containsExactly("IN_APP");
	}

	@Test
	void deliversNothingForAChangeThatRollsBack() {
		UUID rolledBack = UUID.randomUUID();
		UUID committed = UUID.randomUUID();

		transactions.executeWithoutResult(status -> {
			events.publishEvent(new EnrolmentConfirmed(tenant.id(), rolledBack, run, learner.id(), false));
			status.setRollbackOnly();
		});
		transactions.executeWithoutResult(status -> events
			.publishEvent(new EnrolmentConfirmed(tenant.id(), committed, run, learner.id(), false)));
		awaitListenersDone();

		assertThat(jdbc.sql("SELECT dedup_key FROM notification WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(String.class)
			.list()).as("the committed event is delivered, the rolled-back one is not")
			.containsExactlyInAnyOrder("enrolment_confirmed:" + committed + ":EMAIL",
					"enrolment_confirmed:" + committed + ":IN_APP");
		assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :id")
			.param("id", "%" + rolledBack + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void returnsTheMarkedSheetBeforeAnyMailIsSent() throws Exception {
		UUID enrolment = training.enrol(learner.id(), run);
		UUID session = training.sessionNow(run, null);
		awaitListenersDone();

		// another transaction holds the absence alert's dedup key: the listener's insert
		// waits for it
		try (Connection blocker = dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (PreparedStatement insert = blocker.prepareStatement("""
					INSERT INTO notification (id, tenant_id, learner_id, kind, channel, dedup_key, subject, body_text,
					    status, next_attempt_at, created_at)
					VALUES (?, ?, ?, 'ABSENCE_RECORDED', 'EMAIL', ?, 'held', 'held', 'SKIPPED', ?, ?)""")) {
				Timestamp now = Timestamp.from(Instant.now());
				insert.setObject(1, UUID.randomUUID());
				insert.setObject(2, tenant.id());
				insert.setObject(3, learner.id());
				insert.setString(4, "absence_recorded:" + session + ":" + learner.id() + ":EMAIL");
				insert.setTimestamp(5, now);
				insert.setTimestamp(6, now);
				insert.executeUpdate();
			}

			assertTimeoutPreemptively(PATIENCE, () -> markSheet(session, enrolment, "ABSENT"),
					"the sheet must not wait for its notifications");
			assertThat(Mailbox.to(email)).extracting(Mailbox.Mail::subject)
				.noneMatch(subject -> subject.startsWith("Marked absent"));

			blocker.rollback();
		}
		awaitListenersDone();
		assertThat(Mailbox.to(email)).extracting(Mailbox.Mail::subject)
			.filteredOn(subject -> subject.startsWith("Marked absent"))
			.hasSize(1);
	}

	private void markSheet(UUID session, UUID enrolment, String status) {
		api.post("/api/v1/attendance/mark-bulk")
			.bearer(ops)
			.json(Map.of("session_id", session.toString(), "records",
					List.of(Map.of("enrollment_id", enrolment.toString(), "status", status))))
			.send()
			.expect(200);
	}

	/** Waits until every durable listener has completed the tenant's events. */
	private void awaitListenersDone() {
		await().atMost(PATIENCE)
			.until(() -> jdbc.sql("""
					SELECT count(*) FROM event_publication WHERE completion_date IS NULL
					  AND serialized_event LIKE :tenant""")
				.param("tenant", "%" + tenant.id() + "%")
				.query(Long.class)
				.single() == 0);
	}

}
