package io.cohort.testing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import io.cohort.shared.IdType;

/**
 * A fresh tenant with a published two-day run (today and tomorrow, one four-hour session
 * each) of a course with the given modules, and learners confirmed in it.
 */
public final class RunFixture {

	public final Tenants.TestTenant tenant;

	public final CohortPrincipal ops;

	public final CohortPrincipal assessor;

	public final CohortPrincipal admin;

	public final CourseView course;

	public final ClassRunView run;

	public final List<SessionView> sessions;

	public final List<EnrolmentView> roster = new ArrayList<>();

	public RunFixture(String prefix, int learners, int modules, TenantManagement tenants, CourseManagement courses,
			ClassRunManagement runs, LearnerManagement learnerManagement, EnrolmentManagement enrolments) {
		tenant = new Tenants(tenants).create(prefix);
		ops = tenant.as(Role.OPS);
		assessor = tenant.as(Role.ASSESSOR);
		admin = tenant.as(Role.ADMIN);
		List<CourseManagement.NewModule> newModules = new ArrayList<>();
		for (int i = 1; i <= modules; i++) {
			newModules.add(new CourseManagement.NewModule("M" + i, "Module " + i, new BigDecimal("4")));
		}
		course = Tenants.as(ops, () -> courses
			.create(new CourseManagement.NewCourse("C-" + tenant.slug(), "Workplace Safety", null, null, newModules)));
		LocalDate today = runs.today(tenant.id());
		run = Tenants.as(ops,
				() -> runs.schedule(course.id(),
						new ClassRunManagement.NewRun("R-" + tenant.slug(), today, today.plusDays(1),
								today.minusDays(3), today, learners + 5, "1", "Room 1", false, false,
								RunStatus.PUBLISHED)));
		sessions = List.of(session(runs, today), session(runs, today.plusDays(1)));
		for (int i = 0; i < learners; i++) {
			String nric = Nrics.next();
			UUID learner = Tenants
				.as(ops, () -> learnerManagement.register(new LearnerManagement.NewLearner("Learner " + nric,
						nric.toLowerCase() + "@example.com", null, IdType.SP, nric, null, true, null)))
				.id();
			roster
				.add(Tenants.as(ops,
						() -> enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, run.id(),
								SponsorshipType.INDIVIDUAL, null, null, null, null),
								EnrolmentManagement.Source.STAFF)));
		}
	}

	public LocalDate today() {
		return run.startDate();
	}

	public UUID module(int index) {
		return course.modules().get(index).id();
	}

	private SessionView session(ClassRunManagement runs, LocalDate date) {
		return Tenants.as(ops, () -> runs.addSession(run.id(),
				new ClassRunManagement.NewSession(date, LocalTime.of(9, 0), LocalTime.of(13, 0), null, null, null)));
	}

}
