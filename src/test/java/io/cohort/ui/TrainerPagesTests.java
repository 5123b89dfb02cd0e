package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trainers page: OPS lists the trainers and adds one linked to a TRAINER account
 * (only unlinked TRAINER accounts of the tenant are offered); a refused trainer is shown
 * beside its field and not created; other roles are refused.
 */
class TrainerPagesTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void opsAddsATrainerLinkedToATrainerAccountAndARefusalChangesNothing() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser account = tenant.addUser("TRAINER");
		TestTenant.TestUser assessor = tenant.addUser("ASSESSOR");
		TestTenant another = api.newTenant();
		TestTenant.TestUser stranger = another.addUser("TRAINER");
		WebClient ops = signedIn(tenant, tenant.addUser("OPS").email());

		HttpResponse<String> page = ops.get("/trainers");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("No trainers yet.")
			.contains("value=\"" + account.id() + "\"")
			.doesNotContain(assessor.id().toString())
			.doesNotContain(stranger.id().toString());

		HttpResponse<String> blank = ops.post("/trainers",
				Map.of("fullName", " ", "email", "not-an-email", "userId", account.id().toString()));
		assertThat(blank.statusCode()).isEqualTo(200);
		assertThat(blank.body()).contains("id=\"fullName-error\"").contains("id=\"email-error\"");
		HttpResponse<String> foreign = ops.post("/trainers",
				Map.of("fullName", "Tan Wei", "email", "tan@example.com", "userId", stranger.id().toString()));
		assertThat(foreign.statusCode()).isEqualTo(200);
		assertThat(foreign.body()).contains("id=\"userId-error\"").contains("is not a user of this tenant");
		assertThat(trainers(tenant)).isZero();

		HttpResponse<String> created = ops.post("/trainers",
				Map.of("fullName", "Tan Wei", "email", "tan@example.com", "userId", account.id().toString()));
		assertThat(created.statusCode()).isEqualTo(302);
		String list = ops.get("/trainers").body();
		assertThat(list).contains("Trainer Tan Wei added.")
			.contains("tan@example.com")
			.contains("(" + account.email() + ")")
			.doesNotContain("value=\"" + account.id() + "\"");
		assertThat(trainers(tenant)).isOne();

		HttpResponse<String> twice = ops.post("/trainers",
				Map.of("fullName", "Tan Again", "email", "tan@example.com", "userId", ""));
		assertThat(twice.statusCode()).isEqualTo(200);
		assertThat(twice.body()).contains("already exists");
		assertThat(trainers(tenant)).isOne();
	}

	@Test
	void onlyManagersReachThePage() {
		TestTenant tenant = api.newTenant();
		assertThat(signedIn(tenant, tenant.adminEmail()).get("/trainers").statusCode()).isEqualTo(200);
		for (String role : new String[] { "TRAINER", "ASSESSOR", "LEARNER" }) {
			WebClient other = signedIn(tenant, tenant.addUser(role).email());
			assertThat(other.get("/trainers").statusCode()).as(role).isEqualTo(403);
			other.get("/");
			assertThat(other.post("/trainers", Map.of("fullName", "X", "email", "x@example.com")).statusCode()).as(role)
				.isEqualTo(403);
		}
		assertThat(trainers(tenant)).isZero();
	}

	@Test
	void staffSeeATrainersBookingsAndNoOtherTenantsTrainer() {
		TestTenant tenant = api.newTenant();
		Training training = new Training(tenant);
		UUID trainer = training.trainer(null);
		UUID run = training.run(training.course().id());
		UUID session = training.sessionNow(run, trainer);
		WebClient ops = signedIn(tenant, tenant.addUser("OPS").email());

		assertThat(ops.get("/trainers").body()).contains("href=\"/trainers/" + trainer + "\"");
		HttpResponse<String> page = ops.get("/trainers/" + trainer);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sessions from today")
			.contains("data-session=\"" + session + "\"")
			.contains("href=\"/runs/" + run + "\"");

		WebClient trainerAccount = signedIn(tenant, tenant.addUser("TRAINER").email());
		assertThat(trainerAccount.get("/trainers/" + trainer).statusCode()).isEqualTo(403);
		TestTenant another = api.newTenant();
		WebClient stranger = signedIn(another, another.addUser("OPS").email());
		assertThat(stranger.get("/trainers/" + trainer).statusCode()).isEqualTo(404);
	}

	private WebClient signedIn(TestTenant in, String email) {
		WebClient client = new WebClient(port);
		assertThat(client.login(in.slug(), email, Api.PASSWORD).statusCode()).isEqualTo(302);
		return client;
	}

	private long trainers(TestTenant tenant) {
		return jdbc.sql("SELECT count(*) FROM trainer WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single();
	}

}
