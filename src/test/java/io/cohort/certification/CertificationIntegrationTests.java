package io.cohort.certification;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentView;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.Problems;
import io.cohort.testing.RunFixture;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RecordApplicationEvents
class CertificationIntegrationTests extends IntegrationTest {

	@Autowired
	TenantManagement tenants;

	@Autowired
	UserManagement users;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AttendanceManagement attendance;

	@Autowired
	AssessmentManagement assessments;

	@Autowired
	CertificationManagement certification;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@LocalServerPort
	int port;

	RunFixture fixture;

	@BeforeEach
	void run() {
		fixture = new RunFixture("cert", 3, 2, tenants, courses, runs, learners, enrolments);
	}

	@Test
	void issuesOneCertificateOnceAttendanceAndEveryModuleQualify() {
		UUID enrolment = fixture.roster.get(0).id();
		record(0, 0, AssessmentResult.COMPETENT);
		markAll(AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.ABSENT);
		assertThat(live(enrolment)).isZero();

		record(0, 1, AssessmentResult.EXEMPT);

		CertificateView issued = Tenants.as(fixture.ops, () -> certification.ofEnrolment(enrolment));
		assertThat(issued.status()).isEqualTo(CertificateStatus.VALID);
		assertThat(issued.number())
			.isEqualTo(fixture.tenant.slug().toUpperCase() + "-" + fixture.today().getYear() + "-000001");
		assertThat(issued.verificationCode()).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9_-]+");
		assertThat(issued.learnerName()).isEqualTo(fixture.roster.get(0).learnerName());
		assertThat(issued.attendanceRate()).isEqualByComparingTo("100");
		assertThat(events.stream(CertificateIssued.class).filter(e -> e.enrolmentId().equals(enrolment))).hasSize(1);

		markAll(AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT);
		Tenants.as(fixture.assessor, () -> assessments.update(active(0, 0).id(),
				new AssessmentManagement.AssessmentChange(null, new BigDecimal("90"), "A", null, null)));

		assertThat(count("SELECT count(*) FROM certificate WHERE enrolment_id = :id", enrolment)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'certificate.issued' AND entity_id = :id",
				issued.id().toString()))
			.isEqualTo(1);
		assertThat(live(fixture.roster.get(1).id())).isZero();
	}

	@Test
	void theTenantsAttendanceThresholdDecides() {
		assertThat(Tenants.as(fixture.admin, () -> certification.policy().attendanceThresholdPercent())).isEqualTo(75);
		passAll(0);
		passAll(1);
		Tenants.as(fixture.ops, () -> attendance.markSheet(fixture.sessions.get(0).id(),
				List.of(new AttendanceManagement.Entry(fixture.roster.get(0).id(), AttendanceStatus.PRESENT, null))));
		assertThat(live(fixture.roster.get(0).id())).isZero();

		Tenants.as(fixture.admin, () -> certification.updatePolicy(50));
		Tenants.as(fixture.ops, () -> attendance.markSheet(fixture.sessions.get(0).id(),
				List.of(new AttendanceManagement.Entry(fixture.roster.get(1).id(), AttendanceStatus.PRESENT, null))));

		assertThat(live(fixture.roster.get(1).id())).isEqualTo(1);
		assertThat(count(
				"SELECT count(*) FROM audit_event WHERE action = 'certification.policy.updated' AND entity_id = :id",
				fixture.tenant.id().toString()))
			.isEqualTo(1);
		assertThatThrownBy(() -> Tenants.as(fixture.admin, () -> certification.updatePolicy(0)))
			.isInstanceOf(CohortException.class);
	}

	@Test
	void aVoidedResultRevokesTheCertificateAndANewResultIssuesAnother() {
		UUID enrolment = fixture.roster.get(0).id();
		passAll(0);
		markAll(AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.PRESENT);
		CertificateView first = Tenants.as(fixture.ops, () -> certification.ofEnrolment(enrolment));

		Tenants.as(fixture.assessor, () -> assessments.voidAssessment(active(0, 1).id(), "wrong module"));

		CertificateView revoked = Tenants.as(fixture.ops, () -> certification.get(first.id()));
		assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
		assertThat(revoked.revokeReason()).isEqualTo("eligibility lost");
		assertThat(revoked.revokedAutomatically()).isTrue();
		assertThat(events.stream(CertificateRevoked.class).filter(e -> e.certificateId().equals(first.id())))
			.hasSize(1);
		assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'certificate.revoked' AND entity_id = :id",
				first.id().toString()))
			.isEqualTo(1);
		assertThatThrownBy(() -> Tenants.as(fixture.ops, () -> certification.ofEnrolment(enrolment)))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NO_CERTIFICATE));

		record(0, 1, AssessmentResult.COMPETENT);
		CertificateView second = Tenants.as(fixture.ops, () -> certification.ofEnrolment(enrolment));
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(second.number()).endsWith("-000002");

		Tenants.as(fixture.assessor, () -> assessments.update(active(0, 0).id(),
				new AssessmentManagement.AssessmentChange(AssessmentResult.NOT_YET_COMPETENT, null, null, null, null)));
		assertThat(live(enrolment)).isZero();
	}

	@Test
	void aCertificateAnAdminRevokedIsNotIssuedAgainAutomatically() {
		UUID enrolment = fixture.roster.get(0).id();
		passAll(0);
		markAll(AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.PRESENT);
		CertificateView issued = Tenants.as(fixture.ops, () -> certification.ofEnrolment(enrolment));

		CertificateView revoked = Tenants.as(fixture.admin,
				() -> certification.revoke(issued.id(), "fraudulent attendance"));
		Tenants.as(fixture.assessor, () -> assessments.update(active(0, 0).id(),
				new AssessmentManagement.AssessmentChange(null, new BigDecimal("70"), null, null, null)));

		assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
		assertThat(revoked.revokedAutomatically()).isFalse();
		assertThat(live(enrolment)).isZero();
		assertThatThrownBy(() -> Tenants.as(fixture.admin, () -> certification.revoke(issued.id(), "again")))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.CERTIFICATE_REVOKED));
	}

	@Test
	void certificatesStayInTheirTenantAndWithTheirLearner() {
		passAll(0);
		markAll(AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.PRESENT);
		CertificateView issued = Tenants.as(fixture.ops, () -> certification.ofEnrolment(fixture.roster.get(0).id()));
		RunFixture other = new RunFixture("cert-other", 1, 1, tenants, courses, runs, learners, enrolments);

		assertThatThrownBy(() -> Tenants.as(other.ops, () -> certification.get(issued.id()))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
		assertThatThrownBy(() -> Tenants.as(other.ops, () -> certification.ofEnrolment(fixture.roster.get(0).id())))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
		assertThatThrownBy(() -> Tenants.as(other.admin, () -> certification.revoke(issued.id(), "not mine")))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
		assertThatThrownBy(() -> Tenants.as(other.ops, () -> certification.ofRun(fixture.run.id())))
			.isInstanceOf(CohortException.class);

		CohortPrincipal owner = learnerUser(0);
		CohortPrincipal stranger = learnerUser(1);
		assertThat(Tenants.as(owner, () -> certification.mine())).extracting(OwnCertificate::id)
			.containsExactly(issued.id());
		assertThat(Tenants.as(owner, () -> certification.ofEnrolment(fixture.roster.get(0).id())).id())
			.isEqualTo(issued.id());
		assertThat(Tenants.as(stranger, () -> certification.mine())).isEmpty();
		assertThatThrownBy(() -> Tenants.as(stranger, () -> certification.get(issued.id()))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
		assertThatThrownBy(() -> Tenants.as(stranger, () -> certification.ofEnrolment(fixture.roster.get(0).id())))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
	}

	@Test
	void thePdfIsAPdfWithTheNumberAndVerificationShowsNothingMore() throws Exception {
		passAll(0);
		markAll(AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.PRESENT);
		CertificateView issued = Tenants.as(fixture.ops, () -> certification.ofEnrolment(fixture.roster.get(0).id()));
		Tenants.as(fixture.admin,
				() -> users.create(new UserManagement.NewUser("ops@" + fixture.tenant.slug() + ".test", "Ops",
						"ops-mango-lantern-2026", Set.of(Role.OPS))));
		String token = token("ops@" + fixture.tenant.slug() + ".test", "ops-mango-lantern-2026");

		HttpResponse<byte[]> pdf = http()
			.send(HttpRequest.newBuilder(uri("/api/v1/enrollments/" + fixture.roster.get(0).id() + "/certificate"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
		String text = new PdfTextExtractor(new PdfReader(pdf.body())).getTextFromPage(1);
		assertThat(text).contains(issued.number())
			.contains(issued.learnerName())
			.contains("/verify/" + issued.verificationCode());

		HttpResponse<String> none = http()
			.send(HttpRequest.newBuilder(uri("/api/v1/enrollments/" + fixture.roster.get(1).id() + "/certificate"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(none.statusCode()).isEqualTo(404);
		assertThat(none.body()).contains("no-certificate");

		HttpResponse<String> json = http().send(HttpRequest.newBuilder(uri("/verify/" + issued.verificationCode()))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(json.statusCode()).isEqualTo(200);
		JsonNode body = new ObjectMapper().readTree(json.body());
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("status", "learner_name", "course_title",
				"issued_on");
		assertThat(body.get("status").asString()).isEqualTo("VALID");
		assertThat(body.get("learner_name").asString()).isEqualTo(issued.learnerName());

		HttpResponse<String> page = http().send(HttpRequest.newBuilder(uri("/verify/" + issued.verificationCode()))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("VALID").contains(issued.learnerName()).doesNotContain(issued.number());

		HttpResponse<String> unknown = http().send(
				HttpRequest.newBuilder(uri("/verify/" + issued.number())).header("Accept", "application/json").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains(Problems.TYPE_BASE + ProblemCode.UNKNOWN_CERTIFICATE.code());
	}

	@Test
	void anAddressPastTheLimitIsToldToWait() {
		String address = "198.51.100." + UUID.randomUUID();
		// the limit is per minute: a minute that turns mid-loop starts the count again
		assertThatThrownBy(() -> {
			for (int i = 0; i < 200; i++) {
				certification.verify("not-a-certificate-code", address);
			}
		}).isInstanceOfSatisfying(CohortException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ProblemCode.TOO_MANY_VERIFICATIONS);
			assertThat(ex.properties()).containsKey("retry_after");
		});
	}

	private void passAll(int learner) {
		record(learner, 0, AssessmentResult.COMPETENT);
		record(learner, 1, AssessmentResult.COMPETENT);
	}

	private void record(int learner, int module, AssessmentResult result) {
		Tenants.as(fixture.assessor,
				() -> assessments.record(new AssessmentManagement.NewAssessment(fixture.roster.get(learner).id(),
						fixture.module(module), result, null, null, fixture.today(), null)));
	}

	private AssessmentView active(int learner, int module) {
		return Tenants.as(fixture.ops, () -> assessments.search(null, fixture.roster.get(learner).id(), false))
			.stream()
			.filter(a -> a.moduleId().equals(fixture.module(module)))
			.findFirst()
			.orElseThrow();
	}

	/** Marks both sessions: the i-th learner gets the i-th status. */
	private void markAll(AttendanceStatus... statuses) {
		for (var session : fixture.sessions) {
			List<AttendanceManagement.Entry> sheet = new java.util.ArrayList<>();
			for (int i = 0; i < statuses.length; i++) {
				sheet.add(new AttendanceManagement.Entry(fixture.roster.get(i).id(), statuses[i], null));
			}
			Tenants.as(fixture.ops, () -> attendance.markSheet(session.id(), sheet));
		}
	}

	private CohortPrincipal learnerUser(int learner) {
		String email = "learner" + learner + "@" + fixture.tenant.slug() + ".test";
		CohortPrincipal user = fixture.tenant.user(Tenants.as(fixture.admin, () -> users.create(
				new UserManagement.NewUser(email, "Learner " + learner, "learner-password-1", Set.of(Role.LEARNER)))));
		Tenants.as(fixture.ops, () -> learners.update(fixture.roster.get(learner).learnerId(),
				new LearnerManagement.LearnerChange(null, null, null, null, null, null, null, user.id())));
		return user;
	}

	private long live(UUID enrolment) {
		return count("SELECT count(*) FROM certificate WHERE enrolment_id = :id AND revoked_at IS NULL", enrolment);
	}

	private long count(String sql, Object id) {
		return jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

	private String token(String email, String password) throws IOException, InterruptedException {
		String body = new ObjectMapper()
			.writeValueAsString(Map.of("tenant", fixture.tenant.slug(), "email", email, "password", password));
		HttpResponse<String> response = http().send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return new ObjectMapper().readTree(response.body()).get("access_token").asString();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static HttpClient http() {
		return HttpClient.newHttpClient();
	}

}
