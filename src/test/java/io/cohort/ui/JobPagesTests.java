package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobQueue;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared job view (GH-11): OPS sees the tenant's Moodle jobs among every target's,
 * filtered, and retries a dead one; another tenant's job is neither shown nor retried;
 * roles other than ADMIN and OPS are refused.
 */
class JobPagesTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JobQueue queue;

	@Autowired
	TransactionTemplate tx;

	@Test
	void opsFiltersTheMoodleJobsAndRetriesADeadOneOfItsOwnTenantOnly() {
		TestTenant tenant = api.newTenant();
		TestTenant another = api.newTenant();
		UUID dead = deadJob(tenant, "MOODLE", "Moodle refused the token");
		UUID gateway = deadJob(tenant, "TPGATEWAY", "TPGateway refused the enrolment");
		UUID foreign = deadJob(another, "MOODLE", "Another tenant's failure");
		WebClient ops = signedIn(tenant, tenant.addUser("OPS").email());

		HttpResponse<String> moodle = ops.get("/jobs?target=MOODLE&status=DEAD");
		assertThat(moodle.statusCode()).isEqualTo(200);
		assertThat(moodle.body()).contains("data-job=\"" + dead + "\"")
			.contains("Moodle refused the token")
			.doesNotContain(gateway.toString())
			.doesNotContain(foreign.toString());
		assertThat(ops.get("/jobs").body()).contains(dead.toString()).contains(gateway.toString());

		HttpResponse<String> retried = ops.post("/jobs/retry",
				Map.of("ids", dead.toString(), "back", "/jobs?target=MOODLE"));
		assertThat(retried.statusCode()).isEqualTo(302);
		assertThat(retried.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/jobs?target=MOODLE"));
		assertThat(ops.get("/jobs?target=MOODLE").body()).contains("1 job put back in the queue.");
		assertThat(status(dead)).isEqualTo("PENDING");

		ops.post("/jobs/retry", Map.of("ids", foreign.toString()));
		assertThat(ops.get("/jobs").body()).contains("Nothing changed");
		assertThat(status(foreign)).isEqualTo("DEAD");
		assertThat(ops.post("/jobs/retry", Map.of("ids", "not-a-job")).statusCode()).isEqualTo(400);
		assertThat(ops.post("/jobs/cancel", Map.of("ids", dead + "\u0000")).statusCode()).isEqualTo(400);
		assertThat(ops.get("/jobs?status=NOPE").statusCode()).isEqualTo(400);
		assertThat(status(gateway)).as("a refused request changes nothing").isEqualTo("DEAD");
		assertThat(ops.post("/jobs/retry", Map.of("ids", gateway.toString(), "back", "https://evil.example/"))
			.headers()
			.firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/jobs"));
	}

	@Test
	void onlyAdminAndOpsSeeTheJobs() {
		TestTenant tenant = api.newTenant();
		assertThat(signedIn(tenant, tenant.adminEmail()).get("/jobs").statusCode()).isEqualTo(200);
		for (String role : new String[] { "TRAINER", "ASSESSOR", "LEARNER" }) {
			WebClient other = signedIn(tenant, tenant.addUser(role).email());
			assertThat(other.get("/jobs").statusCode()).as(role).isEqualTo(403);
			assertThat(other.post("/jobs/retry", Map.of("ids", UUID.randomUUID().toString())).statusCode()).as(role)
				.isEqualTo(403);
		}
	}

	private UUID deadJob(TestTenant tenant, String target, String error) {
		UUID entity = UUID.randomUUID();
		return tx.execute(status -> {
			Job job = queue.enqueue(new JobQueue.NewJob(tenant.id(), target, "ENROL", "test_record", entity,
					"test:" + entity, "{}", null, null));
			jdbc.sql("UPDATE sync_job SET status = 'DEAD', attempts = 3, last_error = :error WHERE id = :id")
				.param("error", error)
				.param("id", job.id())
				.update();
			return job.id();
		});
	}

	private String status(UUID job) {
		return jdbc.sql("SELECT status FROM sync_job WHERE id = :id").param("id", job).query(String.class).single();
	}

	private WebClient signedIn(TestTenant in, String email) {
		WebClient client = new WebClient(port);
		assertThat(client.login(in.slug(), email, Api.PASSWORD).statusCode()).isEqualTo(302);
		return client;
	}

}
