package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentView;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's gradebook over HTTP: an assessor saves many results in one request (recorded,
 * then changed as new versions, each audited); a refused save changes nothing; staff read
 * it without entry; learners and trainers are refused; another tenant finds no such run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradebookPageTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	TrainerManagement trainers;

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

	@Autowired
	JdbcClient jdbc;

	TrainingFixture fixture;

	List<EnrolmentView> roster;

	UUID module;

	final Map<String, WebClient> clients = new HashMap<>();

	@BeforeAll
	void signInEveryone() {
		fixture = TrainingFixture.in(application);
		for (String user : List.of("admin", "ops", "trainer", "assessor", "learner")) {
			WebClient web = new WebClient(port);
			web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user));
			clients.put(user, web);
		}
		roster = Tenants.as(fixture.tenant.as(Role.OPS),
				() -> enrolments.roster(fixture.run.id(), EnrolmentStatus.CONFIRMED));
		module = Tenants.as(fixture.tenant.as(Role.OPS), () -> courses.get(fixture.courseId)).modules().get(0).id();
	}

	String path() {
		return "/runs/" + fixture.run.id() + "/gradebook";
	}

	String cell(int learner) {
		return "result:" + roster.get(learner).id() + ":" + module;
	}

	List<AssessmentView> results() {
		return Tenants.as(fixture.tenant.as(Role.OPS), () -> assessments.search(fixture.run.id(), null, false));
	}

	@Test
	void anAssessorSavesManyResultsInOneRequestAndChangesThemLater() {
		WebClient web = clients.get("assessor");
		HttpResponse<String> empty = web.get(path());
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).contains("M1 CPR")
			.contains(roster.get(0).learnerName())
			.contains("<option value=\"NOT_YET_COMPETENT\">Not yet competent</option>")
			.contains("Not yet eligible: attendance below 75%, 1 module to achieve");
		String today = runsToday();

		HttpResponse<String> future = web.post(path(), Map.of(cell(0), "COMPETENT", cell(1), "NOT_YET_COMPETENT",
				"assessed_on", fixture.run.endDate().plusDays(1).toString()));
		assertThat(future.statusCode()).isEqualTo(422);
		assertThat(future.body()).contains("The assessment date must lie within the run");
		HttpResponse<String> unknown = web.post(path(),
				Map.of(cell(0), "COMPETENT", cell(1), "PASSED", "assessed_on", today));
		assertThat(unknown.statusCode()).isEqualTo(422);
		assertThat(results()).isEmpty();

		HttpResponse<String> saved = web.post(path(),
				Map.of(cell(0), "COMPETENT", cell(1), "NOT_YET_COMPETENT", cell(2), "", "assessed_on", today));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(web.get(path()).body()).contains("Saved: 2 recorded, 0 changed, 0 unchanged.");
		assertThat(results()).extracting(AssessmentView::result)
			.containsExactlyInAnyOrder(AssessmentResult.COMPETENT, AssessmentResult.NOT_YET_COMPETENT);

		web.post(path(), Map.of(cell(0), "COMPETENT", cell(1), "EXEMPT", "assessed_on", today));
		assertThat(web.get(path()).body()).contains("Saved: 0 recorded, 1 changed, 1 unchanged.");
		assertThat(results()).extracting(AssessmentView::result)
			.containsExactlyInAnyOrder(AssessmentResult.COMPETENT, AssessmentResult.EXEMPT);
		long audited = jdbc.sql("""
				SELECT count(*) FROM audit_event WHERE tenant_id = :tenant
				  AND action IN ('assessment.recorded', 'assessment.updated')""")
			.param("tenant", fixture.tenant.id())
			.query(Long.class)
			.single();
		assertThat(audited).isEqualTo(3);
	}

	@Test
	void staffReadTheGradebookWithoutEntryAndCannotSave() {
		HttpResponse<String> page = clients.get("ops").get(path());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Gradebook of " + fixture.run.reference()).doesNotContain("<select");
		assertThat(clients.get("admin").get(path()).statusCode()).isEqualTo(200);
		assertThat(clients.get("ops").post(path(), Map.of(cell(2), "COMPETENT")).statusCode()).isEqualTo(403);
	}

	@Test
	void learnersAndTrainersAreRefused() {
		assertThat(clients.get("learner").get(path()).statusCode()).isEqualTo(403);
		assertThat(clients.get("trainer").get(path()).statusCode()).isEqualTo(403);
	}

	@Test
	void anotherTenantFindsNoSuchRun() {
		Tenants.TestTenant other = new Tenants(tenants).create("gradebook-other");
		WebClient web = new WebClient(port);
		web.login(other.slug(), "admin@" + other.slug() + ".test", TrainingFixture.ADMIN_PASSWORD);
		assertThat(web.get(path()).statusCode()).isEqualTo(404);
	}

	private String runsToday() {
		return runs.today(fixture.tenant.id()).toString();
	}

}
