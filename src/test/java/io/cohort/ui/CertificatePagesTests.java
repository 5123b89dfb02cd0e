package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's certificates for staff: ADMIN and OPS list and download them, an ADMIN revokes
 * one with a reason (a blank one is refused and changes nothing), as over the API; other
 * roles and other tenants are refused.
 */
class CertificatePagesTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	TestTenant tenant;

	Training.Certified certified;

	@BeforeEach
	void aCertifiedLearner() {
		tenant = api.newTenant();
		Training training = new Training(tenant);
		TestTenant.TestUser ops = tenant.addUser("OPS");
		TestTenant.TestUser assessor = tenant.addUser("ASSESSOR");
		certified = training.certified(training.learner(null).id(), ops.token(), assessor.token());
	}

	@Test
	void anAdminListsDownloadsAndRevokesWithAReason() {
		WebClient admin = signedIn(tenant, tenant.adminEmail());
		String path = "/runs/" + certified.run() + "/certificates";

		HttpResponse<String> page = admin.get(path);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Download PDF")
			.contains("/certificates/" + certified.certificate() + ".pdf")
			.contains("Revoke certificate");
		HttpResponse<String> pdf = admin.get("/certificates/" + certified.certificate() + ".pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");

		String revoke = "/certificates/" + certified.certificate() + "/revoke";
		assertThat(admin.post(revoke, Map.of("reason", " ")).statusCode()).isEqualTo(302);
		assertThat(admin.get(path).body()).contains("reason must not be blank").contains("Valid");
		assertThat(status()).isEqualTo("VALID");

		assertThat(admin.post(revoke, Map.of("reason", "Issued in error")).statusCode()).isEqualTo(302);
		assertThat(admin.get(path).body()).contains("revoked.").contains("Revoked (Issued in error)");
		assertThat(status()).isEqualTo("REVOKED");
		assertThat(admin.get("/certificates/" + certified.certificate() + ".pdf").statusCode()).isEqualTo(404);
	}

	@Test
	void opsListsAndDownloadsButDoesNotRevokeAndOtherRolesAndTenantsAreRefused() {
		WebClient ops = signedIn(tenant, tenant.addUser("OPS").email());
		String path = "/runs/" + certified.run() + "/certificates";
		HttpResponse<String> page = ops.get(path);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Download PDF").doesNotContain("Revoke certificate");
		assertThat(ops.get("/certificates/" + certified.certificate() + ".pdf").statusCode()).isEqualTo(200);
		ops.get("/");
		assertThat(
				ops.post("/certificates/" + certified.certificate() + "/revoke", Map.of("reason", "No")).statusCode())
			.isEqualTo(403);

		for (String role : new String[] { "TRAINER", "ASSESSOR", "LEARNER" }) {
			WebClient other = signedIn(tenant, tenant.addUser(role).email());
			assertThat(other.get(path).statusCode()).as(role).isEqualTo(403);
			assertThat(other.get("/certificates/" + certified.certificate() + ".pdf").statusCode()).as(role)
				.isEqualTo(403);
		}

		TestTenant another = api.newTenant();
		WebClient stranger = signedIn(another, another.adminEmail());
		assertThat(stranger.get(path).statusCode()).isEqualTo(404);
		assertThat(stranger.get("/certificates/" + certified.certificate() + ".pdf").statusCode()).isEqualTo(404);
		stranger.get("/");
		assertThat(stranger.post("/certificates/" + certified.certificate() + "/revoke", Map.of("reason", "No"))
			.statusCode()).isEqualTo(404);
		assertThat(status()).isEqualTo("VALID");
	}

	private WebClient signedIn(TestTenant in, String email) {
		WebClient client = new WebClient(port);
		assertThat(client.login(in.slug(), email, Api.PASSWORD).statusCode()).isEqualTo(302);
		return client;
	}

	private String status() {
		return jdbc
			.sql("SELECT CASE WHEN revoked_at IS NULL THEN 'VALID' ELSE 'REVOKED' END FROM certificate WHERE id = :id")
			.param("id", certified.certificate())
			.query(String.class)
			.single();
	}

}
