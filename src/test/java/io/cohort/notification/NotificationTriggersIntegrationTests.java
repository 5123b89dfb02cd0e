package io.cohort.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.analytics.LearnersAtRisk;
import io.cohort.compliance.ComplianceManagement;
import io.cohort.jobs.JobDead;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Mailbox;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The triggers beyond enrolment and absence: a certificate issued, attendance below the
 * tenant's threshold and no longer able to reach it (to the learner), a compliance
 * deadline missed and a new dead letter (to every OPS user), a learner at risk (to the
 * run's trainers and every OPS user) — each one message per recipient, kind and subject
 * matter.
 */
class NotificationTriggersIntegrationTests extends ApiIntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	ComplianceManagement compliance;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private TestTenant tenant;

	private Training training;

	private String ops;

	private Training.Learner learner;

	private String email;

	@BeforeEach
	void tenant() {
		tenant = api.newTenant();
		training = new Training(tenant);
		ops = tenant.addUser("OPS").token();
		learner = training.learner(tenant.addUser("LEARNER").id());
		email = api.get("/api/v1/learners/" + learner.id())
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("email")
			.asString();
	}

	@Test
	void tellsTheLearnerTheirCertificateWasIssued() {
		Training.Certified certified = training.certified(learner.id(), ops, tenant.addUser("ASSESSOR").token());
		String number = api.get("/api/v1/certificates?class_run_id=" + certified.run())
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get(0)
			.get("number")
			.asString();
		awaitListenersDone();

		assertThat(Mailbox.to(email)).filteredOn(mail -> mail.subject().startsWith("Certificate issued: "))
			.singleElement()
			.satisfies(mail -> assertThat(mail.body()).contains(learner.fullName(), number)
				.doesNotContain(learner.nationalId()));
		assertThat(channels("CERTIFICATE_ISSUED")).containsExactlyInAnyOrder("EMAIL", "IN_APP");
	}

	@Test
	void warnsOnceBelowTheThresholdAndOnceWhenItCanNoLongerBeReached() {
		UUID run = training.run(training.course().id());
		UUID enrolment = training.enrol(learner.id(), run);
		LocalDate day = LocalDate.now(Training.ZONE).plusDays(1);
		List<UUID> sessions = List.of(session(run, day), session(run, day.plusDays(1)), session(run, day.plusDays(2)),
				session(run, day.plusDays(3)));

		// 1 of 2 marked hours: 50% so far, below 75%, yet 3 of 4 hours are still
		// possible
		mark(sessions.get(0), enrolment, "PRESENT");
		mark(sessions.get(1), enrolment, "ABSENT");
		mark(sessions.get(1), enrolment, "EXCUSED");
		awaitListenersDone();
		assertThat(channels("ATTENDANCE_BELOW_THRESHOLD")).containsExactlyInAnyOrder("EMAIL", "IN_APP");
		assertThat(channels("ATTENDANCE_THRESHOLD_UNREACHABLE")).isEmpty();

		// at most 2 of 4 hours now: 75% is out of reach
		mark(sessions.get(2), enrolment, "ABSENT");
		mark(sessions.get(3), enrolment, "ABSENT");
		awaitListenersDone();

		assertThat(channels("ATTENDANCE_BELOW_THRESHOLD")).hasSize(2);
		assertThat(channels("ATTENDANCE_THRESHOLD_UNREACHABLE")).containsExactlyInAnyOrder("EMAIL", "IN_APP");
		assertThat(Mailbox.to(email)).extracting(Mailbox.Mail::subject)
			.filteredOn(subject -> subject.startsWith("Attendance"))
			.map(subject -> subject.substring(0, subject.indexOf(':')))
			.containsExactlyInAnyOrder("Attendance below 75%", "Attendance can no longer reach 75%");
	}

	@Test
	void saysNothingWhileAttendanceMeetsTheThreshold() {
		UUID run = training.run(training.course().id());
		UUID enrolment = training.enrol(learner.id(), run);
		LocalDate day = LocalDate.now(Training.ZONE).plusDays(1);
		List<UUID> sessions = List.of(session(run, day), session(run, day.plusDays(1)), session(run, day.plusDays(2)),
				session(run, day.plusDays(3)));

		mark(sessions.get(0), enrolment, "PRESENT");
		mark(sessions.get(1), enrolment, "PRESENT");
		mark(sessions.get(2), enrolment, "PRESENT");
		mark(sessions.get(3), enrolment, "ABSENT");
		awaitListenersDone();

		assertThat(channels("ATTENDANCE_BELOW_THRESHOLD")).isEmpty();
		assertThat(channels("ATTENDANCE_THRESHOLD_UNREACHABLE")).isEmpty();
		assertThat(channels("ABSENCE_RECORDED")).containsExactlyInAnyOrder("EMAIL", "IN_APP");
	}

	@Test
	void tellsEveryOpsUserOnceOfADeadlineMissed() {
		TestTenant.TestUser opsUser = tenant.addUser("OPS");
		String opsEmail = opsUser.email();
		UUID run = training.run(training.course().id());
		training.enrol(learner.id(), run);
		LocalDate later = LocalDate.now(Training.ZONE).plusDays(90);

		compliance.recordDeadlines(tenant.id(), later, Instant.now());
		compliance.recordDeadlines(tenant.id(), later, Instant.now());
		awaitListenersDone();

		List<String> missed = Mailbox.to(opsEmail)
			.stream()
			.map(Mailbox.Mail::subject)
			.filter(subject -> subject.startsWith("Deadline missed: "))
			.toList();
		assertThat(missed).isNotEmpty().doesNotHaveDuplicates();
		JsonNode inbox = api.get("/api/v1/notifications/me").bearer(opsUser.token()).send().expect(200).json();
		assertThat(inbox.get("items").values()).extracting(item -> item.get("subject").asString())
			.containsExactlyInAnyOrderElementsOf(missed);
		assertThat(inbox.get("unread").asLong()).isEqualTo(missed.size());
		assertThat(Mailbox.to(email)).extracting(Mailbox.Mail::subject)
			.noneMatch(subject -> subject.startsWith("Deadline"));
	}

	@Test
	void tellsOpsOfANewDeadLetter() {
		TestTenant.TestUser opsUser = tenant.addUser("OPS");
		UUID job = UUID.randomUUID();
		UUID entity = UUID.randomUUID();
		transactions.executeWithoutResult(status -> events
			.publishEvent(new JobDead(tenant.id(), job, "ENROLMENT_CREATE", "enrolment", entity, "HTTP 500")));
		transactions.executeWithoutResult(status -> events
			.publishEvent(new JobDead(tenant.id(), job, "ENROLMENT_CREATE", "enrolment", entity, "HTTP 500")));
		awaitListenersDone();

		assertThat(Mailbox.to(opsUser.email())).extracting(Mailbox.Mail::subject)
			.containsExactly("Dead letter: ENROLMENT_CREATE of enrolment " + entity);
		assertThat(jdbc
			.sql("""
					SELECT channel FROM notification WHERE tenant_id = :tenant AND kind = 'DEAD_LETTER' AND user_id = :user""")
			.param("tenant", tenant.id())
			.param("user", opsUser.id())
			.query(String.class)
			.list()).containsExactlyInAnyOrder("EMAIL", "IN_APP");
	}

	@Test
	void tellsTheRunsTrainerAndOpsOnceOfEachLearnerAtRisk() {
		TestTenant.TestUser opsUser = tenant.addUser("OPS");
		TestTenant.TestUser trainerUser = tenant.addUser("TRAINER");
		TestTenant.TestUser otherTrainer = tenant.addUser("TRAINER");
		UUID run = training.run(training.course().id());
		LocalDate day = LocalDate.now(Training.ZONE).plusDays(1);
		session(run, day, training.trainer(trainerUser.id()));
		session(run, day.plusDays(1), training.trainer(null));
		training.session(training.run(training.course().id()), day, LocalTime.of(9, 0), LocalTime.of(10, 0),
				training.trainer(otherTrainer.id()));
		LearnersAtRisk event = new LearnersAtRisk(tenant.id(), run, "baseline-1",
				List.of(new LearnersAtRisk.Learner(4711, learner.id(), learner.fullName(), 0.72,
						List.of("no activity for 9 days", "watched 12% of the videos")),
						new LearnersAtRisk.Learner(4712, null, "MOOC user 4712", 0.81, List.of())));
		transactions.executeWithoutResult(status -> events.publishEvent(event));
		transactions.executeWithoutResult(status -> events.publishEvent(event));
		awaitListenersDone();

		for (TestTenant.TestUser staff : List.of(opsUser, trainerUser)) {
			assertThat(Mailbox.to(staff.email())).as("a message per learner, once").hasSize(2).anySatisfy(mail -> {
				assertThat(mail.subject()).startsWith("Learner at risk: " + learner.fullName() + " in ");
				assertThat(mail.body()).contains("72%", "no activity for 9 days; watched 12% of the videos")
					.doesNotContain(learner.nationalId());
			}).anySatisfy(mail -> {
				assertThat(mail.subject()).startsWith("Learner at risk: MOOC user 4712 in ");
				assertThat(mail.body()).contains("81%", "no single reason stands out");
			});
			JsonNode inbox = api.get("/api/v1/notifications/me").bearer(staff.token()).send().expect(200).json();
			assertThat(inbox.get("items").values()).extracting(item -> item.get("subject").asString())
				.hasSize(2)
				.allMatch(subject -> subject.startsWith("Learner at risk: "));
		}
		assertThat(Mailbox.to(otherTrainer.email())).as("a trainer of another run").isEmpty();
		assertThat(Mailbox.to(email)).as("not the learner")
			.extracting(Mailbox.Mail::subject)
			.noneMatch(subject -> subject.startsWith("Learner at risk"));
	}

	@Test
	void refusesStaffKindsInALearnersPreferences() {
		api.request("PUT", "/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(tenant.adminToken())
			.json(Map.of("channels", Map.of("DEAD_LETTER", List.of("EMAIL"))))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(api.get("/api/v1/learners/" + learner.id() + "/notification-preferences")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("channels")
			.has("DEAD_LETTER")).isFalse();
	}

	private UUID session(UUID run, LocalDate date) {
		return session(run, date, null);
	}

	private UUID session(UUID run, LocalDate date, @Nullable UUID trainer) {
		return training.session(run, date, LocalTime.of(9, 0), LocalTime.of(10, 0), trainer);
	}

	private void mark(UUID session, UUID enrolment, String status) {
		api.post("/api/v1/attendance/mark-bulk")
			.bearer(ops)
			.json(Map.of("session_id", session.toString(), "records",
					List.of(Map.of("enrollment_id", enrolment.toString(), "status", status))))
			.send()
			.expect(200);
	}

	private List<String> channels(String kind) {
		return jdbc.sql("SELECT channel FROM notification WHERE tenant_id = :tenant AND kind = :kind")
			.param("tenant", tenant.id())
			.param("kind", kind)
			.query(String.class)
			.list();
	}

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
