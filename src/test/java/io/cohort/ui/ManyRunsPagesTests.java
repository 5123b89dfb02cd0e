package io.cohort.ui;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
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
 * Pages that show figures for many runs at once, read for the whole page rather than run
 * by run (GH-14), still show each run its own: the run list's waitlist, and the
 * dashboard's results still to enter, over runs of courses with one and two modules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyRunsPagesTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AssessmentManagement assessments;

	@Autowired
	CourseManagement courses;

	TrainingFixture fixture;

	CohortPrincipal ops;

	LocalDate today;

	WebClient web;

	@BeforeAll
	void signIn() {
		fixture = TrainingFixture.in(application);
		ops = fixture.tenant.as(Role.OPS);
		today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		web = new WebClient(port);
		web.login(fixture.tenant.slug(), fixture.email("ops"), fixture.password("ops"));
	}

	@Test
	void theRunListShowsEachRunsOwnWaitlist() {
		List<ClassRunView> full = new ArrayList<>();
		for (int waiting = 0; waiting < 5; waiting++) {
			int run = waiting;
			ClassRunView one = Tenants.as(ops,
					() -> runs.schedule(fixture.courseId,
							new ClassRunManagement.NewRun("WAIT-" + run + "-" + fixture.tenant.slug(),
									today.plusDays(10), today.plusDays(11), today.minusDays(1), today.plusDays(5), 1,
									"1", "Room 4", false, true, RunStatus.PUBLISHED)));
			for (int learner = 0; learner <= waiting; learner++) {
				enrol(one, "Wait " + run + "." + learner);
			}
			full.add(one);
		}

		String list = web.get("/runs").body();
		for (int waiting = 0; waiting < full.size(); waiting++) {
			assertThat(waitlistCell(list, full.get(waiting))).as("waitlist of %s", full.get(waiting).reference())
				.isEqualTo(String.valueOf(waiting));
		}
		assertThat(waitlistCell(list, fixture.run)).as("the fixture's run has seats: no waitlist").isEqualTo("0");
	}

	@Test
	void theDashboardShowsEachEndedRunsOwnResultsToEnter() {
		UUID twoModules = Tenants.as(ops,
				() -> courses.create(new CourseManagement.NewCourse("TM-" + fixture.tenant.slug(), "Two Modules", null,
						null, List.of(new CourseManagement.NewModule("M1", "One", new BigDecimal("4")),
								new CourseManagement.NewModule("M2", "Two", new BigDecimal("4"))))))
			.id();
		Tenants.as(ops, () -> courses.update(twoModules,
				new CourseManagement.CourseChange(null, null, null, null, CourseStatus.PUBLISHED)));
		int[] learnersOf = { 2, 3, 4, 5, 2 };
		int[] resultsOf = { 0, 1, 2, 3, 2 }; // the first learners' result in the first
												// module
		List<ClassRunView> ended = new ArrayList<>();
		for (int i = 0; i < learnersOf.length; i++) {
			UUID course = i % 2 == 0 ? fixture.courseId : twoModules;
			LocalDate end = today.minusDays(2 + i);
			String reference = "ENDED-" + i + "-" + fixture.tenant.slug();
			ClassRunView run = Tenants.as(ops,
					() -> runs.schedule(course,
							new ClassRunManagement.NewRun(reference, end.minusDays(1), end, end.minusDays(20),
									end.minusDays(5), 10, "1", "Room 5", false, false, RunStatus.PUBLISHED),
							ClassRunManagement.Source.CRM));
			UUID firstModule = Tenants.as(ops, () -> courses.get(course)).modules().get(0).id();
			for (int learner = 0; learner < learnersOf[i]; learner++) {
				EnrolmentView enrolment = enrolPast(run, "Past " + i + "." + learner);
				if (learner < resultsOf[i]) {
					Tenants.as(fixture.tenant.as(Role.ASSESSOR),
							() -> assessments.record(new AssessmentManagement.NewAssessment(enrolment.id(), firstModule,
									AssessmentResult.COMPETENT, null, null, end, null)));
				}
			}
			ended.add(run);
		}

		String home = web.get("/").body();
		// learners lacking a result, and results missing (learner × module)
		assertThat(resultsRow(home, ended.get(0))).isEqualTo("2 2");
		assertThat(resultsRow(home, ended.get(1))).isEqualTo("3 5");
		assertThat(resultsRow(home, ended.get(2))).isEqualTo("2 2");
		assertThat(resultsRow(home, ended.get(3))).isEqualTo("5 7");
		assertThat(home).as("every result of the last run is entered")
			.doesNotContain("href=\"/runs/" + ended.get(4).id() + "/gradebook\"");
	}

	private EnrolmentView enrol(ClassRunView run, String name) {
		UUID learner = fixture.learner(name);
		return Tenants.as(ops, () -> enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, run.id(),
				SponsorshipType.INDIVIDUAL, null, null, null, null), EnrolmentManagement.Source.STAFF));
	}

	/** As the CRM reports an enrolment in a run that has ended. */
	private EnrolmentView enrolPast(ClassRunView run, String name) {
		UUID learner = fixture.learner(name);
		return Tenants.as(ops, () -> enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, run.id(),
				SponsorshipType.INDIVIDUAL, null, null, null, null), EnrolmentManagement.Source.CRM));
	}

	/** The last cell of the run's row in the run list: its waitlist. */
	private static String waitlistCell(String list, ClassRunView run) {
		Matcher row = Pattern.compile(">" + Pattern.quote(run.reference()) + "</a></td>(.*?)</tr>", Pattern.DOTALL)
			.matcher(list);
		assertThat(row.find()).as("a row of %s", run.reference()).isTrue();
		Matcher cells = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row.group(1));
		String last = null;
		while (cells.find()) {
			last = cells.group(1);
		}
		return String.valueOf(last);
	}

	/** The learners lacking a result and the results missing in the run's row. */
	private static String resultsRow(String home, ClassRunView run) {
		Matcher row = Pattern
			.compile("<td>" + Pattern.quote(run.reference())
					+ "</td>\\s*<td>[^<]*</td>\\s*<td[^>]*>[^<]*</td>\\s*<td>(\\d+)</td>\\s*<td>(\\d+)</td>")
			.matcher(home);
		assertThat(row.find()).as("a row of %s", run.reference()).isTrue();
		return row.group(1) + " " + row.group(2);
	}

}
