package io.cohort.ui;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page's work lists per role: staff see the tenant's sessions, attendance to
 * mark, runs starting soon, results still to enter and unpaid fees; a trainer sees only
 * their own sessions; an assessor sees the results to enter; a learner sees none; another
 * tenant sees nothing of this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AssessmentManagement assessments;

	@Autowired
	CourseManagement courses;

	TrainingFixture fixture;

	/** A run that ended two days ago: three learners, one with their result. */
	ClassRunView ended;

	final Map<String, String> homes = new HashMap<>();

	@BeforeAll
	void signInEveryone() {
		fixture = TrainingFixture.in(application);
		endedRunWithResultsAndFeesDue();
		for (String user : List.of("admin", "ops", "trainer", "other", "learner", "assessor")) {
			WebClient web = new WebClient(port);
			web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user));
			homes.put(user, web.get("/").body());
		}
	}

	@Test
	void opsSeeTodaysSessionToMarkAndTheRunStartingWithItsFill() {
		String home = homes.get("ops");
		assertThat(home).contains("data-testid=\"staff-work\"")
			.doesNotContain("data-testid=\"trainer-work\"")
			.contains("href=\"/sessions/" + fixture.sessionId + "\">Mark attendance</a>")
			.contains("href=\"/runs/" + fixture.run.id() + "\">" + fixture.run.reference() + "</a>")
			.contains("3 of 10 seats (30%)")
			.contains("Tan Trainer");
	}

	/**
	 * The CRM reports runs and enrolments after the fact, so a run that has ended can be
	 * made as it would be in real life: fees of 200 (pending, after a discount of 50),
	 * 100 (partly paid) and 300 (paid in full); one result of three entered.
	 */
	private void endedRunWithResultsAndFeesDue() {
		CohortPrincipal ops = fixture.tenant.as(Role.OPS);
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		ended = Tenants.as(ops, () -> runs.schedule(fixture.courseId,
				new ClassRunManagement.NewRun("DONE-" + fixture.tenant.slug(), today.minusDays(6), today.minusDays(2),
						today.minusDays(20), today.minusDays(7), 10, "1", "Room 3", false, false, RunStatus.PUBLISHED),
				ClassRunManagement.Source.CRM));
		List<EnrolmentView> made = new ArrayList<>();
		List<Object[]> fees = List.of(new Object[] { "250", "50", FeeCollectionStatus.PENDING },
				new Object[] { "100", "0", FeeCollectionStatus.PARTIAL },
				new Object[] { "300", "0", FeeCollectionStatus.FULL });
		for (Object[] fee : fees) {
			UUID learner = fixture.learner("Past " + fee[0]);
			made.add(Tenants.as(ops,
					() -> enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, ended.id(),
							SponsorshipType.INDIVIDUAL, null, new BigDecimal((String) fee[0]),
							new BigDecimal((String) fee[1]), (FeeCollectionStatus) fee[2]),
							EnrolmentManagement.Source.CRM)));
		}
		UUID module = Tenants.as(ops, () -> courses.get(fixture.courseId)).modules().get(0).id();
		Tenants.as(fixture.tenant.as(Role.ASSESSOR),
				() -> assessments.record(new AssessmentManagement.NewAssessment(made.get(2).id(), module,
						AssessmentResult.COMPETENT, null, null, today.minusDays(2), null)));
	}

	@Test
	void staffSeeTheResultsStillToEnterLinkedToTheGradebook() {
		for (String user : List.of("ops", "admin")) {
			String home = homes.get(user);
			assertThat(home).contains("data-testid=\"results-to-enter\"")
				.contains(ended.reference())
				.contains("href=\"/runs/" + ended.id() + "/gradebook\"")
				.containsPattern("<td>2</td>\\s*<td>2</td>")
				// the run of today has not ended: its results are not due yet
				.doesNotContain("href=\"/runs/" + fixture.run.id() + "/gradebook\"");
		}
	}

	@Test
	void staffSeeTheUnpaidFeesWithTheirCountAndAmountLinkedToTheRunsFees() {
		String home = homes.get("ops");
		assertThat(home).contains("data-testid=\"unpaid-fees\"")
			.contains("2 enrolments with fees outstanding: S$ 300.00 in all")
			.contains("href=\"/runs/" + ended.id() + "#enrolments-heading\"")
			.contains("S$ 300.00");
		// the fixture's own run has fees of nothing: it is not listed
		assertThat(home).doesNotContain("href=\"/runs/" + fixture.run.id() + "#enrolments-heading\"");
	}

	@Test
	void anAssessorSeesTheirResultsToEnterAndNoStaffWork() {
		assertThat(homes.get("assessor")).contains("data-testid=\"assessor-work\"")
			.contains("href=\"/runs/" + ended.id() + "/gradebook\"")
			.doesNotContain("data-testid=\"staff-work\"")
			.doesNotContain("data-testid=\"unpaid-fees\"");
		assertThat(homes.get("ops")).doesNotContain("data-testid=\"assessor-work\"");
	}

	@Test
	void theGradebookLinkOpensForTheAssessor() {
		WebClient web = new WebClient(port);
		web.login(fixture.tenant.slug(), fixture.email("assessor"), fixture.password("assessor"));
		assertThat(web.get("/runs/" + ended.id() + "/gradebook").statusCode()).isEqualTo(200);
	}

	@Test
	void anAdminMarksNoSheetButIsSentToTheRunsAttendance() {
		assertThat(homes.get("admin")).contains("data-testid=\"staff-work\"")
			.contains("href=\"/runs/" + fixture.run.id() + "/attendance\">Mark attendance</a>")
			.doesNotContain("href=\"/sessions/" + fixture.sessionId + "\"");
	}

	@Test
	void aTrainerSeesOnlyTheirOwnSessions() {
		assertThat(homes.get("trainer")).contains("data-testid=\"trainer-work\"")
			.doesNotContain("data-testid=\"staff-work\"")
			.contains("href=\"/sessions/" + fixture.sessionId + "\">Mark attendance</a>")
			.doesNotContain("href=\"/runs/" + fixture.run.id() + "\"");
		assertThat(homes.get("other")).contains("data-testid=\"trainer-work\"")
			.doesNotContain(fixture.run.reference())
			.contains("No sessions today.");
	}

	@Test
	void aLearnerSeesNoStaffWork() {
		assertThat(homes.get("learner")).doesNotContain("data-testid=\"staff-work\"")
			.doesNotContain("data-testid=\"trainer-work\"")
			.doesNotContain("data-testid=\"assessor-work\"")
			.doesNotContain(ended.reference())
			.doesNotContain(fixture.run.reference());
	}

	@Test
	void anotherTenantSeesNothingOfThisOne() {
		Tenants.TestTenant other = new Tenants(tenants).create("dashboard-other");
		WebClient web = new WebClient(port);
		web.login(other.slug(), "admin@" + other.slug() + ".test", TrainingFixture.ADMIN_PASSWORD);
		assertThat(web.get("/").body()).contains("data-testid=\"staff-work\"")
			.doesNotContain(fixture.run.reference())
			.contains("No sessions today.")
			.contains("No dead letters.")
			.doesNotContain(ended.reference())
			.contains("Every result is entered.")
			.contains("Every fee is paid.")
			.doesNotContain("with fees outstanding");
	}

}
