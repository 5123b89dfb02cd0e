package io.cohort.certification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Pdfs;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff reissue a certificate over the API (GH-14): a new certificate with a fresh
 * snapshot replaces the old one, which is revoked, in one audited transaction; only the
 * latest certificate of an enrolment that still meets the rule is reissued, and a refused
 * reissue changes nothing. Public verification of the old code names the replacement's
 * number and nothing more. A learner's certificates are listed per learner, within the
 * tenant. Reissuing a revoked certificate undoes the revocation and is an ADMIN's; the
 * learner and the public never see staff's reasons (ADR 0037).
 */
class CertificateReissueIntegrationTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	TestTenant tenant;

	Training training;

	TestTenant.TestUser ops;

	TestTenant.TestUser assessor;

	Training.Learner learner;

	Training.Certified certified;

	@BeforeEach
	void aCertifiedLearner() {
		tenant = api.newTenant();
		training = new Training(tenant);
		ops = tenant.addUser("OPS");
		assessor = tenant.addUser("ASSESSOR");
		learner = training.learner(null);
		certified = training.certified(learner.id(), ops.token(), assessor.token());
	}

	@Test
	void aReissueReplacesTheCertificateWithAFreshSnapshotAndRevokesTheOld() {
		JsonNode old = certificate(certified.certificate());
		api.patch("/api/v1/learners/" + learner.id())
			.bearer(ops.token())
			.json(Map.of("full_name", "Corrected Name"))
			.send()
			.expect(200);

		JsonNode issued = api.post("/api/v1/certificates/" + certified.certificate() + "/reissue")
			.bearer(ops.token())
			.json(Map.of("reason", "Name misspelt"))
			.send()
			.expect(201)
			.json();

		assertThat(issued.get("status").asString()).isEqualTo("VALID");
		assertThat(issued.get("enrollment_id").asString()).isEqualTo(certified.enrolment().toString());
		assertThat(issued.get("learner_name").asString()).isEqualTo("Corrected Name");
		assertThat(issued.get("number").asString()).isNotEqualTo(old.get("number").asString());
		assertThat(issued.get("verification_code").asString()).isNotEqualTo(old.get("verification_code").asString());
		assertThat(issued.get("replaces_id").asString()).isEqualTo(certified.certificate().toString());
		JsonNode replaced = certificate(certified.certificate());
		assertThat(replaced.get("status").asString()).isEqualTo("REVOKED");
		assertThat(replaced.get("revoke_reason").asString())
			.isEqualTo("Reissued as " + issued.get("number").asString() + ": Name misspelt");
		assertThat(replaced.get("revoked_automatically").asBoolean()).isFalse();
		assertThat(replaced.get("replaced_by_id").asString()).isEqualTo(issued.get("id").asString());
		assertThat(replaced.get("learner_name").asString()).as("an issued certificate is never changed")
			.isEqualTo(learner.fullName());

		Map<String, Object> fact = jdbc.sql("""
				SELECT actor_label, changes::text AS changes FROM audit_event
				WHERE action = 'certificate.reissued' AND entity_id = :id""")
			.param("id", issued.get("id").asString())
			.query()
			.singleRow();
		assertThat(fact.get("actor_label").toString()).contains(ops.email());
		assertThat(fact.get("changes").toString()).contains("Name misspelt")
			.contains(old.get("number").asString())
			.contains(certified.certificate().toString());
		assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'certificate.revoked' AND entity_id = :id",
				certified.certificate().toString()))
			.isEqualTo(1);

		JsonNode listed = api.get("/api/v1/learners/" + learner.id() + "/certificates")
			.bearer(ops.token())
			.send()
			.expect(200)
			.json();
		assertThat(listed.values()).extracting(c -> c.get("id").asString())
			.containsExactly(issued.get("id").asString(), certified.certificate().toString());
	}

	@Test
	void verificationOfTheOldCodeNamesTheReplacementAndNothingMore() {
		String oldCode = certificate(certified.certificate()).get("verification_code").asString();
		JsonNode issued = reissue(certified.certificate(), "Wrong course title").expect(201).json();

		JsonNode old = api.get("/verify/" + oldCode).header("Accept", "application/json").send().expect(200).json();
		assertThat(old.propertyNames()).containsExactlyInAnyOrder("status", "learner_name", "course_title", "issued_on",
				"replaced_by");
		assertThat(old.get("status").asString()).isEqualTo("REVOKED");
		assertThat(old.get("replaced_by").asString()).isEqualTo(issued.get("number").asString());
		String page = api.get("/verify/" + oldCode).header("Accept", "text/html").send().expect(200).body();
		assertThat(page).contains("REPLACED")
			.contains(issued.get("number").asString())
			.doesNotContain("Wrong course title")
			.doesNotContain(issued.get("verification_code").asString());

		JsonNode current = api.get("/verify/" + issued.get("verification_code").asString())
			.header("Accept", "application/json")
			.send()
			.expect(200)
			.json();
		assertThat(current.propertyNames()).containsExactlyInAnyOrder("status", "learner_name", "course_title",
				"issued_on");
		assertThat(current.get("status").asString()).isEqualTo("VALID");
	}

	@Test
	void onlyTheLatestCertificateIsReissuedAndARefusalChangesNothing() {
		JsonNode issued = reissue(certified.certificate(), "First correction").expect(201).json();
		long before = certificates();

		JsonNode problem = reissue(certified.certificate(), "Again").expectProblem(409, "certificate-not-latest");
		assertThat(problem.get("latest_id").asString()).isEqualTo(issued.get("id").asString());
		reissue(UUID.fromString(issued.get("id").asString()), " ").expectProblem(400, "validation-failed");
		api.post("/api/v1/certificates/" + issued.get("id").asString() + "/reissue")
			.bearer(ops.token())
			.json(Map.of())
			.send()
			.expectProblem(400, "validation-failed");
		reissue(UUID.randomUUID(), "Nothing").expectProblem(404, "not-found");

		assertThat(certificates()).isEqualTo(before);
		assertThat(certificate(UUID.fromString(issued.get("id").asString())).get("status").asString())
			.isEqualTo("VALID");
	}

	@Test
	void anEnrolmentThatNoLongerMeetsTheRuleIsRefused() {
		UUID assessment = api.get("/api/v1/assessments?enrollment_id=" + certified.enrolment())
			.bearer(ops.token())
			.send()
			.expect(200)
			.json()
			.get(0)
			.get("id")
			.asString()
			.transform(UUID::fromString);
		api.post("/api/v1/assessments/" + assessment + "/void")
			.bearer(assessor.token())
			.json(Map.of("reason", "Wrong learner"))
			.send()
			.expect(200);
		assertThat(certificate(certified.certificate()).get("status").asString()).as("revoked by eligibility")
			.isEqualTo("REVOKED");
		long before = certificates();

		reissue(certified.certificate(), "Please").expectProblem(403, "revoked-reissue-admin-only");
		JsonNode problem = reissue(certified.certificate(), "Please", tenant.adminToken()).expectProblem(422,
				"enrolment-not-eligible");

		assertThat(problem.get("detail").asString()).contains("module");
		assertThat(certificates()).isEqualTo(before);
		assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'certificate.reissued' AND tenant_id = :id",
				tenant.id()))
			.isZero();
	}

	@Test // GH-14
	void onlyAnAdminReissuesARevokedCertificateAndRefusingOpsChangesNothing() {
		api.post("/api/v1/certificates/" + certified.certificate() + "/revoke")
			.bearer(tenant.adminToken())
			.json(Map.of("reason", "Printed with the wrong name"))
			.send()
			.expect(200);
		long before = certificates();

		JsonNode problem = reissue(certified.certificate(), "Name corrected").expectProblem(403,
				"revoked-reissue-admin-only");

		assertThat(problem.get("detail").asString()).contains("is revoked").contains("only an ADMIN");
		assertThat(certificates()).isEqualTo(before);
		assertThat(certificate(certified.certificate()).get("revoke_reason").asString())
			.isEqualTo("Printed with the wrong name");
		assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'certificate.reissued' AND tenant_id = :id",
				tenant.id()))
			.isZero();

		JsonNode issued = reissue(certified.certificate(), "Name corrected", tenant.adminToken()).expect(201).json();
		assertThat(issued.get("status").asString()).isEqualTo("VALID");
		assertThat(certificate(certified.certificate()).get("revoke_reason").asString())
			.as("the earlier revocation stands as it was")
			.isEqualTo("Printed with the wrong name");
		assertThat(reissue(UUID.fromString(issued.get("id").asString()), "Valid one, OPS may").expect(201)
			.json()
			.get("status")
			.asString()).isEqualTo("VALID");
	}

	@Test // GH-14
	void anAdminReissuesAValidCertificateAsOpsDoes() {
		JsonNode issued = reissue(certified.certificate(), "Course retitled", tenant.adminToken()).expect(201).json();

		assertThat(issued.get("status").asString()).isEqualTo("VALID");
		assertThat(certificate(certified.certificate()).get("status").asString()).isEqualTo("REVOKED");
	}

	@Test // GH-14
	void aLearnerAndThePublicSeeThatACertificateWasReplacedOrRevokedButNeverStaffsReason() {
		TestTenant.TestUser user = tenant.addUser("LEARNER");
		Training.Certified own = training.certified(training.learner(user.id()).id(), ops.token(), assessor.token());
		JsonNode issued = reissue(own.certificate(), "Staff note: misspelt by the front desk").expect(201).json();
		String issuedId = issued.get("id").asString();
		byte[] pdf = Pdfs.download(port, "/api/v1/enrollments/" + own.enrolment() + "/certificate", user.token());
		assertThat(Pdfs.text(pdf)).contains(issued.get("number").asString()).doesNotContain("misspelt");
		api.post("/api/v1/certificates/" + issuedId + "/revoke")
			.bearer(tenant.adminToken())
			.json(Map.of("reason", "Suspected fraud, see ticket 42"))
			.send()
			.expect(200);

		JsonNode mine = api.get("/api/v1/certificates/me").bearer(user.token()).send().expect(200).json();

		assertThat(mine.toString()).doesNotContain("misspelt").doesNotContain("fraud");
		assertThat(mine.values()).extracting(c -> c.get("id").asString())
			.containsExactly(issuedId, own.certificate().toString());
		assertThat(mine.get(1).get("status").asString()).isEqualTo("REVOKED");
		assertThat(mine.get(1).get("replaced_by").asString()).isEqualTo(issued.get("number").asString());
		assertThat(mine.get(0).get("status").asString()).isEqualTo("REVOKED");
		assertThat(mine.get(0).has("replaced_by")).isFalse();
		for (JsonNode c : mine.values()) {
			String code = c.get("verification_code").asString();
			assertThat(api.get("/verify/" + code).header("Accept", "application/json").send().expect(200).body())
				.doesNotContain("misspelt")
				.doesNotContain("fraud");
			assertThat(api.get("/verify/" + code).header("Accept", "text/html").send().expect(200).body())
				.contains("RE")
				.doesNotContain("misspelt")
				.doesNotContain("fraud");
		}
		assertThat(certificate(issuedId).get("revoke_reason").asString()).as("staff keep the reason")
			.isEqualTo("Suspected fraud, see ticket 42");
	}

	@Test
	void anotherTenantNeitherListsNorReissues() {
		TestTenant other = api.newTenant();
		TestTenant.TestUser otherOps = other.addUser("OPS");
		api.get("/api/v1/learners/" + learner.id() + "/certificates")
			.bearer(otherOps.token())
			.send()
			.expectProblem(404, "not-found");
		api.post("/api/v1/certificates/" + certified.certificate() + "/reissue")
			.bearer(other.adminToken())
			.json(Map.of("reason", "Hijack"))
			.send()
			.expectProblem(404, "not-found");
		assertThat(certificate(certified.certificate()).get("status").asString()).isEqualTo("VALID");
		api.post("/api/v1/certificates/" + certified.certificate() + "/reissue")
			.bearer(tenant.addUser("LEARNER").token())
			.json(Map.of("reason", "Mine"))
			.send()
			.expectProblem(403, "forbidden");
	}

	private io.cohort.testing.Api.Response reissue(UUID certificate, String reason) {
		return reissue(certificate, reason, ops.token());
	}

	private io.cohort.testing.Api.Response reissue(UUID certificate, String reason, String token) {
		return api.post("/api/v1/certificates/" + certificate + "/reissue")
			.bearer(token)
			.json(Map.of("reason", reason))
			.send();
	}

	/** A certificate of a run of the tenant as the API lists it. */
	private JsonNode certificate(String id) {
		return certificate(UUID.fromString(id));
	}

	/** A certificate of a run of the tenant as the API lists it. */
	private JsonNode certificate(UUID id) {
		UUID run = jdbc.sql("SELECT run_id FROM certificate WHERE id = :id").param("id", id).query(UUID.class).single();
		List<JsonNode> all = api.get("/api/v1/certificates?class_run_id=" + run)
			.bearer(ops.token())
			.send()
			.expect(200)
			.json()
			.values()
			.stream()
			.toList();
		return all.stream()
			.filter(c -> c.get("id").asString().equals(id.toString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no certificate " + id));
	}

	private long certificates() {
		return count("SELECT count(*) FROM certificate WHERE tenant_id = :id", tenant.id());
	}

	private long count(String sql, Object id) {
		return jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

}
