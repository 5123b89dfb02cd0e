package io.cohort.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner's record: enrolments with attendance, results in words and certificates for
 * staff; who revealed the national id for an ADMIN only; refused to others and to other
 * tenants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearnerRecordPageTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AssessmentManagement assessments;

	TrainingFixture fixture;

	final Map<String, WebClient> clients = new HashMap<>();

	@BeforeAll
	void setUp() {
		fixture = TrainingFixture.in(application);
		EnrolmentView enrolment = Tenants
			.as(fixture.tenant.as(Role.OPS),
					() -> enrolments.enrol(
							new EnrolmentManagement.NewEnrolment(fixture.learnerId, fixture.run.id(),
									SponsorshipType.INDIVIDUAL, null, null, null, null),
							EnrolmentManagement.Source.STAFF));
		UUID module = Tenants.as(fixture.tenant.as(Role.OPS), () -> courses.get(fixture.courseId))
			.modules()
			.get(0)
			.id();
		Tenants.as(fixture.tenant.as(Role.ASSESSOR),
				() -> assessments.record(new AssessmentManagement.NewAssessment(enrolment.id(), module,
						AssessmentResult.NOT_YET_COMPETENT, null, null, runs.today(fixture.tenant.id()), null)));
		for (String user : List.of("admin", "ops", "trainer", "learner")) {
			WebClient web = new WebClient(port);
			web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user));
			clients.put(user, web);
		}
	}

	String path() {
		return "/learners/" + fixture.learnerId + "/record";
	}

	@Test
	void staffSeeEnrolmentsAttendanceResultsAndCertificates() {
		String record = clients.get("ops").get(path()).body();
		assertThat(record).contains("data-run=\"" + fixture.run.reference() + "\"")
			.contains("Confirmed")
			.contains("M1 CPR: Not yet competent")
			.doesNotContain("NOT_YET_COMPETENT")
			.contains("0.0%")
			.doesNotContain("Who saw the full national id");
		assertThat(clients.get("ops").get("/learners/" + fixture.learnerId).body())
			.contains("href=\"/learners/" + fixture.learnerId + "/record\"");
	}

	@Test
	void anAdminSeesWhoRevealedTheNationalId() {
		WebClient admin = clients.get("admin");
		admin.get("/learners/" + fixture.learnerId);
		admin.post("/learners/" + fixture.learnerId + "/reveal", Map.of());
		String record = admin.get(path()).body();
		assertThat(record).contains("Who saw the full national id").contains("data-testid=\"reveals\"");
	}

	@Test
	void othersAndOtherTenantsAreRefused() {
		assertThat(clients.get("trainer").get(path()).statusCode()).isEqualTo(403);
		assertThat(clients.get("learner").get(path()).statusCode()).isEqualTo(403);
		Tenants.TestTenant other = new Tenants(tenants).create("record-other");
		WebClient web = new WebClient(port);
		web.login(other.slug(), "admin@" + other.slug() + ".test", TrainingFixture.ADMIN_PASSWORD);
		assertThat(web.get(path()).statusCode()).isEqualTo(404);
	}

}
