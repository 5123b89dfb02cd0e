package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentView;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.RunFixture;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessor's results entry page over HTTP: the run's grid, recording, refusing and
 * voiding a result.
 */
class ResultsPageTests extends IntegrationTest {

	@LocalServerPort
	int port;

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
	AssessmentManagement assessments;

	@Test
	void anAssessorRecordsAndVoidsAResultOnTheRunsGrid() {
		RunFixture fixture = new RunFixture("results-page", 2, 2, tenants, courses, runs, learners, enrolments);
		String email = "assessor@" + fixture.tenant.slug() + ".test";
		Tenants.as(fixture.admin, () -> users
			.create(new UserManagement.NewUser(email, "Ang Assessor", "ang-mango-lantern-1", Set.of(Role.ASSESSOR))));
		WebClient web = new WebClient(port);
		web.login(fixture.tenant.slug(), email, "ang-mango-lantern-1");
		String enrolment = fixture.roster.get(0).id().toString();
		String module = fixture.module(1).toString();

		HttpResponse<String> list = web.get("/assessments");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(fixture.run.reference()).contains("href=\"/assessments\"");
		HttpResponse<String> grid = web.get("/assessments?run_id=" + fixture.run.id());
		assertThat(grid.body()).contains(fixture.roster.get(0).learnerName()).contains("M2 Module 2");

		web.get("/assessments/entry?enrollment_id=" + enrolment + "&module_id=" + module);
		HttpResponse<String> future = web.post("/assessments/entry",
				Map.of("enrollmentId", enrolment, "moduleId", module, "result", "COMPETENT", "score", "", "grade", "",
						"assessedOn", fixture.today().plusDays(1).toString(), "remarks", ""));
		assertThat(future.statusCode()).isEqualTo(200);
		assertThat(future.body()).contains("The assessment date is in the future");

		HttpResponse<String> saved = web.post("/assessments/entry",
				Map.of("enrollmentId", enrolment, "moduleId", module, "result", "COMPETENT", "score", "88", "grade",
						"B", "assessedOn", fixture.today().toString(), "remarks", "practical"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(web.get("/assessments?run_id=" + fixture.run.id()).body()).contains("COMPETENT").contains("(B)");

		AssessmentView recorded = Tenants.as(fixture.ops, () -> assessments.search(fixture.run.id(), null, false))
			.get(0);
		web.get("/assessments/entry?enrollment_id=" + enrolment + "&module_id=" + module);
		HttpResponse<String> voided = web.post("/assessments/" + recorded.id() + "/void", Map.of("reason", "typo"));
		assertThat(voided.statusCode()).isEqualTo(302);
		assertThat(Tenants.as(fixture.ops, () -> assessments.get(recorded.id())).assessment().voided()).isTrue();

		HttpResponse<String> learnersOnly = web.get("/my/certificates");
		assertThat(learnersOnly.statusCode()).isEqualTo(403);
		assertThat(learnersOnly.body()).contains("<h1>Not allowed</h1>");
	}

}
