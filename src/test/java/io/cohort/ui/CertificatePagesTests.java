package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's certificates for staff: ADMIN and OPS list, download and reissue them, an ADMIN
 * revokes one with a reason (a blank one is refused and changes nothing), as over the
 * API, from the run's page and from the learner's record; the ADMIN edits the certificate
 * template on the settings page; other roles and other tenants are refused.
 */
class CertificatePagesTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	TestTenant tenant;

	Training.Learner learner;

	Training.Certified certified;

	@BeforeEach
	void aCertifiedLearner() {
		tenant = api.newTenant();
		Training training = new Training(tenant);
		TestTenant.TestUser ops = tenant.addUser("OPS");
		TestTenant.TestUser assessor = tenant.addUser("ASSESSOR");
		learner = training.learner(null);
		certified = training.certified(learner.id(), ops.token(), assessor.token());
	}

	@Test
	void opsReissuesFromTheRunPageAndFromTheLearnersRecord() {
		WebClient ops = signedIn(tenant, tenant.addUser("OPS").email());
		String runPage = "/runs/" + certified.run() + "/certificates";
		String number = number(certified.certificate());
		assertThat(ops.get(runPage).body()).contains("Reissue certificate " + number);

		String reissue = "/certificates/" + certified.certificate() + "/reissue";
		assertThat(ops.post(reissue, Map.of("reason", " ", "from", "run")).statusCode()).isEqualTo(302);
		assertThat(ops.get(runPage).body()).contains("reason must not be blank");
		assertThat(certificates()).isEqualTo(1);

		HttpResponse<String> done = ops.post(reissue, Map.of("reason", "Name misspelt", "from", "run"));
		assertThat(done.statusCode()).isEqualTo(302);
		assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(runPage));
		assertThat(certificates()).isEqualTo(2);
		String newNumber = jdbc.sql("SELECT number FROM certificate WHERE replaces_id = :id")
			.param("id", certified.certificate())
			.query(String.class)
			.single();
		assertThat(ops.get(runPage).body()).contains("reissued as " + newNumber)
			.contains("Replaced by " + newNumber)
			.contains("Reissue certificate " + newNumber)
			.doesNotContain("Reissue certificate " + number + "<")
			.doesNotContain("Revoke certificate");

		String record = "/learners/" + learner.id() + "/record";
		String page = ops.get(record).body();
		assertThat(page).contains("data-testid=\"learner-certificates\"")
			.contains("data-number=\"" + number + "\"")
			.contains("Reissue certificate " + newNumber)
			.contains("name=\"from\" value=\"learner\"");
		UUID latest = jdbc.sql("SELECT id FROM certificate WHERE number = :number")
			.param("number", newNumber)
			.query(UUID.class)
			.single();
		HttpResponse<String> again = ops.post("/certificates/" + latest + "/reissue",
				Map.of("reason", "Course title corrected", "from", "learner"));
		assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(record));
		assertThat(ops.get(record).body()).contains("Certificate " + newNumber + " reissued as");
		assertThat(certificates()).isEqualTo(3);

		ops.get(runPage);
		assertThat(ops.post(reissue, Map.of("reason", "Stale page", "from", "run")).statusCode()).isEqualTo(302);
		assertThat(ops.get(runPage).body()).contains("was replaced; reissue the latest one");
		assertThat(certificates()).isEqualTo(3);
	}

	@Test // GH-14
	void opsIsOfferedNoReissueOfARevokedCertificateAndIsRefusedOneWhileAnAdminReissuesIt() {
		String number = number(certified.certificate());
		api.post("/api/v1/certificates/" + certified.certificate() + "/revoke")
			.bearer(tenant.adminToken())
			.json(Map.of("reason", "Printed with the wrong name"))
			.send()
			.expect(200);
		WebClient ops = signedIn(tenant, tenant.addUser("OPS").email());
		String runPage = "/runs/" + certified.run() + "/certificates";
		String record = "/learners/" + learner.id() + "/record";
		assertThat(ops.get(runPage).body()).contains("data-number=\"" + number + "\"")
			.doesNotContain("Reissue certificate " + number);
		assertThat(ops.get(record).body()).doesNotContain("Reissue certificate " + number);

		String reissue = "/certificates/" + certified.certificate() + "/reissue";
		assertThat(ops.post(reissue, Map.of("reason", "Name corrected", "from", "run")).statusCode()).isEqualTo(302);
		assertThat(ops.get(runPage).body()).contains("only an ADMIN may do");
		assertThat(certificates()).isEqualTo(1);
		assertThat(status()).isEqualTo("REVOKED");

		WebClient admin = signedIn(tenant, tenant.adminEmail());
		assertThat(admin.get(runPage).body()).contains("Reissue certificate " + number);
		assertThat(admin.get(record).body()).contains("Reissue certificate " + number);
		assertThat(admin.post(reissue, Map.of("reason", "Name corrected", "from", "run")).statusCode()).isEqualTo(302);
		assertThat(admin.get(runPage).body()).contains("Certificate " + number + " reissued as");
		assertThat(certificates()).isEqualTo(2);
	}

	@Test // GH-14
	void aLearnerSeesTheirCertificateWasReplacedOrRevokedButNotStaffsReason() {
		TestTenant.TestUser user = tenant.addUser("LEARNER");
		Training training = new Training(tenant);
		Training.Certified own = training.certified(training.learner(user.id()).id(), tenant.addUser("OPS").token(),
				tenant.addUser("ASSESSOR").token());
		String issued = api.post("/api/v1/certificates/" + own.certificate() + "/reissue")
			.bearer(tenant.adminToken())
			.json(Map.of("reason", "Staff note: misspelt by the front desk"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		String issuedNumber = number(UUID.fromString(issued));
		api.post("/api/v1/certificates/" + issued + "/revoke")
			.bearer(tenant.adminToken())
			.json(Map.of("reason", "Suspected fraud, see ticket 42"))
			.send()
			.expect(200);

		String page = signedIn(tenant, user.email()).get("/my/certificates").body();

		assertThat(page).contains("Replaced by " + issuedNumber)
			.contains("Revoked")
			.doesNotContain("misspelt")
			.doesNotContain("fraud");
		assertThat(signedIn(tenant, tenant.adminEmail()).get("/runs/" + own.run() + "/certificates").body())
			.as("staff keep the reasons")
			.contains("Suspected fraud, see ticket 42")
			.contains("Staff note: misspelt by the front desk");
	}

	@Test
	void theRecordPageOffersAnAdminToRevokeAndOtherRolesCannotReissue() {
		WebClient admin = signedIn(tenant, tenant.adminEmail());
		assertThat(admin.get("/learners/" + learner.id() + "/record").body())
			.contains("Revoke certificate " + number(certified.certificate()))
			.contains("Download PDF of certificate " + number(certified.certificate()));
		for (String role : new String[] { "TRAINER", "ASSESSOR", "LEARNER" }) {
			WebClient other = signedIn(tenant, tenant.addUser(role).email());
			other.get("/");
			assertThat(other.post("/certificates/" + certified.certificate() + "/reissue", Map.of("reason", "No"))
				.statusCode()).as(role).isEqualTo(403);
		}
		TestTenant another = api.newTenant();
		WebClient stranger = signedIn(another, another.adminEmail());
		stranger.get("/");
		assertThat(stranger.post("/certificates/" + certified.certificate() + "/reissue", Map.of("reason", "No"))
			.statusCode()).isEqualTo(404);
		assertThat(certificates()).isEqualTo(1);
	}

	@Test
	void anAdminEditsTheTemplateOnTheSettingsPageAndABadImageChangesNothing() {
		WebClient admin = signedIn(tenant, tenant.adminEmail());
		assertThat(admin.get("/settings/certificates").body()).contains("Certificate template")
			.contains("enctype=\"multipart/form-data\"")
			.contains("The built-in wording is in use.")
			.contains("/settings/certificates/preview.pdf");

		HttpResponse<String> refused = admin.postMultipart("/settings/certificates/template",
				Map.of("title", " ", "statement", "has completed", "signatoryName", "", "signatoryTitle", ""),
				Map.of("logo", new WebClient.FilePart("logo.png", "image/png",
						"GIF89a not really".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("data-testid=\"error-summary\"")
			.contains("is not a PNG or JPEG image")
			.contains("must not be blank")
			.contains("aria-invalid=\"true\"");
		assertThat(templateVersions()).isZero();

		HttpResponse<String> tooBig = admin.postMultipart("/settings/certificates/template",
				Map.of("title", "Certificate of Attendance", "statement", "has attended"),
				Map.of("signature", new WebClient.FilePart("signature.png", "image/png",
						io.cohort.testing.Images.noisePng(600, 400, 3))));
		assertThat(tooBig.statusCode()).isEqualTo(200);
		assertThat(tooBig.body()).contains("must be at most 512 KiB");
		assertThat(templateVersions()).isZero();

		HttpResponse<String> saved = admin.postMultipart("/settings/certificates/template",
				Map.of("title", "Certificate of Attendance", "statement", "has attended", "signatoryName",
						"Ms Lim Hui Min", "signatoryTitle", "Principal"),
				Map.of("logo", new WebClient.FilePart("logo.png", "image/png", io.cohort.testing.Images.png(200, 80))));
		assertThat(saved.statusCode()).isEqualTo(302);
		String page = admin.get("/settings/certificates").body();
		assertThat(page).contains("Certificate template saved.")
			.contains("value=\"Certificate of Attendance\"")
			.contains("Version 1")
			.contains("src=\"/settings/certificates/images/logo\"");
		HttpResponse<String> logo = admin.get("/settings/certificates/images/logo");
		assertThat(logo.statusCode()).isEqualTo(200);
		assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");
		HttpResponse<String> preview = admin.get("/settings/certificates/preview.pdf");
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.headers().firstValue("Content-Type")).hasValue("application/pdf");

		WebClient ops = signedIn(tenant, tenant.addUser("OPS").email());
		assertThat(ops.get("/settings/certificates").statusCode()).isEqualTo(403);
		assertThat(ops.get("/settings/certificates/preview.pdf").statusCode()).isEqualTo(403);
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

	private String number(UUID certificate) {
		return jdbc.sql("SELECT number FROM certificate WHERE id = :id")
			.param("id", certificate)
			.query(String.class)
			.single();
	}

	private long certificates() {
		return jdbc.sql("SELECT count(*) FROM certificate WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single();
	}

	private long templateVersions() {
		return jdbc.sql("SELECT count(*) FROM certificate_template WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single();
	}

	private String status() {
		return jdbc
			.sql("SELECT CASE WHEN revoked_at IS NULL THEN 'VALID' ELSE 'REVOKED' END FROM certificate WHERE id = :id")
			.param("id", certified.certificate())
			.query(String.class)
			.single();
	}

}
