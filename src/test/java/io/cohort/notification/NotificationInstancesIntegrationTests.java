package io.cohort.notification;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cohort.system.Installation;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.AppProcess;
import io.cohort.testing.Mailbox;
import io.cohort.testing.Nrics;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of Cohort on one database (this test's and a child process) mark the same
 * session's learners absent and present again, at the same time, so both instances'
 * after-commit listeners handle absences of the same learners in the same session: each
 * learner gets one absence email and one in-app message, however many absences were
 * recorded. The child logs to {@code target/processes/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationInstancesIntegrationTests extends ApiIntegrationTest {

	private static final int LEARNERS = 20;

	private static final int ROUNDS = 3;

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	Installation installation;

	AppProcess child;

	@AfterAll
	void stopChild() {
		if (child != null) {
			child.close();
		}
	}

	@Test
	void twoInstancesRecordingTheSameAbsencesSendEachAlertOnce() throws Exception {
		TestTenant tenant = api.newTenant();
		Training training = new Training(tenant);
		TestTenant.TestUser opsUser = tenant.addUser("OPS");
		String ops = opsUser.token();
		UUID run = training.run(training.course().id());
		UUID session = training.sessionNow(run, null);
		List<String> emails = new ArrayList<>();
		List<UUID> enrolments = new ArrayList<>();
		for (int i = 0; i < LEARNERS; i++) {
			String email = Api.unique("twin") + "@instances.test";
			emails.add(email);
			enrolments.add(training.enrol(learner(tenant, email), run));
		}
		sheet(api, ops, session, enrolments, "PRESENT");

		child = AppProcess.start("notify-instance", Map.ofEntries(
				Map.entry("COHORT_DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/cohort"),
				Map.entry("COHORT_DB_USER", "cohort_app"), Map.entry("COHORT_DB_MIGRATION_USER", "postgres"),
				Map.entry("COHORT_DB_POOL_SIZE", "8"),
				Map.entry("COHORT_JWT_SECRET", Base64.getEncoder().encodeToString(installation.jwtKey())),
				Map.entry("COHORT_PII_KEY", Base64.getEncoder().encodeToString(installation.piiKey())),
				Map.entry("COHORT_DATA_DIR", "target/processes/data-notify"),
				Map.entry("COHORT_PUBLIC_URL", "http://localhost"), Map.entry("COHORT_JOBS_WORKERS", "0"),
				Map.entry("COHORT_GATEWAY_SIMULATOR_ENABLED", "false"), Map.entry("SPRING_MAIL_HOST", Mailbox.HOST),
				Map.entry("SPRING_MAIL_PORT", Integer.toString(Mailbox.PORT))), Duration.ofMinutes(4));
		Api twin = new Api(URI.create(child.base()).getPort());
		String twinOps = twin.token(tenant.slug(), opsUser.email(), Api.PASSWORD);

		// each instance flips the whole sheet ABSENT and PRESENT again, both at once:
		// every flip to ABSENT records an absence (and its event) on that instance
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> marking = new ArrayList<>();
			for (Map.Entry<Api, String> instance : Map.of(api, ops, twin, twinOps).entrySet()) {
				marking.add(pool.submit(() -> {
					for (int round = 0; round < ROUNDS; round++) {
						sheet(instance.getKey(), instance.getValue(), session, enrolments, "ABSENT");
						sheet(instance.getKey(), instance.getValue(), session, enrolments, "PRESENT");
					}
					return null;
				}));
			}
			for (Future<?> future : marking) {
				future.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}

		await("every absence handled by the instance that recorded it").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> incompleteAbsences(tenant) == 0
					&& emails.stream().allMatch(email -> !absenceMails(email).isEmpty()));

		assertThat(absencesRecorded(tenant)).as("absences recorded by both instances").isGreaterThan(LEARNERS);
		for (String email : emails) {
			assertThat(absenceMails(email)).as(email).hasSize(1);
		}
		assertThat(jdbc.sql("""
				SELECT channel, count(*) FROM notification
				WHERE tenant_id = :tenant AND kind = 'ABSENCE_RECORDED' GROUP BY channel""")
			.param("tenant", tenant.id())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list())
			.containsExactlyInAnyOrder(Map.entry("EMAIL", (long) LEARNERS), Map.entry("IN_APP", (long) LEARNERS));
		assertThat(jdbc.sql("""
				SELECT count(*) FROM notification
				WHERE tenant_id = :tenant AND kind = 'ABSENCE_RECORDED' AND status <> 'SENT'""")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single()).isZero();
	}

	private UUID learner(TestTenant tenant, String email) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("full_name", "Twin " + email.substring(0, email.indexOf('@')));
		body.put("email", email);
		body.put("id_type", "SP");
		body.put("national_id", Nrics.next());
		body.put("consent", true);
		return UUID.fromString(api.post("/api/v1/learners")
			.bearer(tenant.adminToken())
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString());
	}

	private static void sheet(Api instance, String token, UUID session, List<UUID> enrolments, String status) {
		instance.post("/api/v1/attendance/mark-bulk")
			.bearer(token)
			.json(Map.of("session_id", session.toString(), "records",
					enrolments.stream()
						.map(enrolment -> Map.of("enrollment_id", enrolment.toString(), "status", status))
						.toList()))
			.send()
			.expect(200);
	}

	private static List<Mailbox.Mail> absenceMails(String email) {
		return Mailbox.to(email).stream().filter(mail -> mail.subject().startsWith("Marked absent: ")).toList();
	}

	private long absencesRecorded(TestTenant tenant) {
		return publications(tenant, "");
	}

	private long incompleteAbsences(TestTenant tenant) {
		return publications(tenant, "AND completion_date IS NULL");
	}

	private long publications(TestTenant tenant, String condition) {
		return jdbc.sql("""
				SELECT count(*) FROM event_publication
				WHERE event_type LIKE '%AbsenceRecorded' AND listener_id LIKE '%NotificationTriggers%'
				  AND serialized_event LIKE :tenant\s""" + condition)
			.param("tenant", "%" + tenant.id() + "%")
			.query(Long.class)
			.single();
	}

}
