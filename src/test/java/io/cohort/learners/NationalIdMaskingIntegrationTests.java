package io.cohort.learners;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Nrics;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * National ids: validated, unique per tenant, stored encrypted, and never shown unmasked
 * except by the ADMIN's audited reveal.
 */
class NationalIdMaskingIntegrationTests extends ApiIntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void noLearnerRelatedResponseShowsTheClearNationalId() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser ops = tenant.addUser("OPS");
		TestTenant.TestUser learnerUser = tenant.addUser("LEARNER");
		String nric = Nrics.next();
		String masked = nric.charAt(0) + "****" + nric.substring(5);

		JsonNode learner = api.post("/api/v1/learners")
			.bearer(ops.token())
			.json(Map.of("full_name", "Masked Person", "email", "masked@example.com", "id_type", "SP", "national_id",
					nric, "user_id", learnerUser.id().toString()))
			.send()
			.expect(201)
			.json();
		String learnerId = learner.get("id").asString();
		assertThat(learner.get("national_id_masked").asString()).isEqualTo(masked);
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		String course = api.post("/api/v1/courses")
			.bearer(ops.token())
			.json(Map.of("code", Api.unique("C"), "title", "Masking", "modules",
					List.of(Map.of("code", "M1", "title", "One", "hours", 2))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		String run = api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops.token())
			.json(Map.of("reference", Api.unique("R"), "start_date", today.toString(), "end_date", today.toString(),
					"registration_opens", today.toString(), "registration_closes", today.toString(), "capacity", 5,
					"mode_of_training", "1", "status", "PUBLISHED"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		String session = api.post("/api/v1/runs/" + run + "/sessions")
			.bearer(ops.token())
			.json(Map.of("date", today.toString(), "start_time", "00:00", "end_time", "23:59"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		String enrolment = api.post("/api/v1/enrollments")
			.bearer(ops.token())
			.json(Map.of("learner_id", learnerId, "class_run_id", run))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		api.post("/api/v1/attendance/mark-bulk")
			.bearer(ops.token())
			.json(Map.of("session_id", session, "records",
					List.of(Map.of("enrollment_id", enrolment, "status", "PRESENT"))))
			.send()
			.expect(200);

		List<Api.Response> responses = List.of(api.get("/api/v1/learners").bearer(ops.token()).send().expect(200),
				api.get("/api/v1/learners?q=Masked").bearer(ops.token()).send().expect(200),
				api.get("/api/v1/learners/" + learnerId).bearer(ops.token()).send().expect(200),
				api.patch("/api/v1/learners/" + learnerId)
					.bearer(ops.token())
					.json(Map.of("phone", "+65 9000 0000"))
					.send()
					.expect(200),
				api.get("/api/v1/learners/me").bearer(learnerUser.token()).send().expect(200),
				api.get("/api/v1/enrollments?class_run_id=" + run).bearer(ops.token()).send().expect(200),
				api.get("/api/v1/enrollments/" + enrolment).bearer(ops.token()).send().expect(200),
				api.get("/api/v1/enrollments/me").bearer(learnerUser.token()).send().expect(200),
				api.get("/api/v1/sessions/" + session + "/attendance").bearer(ops.token()).send().expect(200),
				api.get("/api/v1/runs/" + run + "/attendance").bearer(ops.token()).send().expect(200),
				api.get("/api/v1/attendance/me").bearer(learnerUser.token()).send().expect(200),
				api.get("/api/v1/audit?size=200").bearer(tenant.adminToken()).send().expect(200),
				api.post("/api/v1/learners")
					.bearer(ops.token())
					.json(Map.of("full_name", "Again", "email", "again@example.com", "id_type", "SP", "national_id",
							nric))
					.send()
					.expect(409));
		assertThat(responses).allSatisfy(response -> assertThat(response.body()).doesNotContain(nric));
		assertThat(responses.get(2).body()).contains(masked);

		Api.Response revealed = api.post("/api/v1/learners/" + learnerId + "/national-id/reveal")
			.bearer(tenant.adminToken())
			.send()
			.expect(200);
		assertThat(revealed.json().get("national_id").asString()).isEqualTo(nric);
		api.post("/api/v1/learners/" + learnerId + "/national-id/reveal")
			.bearer(ops.token())
			.send()
			.expectProblem(403, "forbidden");
		JsonNode audit = api.get("/api/v1/audit?action=learner.national_id.revealed&entity_id=" + learnerId)
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();
		assertThat(audit.get("total").asLong()).isEqualTo(1);
		assertThat(audit.toString()).doesNotContain(nric).contains(masked);

		byte[] stored = jdbc.sql("SELECT national_id_cipher FROM learner WHERE id = CAST(:id AS uuid)")
			.param("id", learnerId)
			.query((rs, n) -> rs.getBytes(1))
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(nric);
	}

	@Test
	void refusesNationalIdsWithAWrongCheckLetterOrTheWrongKind() {
		TestTenant tenant = api.newTenant();
		String nric = Nrics.next();
		String wrongLetter = nric.substring(0, 8) + (nric.charAt(8) == 'A' ? 'B' : 'A');

		JsonNode problem = api.post("/api/v1/learners")
			.bearer(tenant.adminToken())
			.json(Map.of("full_name", "X", "email", "x@example.com", "id_type", "SP", "national_id", wrongLetter))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(problem.toString()).contains("national_id").contains("check letter").doesNotContain(wrongLetter);
		api.post("/api/v1/learners")
			.bearer(tenant.adminToken())
			.json(Map.of("full_name", "X", "email", "x@example.com", "id_type", "SO", "national_id", nric))
			.send()
			.expectProblem(400, "validation-failed");
		api.post("/api/v1/learners")
			.bearer(tenant.adminToken())
			.json(Map.of("full_name", "X", "email", "x@example.com", "id_type", "FP", "national_id", "E1234567"))
			.send()
			.expect(201);
		assertThat(jdbc.sql("SELECT count(*) FROM learner WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aSecondLearnerWithTheSameIdOrUserIsRefusedAndAUserWithoutALearnerHasNoProfile() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser learnerUser = tenant.addUser("LEARNER");
		String nric = Nrics.next();
		api.post("/api/v1/learners")
			.bearer(tenant.adminToken())
			.json(Map.of("full_name", "First", "email", "first@example.com", "id_type", "SP", "national_id", nric,
					"user_id", learnerUser.id().toString()))
			.send()
			.expect(201);

		api.post("/api/v1/learners")
			.bearer(tenant.adminToken())
			.json(Map.of("full_name", "Second", "email", "second@example.com", "id_type", "SP", "national_id", nric))
			.send()
			.expectProblem(409, "national-id-taken");
		api.post("/api/v1/learners")
			.bearer(tenant.adminToken())
			.json(Map.of("full_name", "Third", "email", "third@example.com", "id_type", "SP", "national_id",
					Nrics.next(), "user_id", learnerUser.id().toString()))
			.send()
			.expectProblem(409, "user-already-linked");
		api.get("/api/v1/learners/me")
			.bearer(tenant.addUser("LEARNER").token())
			.send()
			.expectProblem(404, "no-learner-profile");
	}

	@Test
	void theSameNationalIdMayExistInAnotherTenant() {
		String nric = Nrics.next();
		for (TestTenant tenant : List.of(api.newTenant(), api.newTenant())) {
			api.post("/api/v1/learners")
				.bearer(tenant.adminToken())
				.json(Map.of("full_name", "Twin", "email", "twin@example.com", "id_type", "SP", "national_id", nric))
				.send()
				.expect(201);
		}
	}

}
