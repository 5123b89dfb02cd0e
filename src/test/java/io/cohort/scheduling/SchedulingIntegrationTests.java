package io.cohort.scheduling;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.catalog.CourseView;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.testing.Tenants;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulingIntegrationTests extends IntegrationTest {

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	TrainerManagement trainers;

	CohortPrincipal ops;

	CourseView course;

	LocalDate today;

	@BeforeEach
	void catalogue() {
		ops = new Tenants(tenantManagement).create("sched").as(Role.OPS);
		today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		course = Tenants.as(ops,
				() -> courses.create(new CourseManagement.NewCourse("SCH-1", "Scheduling", null, "TGS-2020002096",
						List.of(new CourseManagement.NewModule("A", "Alpha", new BigDecimal("3")),
								new CourseManagement.NewModule("B", "Beta", new BigDecimal("4.5"))))));
	}

	@Test
	void coursesKeepTheirModulesInOrderAndTheirCodesUnique() {
		assertThat(course.totalHours()).isEqualByComparingTo("7.5");
		CourseView moved = Tenants.as(ops, () -> courses.updateModule(course.id(), course.modules().get(1).id(),
				new CourseManagement.ModuleChange(null, null, 1)));
		assertThat(moved.modules()).extracting(CourseView.ModuleView::code).containsExactly("B", "A");
		assertThat(moved.modules()).extracting(CourseView.ModuleView::position).containsExactly(1, 2);

		assertThatThrownBy(() -> Tenants.as(ops,
				() -> courses.create(new CourseManagement.NewCourse("sch-1", "Again", null, null, List.of()))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.COURSE_CODE_TAKEN));
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> courses.create(new CourseManagement.NewCourse("SCH-2", "Bad ref", null, "TGS-12", List.of()))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
		CourseView empty = Tenants.as(ops,
				() -> courses.create(new CourseManagement.NewCourse("SCH-3", "Empty", null, null, List.of())));
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> courses.update(empty.id(),
						new CourseManagement.CourseChange(null, null, null, null, CourseStatus.PUBLISHED))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.COURSE_WITHOUT_MODULES));
	}

	@Test
	void refusesRunsThatEndBeforeTheyStartOrStartInThePast() {
		assertThatThrownBy(() -> schedule(today.plusDays(5), today.plusDays(4), today, today.plusDays(3)))
			.isInstanceOfSatisfying(CohortException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
				assertThat(ex.properties().toString()).contains("end_date");
			});
		assertThatThrownBy(() -> schedule(today.minusDays(1), today.plusDays(1), today.minusDays(5), today))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.RUN_STARTS_IN_PAST));
		assertThatThrownBy(() -> schedule(today.plusDays(5), today.plusDays(6), today.plusDays(2), today.plusDays(1)))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.properties().toString()).contains("registration_closes"));
	}

	@Test
	void refusesSessionsOutsideTheirRunAndTrainersBookedTwiceAtOnce() {
		ClassRunView run = schedule(today.plusDays(5), today.plusDays(6), today, today.plusDays(4));
		ClassRunView other = schedule(today.plusDays(5), today.plusDays(5), today, today.plusDays(4));
		UUID trainer = Tenants
			.as(ops, () -> trainers.create(new TrainerManagement.NewTrainer("Tan", "tan@example.com", null)))
			.id();

		assertThatThrownBy(() -> session(run, today.plusDays(7), 9, 12, trainer)).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.SESSION_OUTSIDE_RUN));
		session(run, today.plusDays(5), 9, 12, trainer);
		assertThatThrownBy(() -> session(other, today.plusDays(5), 11, 13, trainer)).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.TRAINER_DOUBLE_BOOKED));
		assertThat(session(other, today.plusDays(5), 12, 14, trainer).hours()).isEqualByComparingTo("2");
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> runs.update(run.id(),
						new ClassRunManagement.RunChange(null, today.plusDays(6), null, null, null, null, null, null,
								null, null, null))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.SESSION_OUTSIDE_RUN));
	}

	@Test
	void onlyPublishedRunsOpenForRegistrationWithSeatsLeftAreAvailable() {
		ClassRunView open = schedule(today.plusDays(5), today.plusDays(6), today.minusDays(1), today.plusDays(4));
		ClassRunView notYet = schedule(today.plusDays(9), today.plusDays(9), today.plusDays(1), today.plusDays(8));
		ClassRunView draft = Tenants.as(ops,
				() -> runs.schedule(course.id(),
						new ClassRunManagement.NewRun("DRAFT-" + UUID.randomUUID(), today.plusDays(5),
								today.plusDays(6), today, today.plusDays(4), 10, "1", null, false, false, null)));
		ClassRunView cancelled = schedule(today.plusDays(5), today.plusDays(6), today, today.plusDays(4));
		Tenants.as(ops, () -> runs.cancel(cancelled.id(), "no trainer"));

		List<ClassRunView> available = Tenants.as(ops, () -> runs.available());

		assertThat(available).extracting(ClassRunView::id)
			.contains(open.id())
			.doesNotContain(notYet.id(), draft.id(), cancelled.id());
		assertThat(available).filteredOn(r -> r.id().equals(open.id()))
			.first()
			.satisfies(r -> assertThat(r.seatsLeft()).isEqualTo(10))
			.satisfies(r -> assertThat(r.courseTitle()).isEqualTo("Scheduling"));
	}

	@Test
	void eachCatalogueAndRunRuleRefusesWithItsOwnCode() {
		assertRefused(
				() -> courses.addModule(course.id(),
						new CourseManagement.NewModule("A", "Alpha again", new BigDecimal("1"))),
				ProblemCode.MODULE_CODE_TAKEN);
		Tenants.as(ops, () -> courses.update(course.id(),
				new CourseManagement.CourseChange(null, null, null, null, CourseStatus.PUBLISHED)));
		assertRefused(() -> courses.removeModule(course.id(), course.modules().get(0).id()),
				ProblemCode.COURSE_NOT_DRAFT);
		assertRefused(
				() -> courses.update(course.id(),
						new CourseManagement.CourseChange(null, null, null, null, CourseStatus.DRAFT)),
				ProblemCode.INVALID_COURSE_TRANSITION);

		ClassRunView run = schedule(today.plusDays(5), today.plusDays(6), today, today.plusDays(4));
		ClassRunView other = schedule(today.plusDays(5), today.plusDays(6), today, today.plusDays(4));
		assertRefused(() -> runs.update(other.id(), change(run.reference(), null)), ProblemCode.RUN_REFERENCE_TAKEN);
		assertRefused(() -> runs.update(run.id(), change(null, RunStatus.COMPLETED)),
				ProblemCode.INVALID_RUN_TRANSITION);
		Tenants.as(ops, () -> runs.takeSeat(run.id()));
		assertRefused(() -> runs.update(run.id(), change(null, RunStatus.DRAFT)), ProblemCode.RUN_HAS_ENROLMENTS);
		SessionView otherSession = Tenants.as(ops,
				() -> runs.addSession(other.id(), new ClassRunManagement.NewSession(today.plusDays(5),
						LocalTime.of(9, 0), LocalTime.of(12, 0), null, null, null)));
		Tenants.as(ops, () -> runs.cancel(other.id(), "No trainer"));
		assertRefused(() -> runs.update(other.id(), change(null, null)), ProblemCode.RUN_CLOSED);
		assertRefused(
				() -> runs.updateSession(otherSession.id(),
						new ClassRunManagement.SessionChange(null, LocalTime.of(10, 0), null, null, null)),
				ProblemCode.SESSION_CLOSED);

		Tenants.as(ops, () -> trainers.create(new TrainerManagement.NewTrainer("Lim", "lim@example.com", null)));
		assertRefused(() -> trainers.create(new TrainerManagement.NewTrainer("Lim Again", "LIM@example.com", null)),
				ProblemCode.TRAINER_EXISTS);

		Tenants.as(ops, () -> courses.update(course.id(),
				new CourseManagement.CourseChange(null, null, null, null, CourseStatus.ARCHIVED)));
		assertRefused(() -> schedule(today.plusDays(5), today.plusDays(6), today, today.plusDays(4)),
				ProblemCode.COURSE_ARCHIVED);
	}

	private void assertRefused(Runnable call, ProblemCode code) {
		assertThatThrownBy(() -> Tenants.run(ops, call)).isInstanceOfSatisfying(CohortException.class,
				ex -> assertThat(ex.code()).isEqualTo(code));
	}

	private static ClassRunManagement.RunChange change(String reference, RunStatus status) {
		return new ClassRunManagement.RunChange(reference, null, null, null, null, null, null, null, null, null, status,
				null, null);
	}

	@Test
	void readsTheSessionsOnADayOfSeveralRunsOfTheTenantOnly() {
		ClassRunView run = schedule(today.plusDays(5), today.plusDays(6), today, today.plusDays(4));
		ClassRunView other = schedule(today.plusDays(5), today.plusDays(5), today, today.plusDays(4));
		SessionView morning = session(run, today.plusDays(5), 9, 12, null);
		session(run, today.plusDays(6), 9, 12, null);
		SessionView afternoon = session(other, today.plusDays(5), 13, 15, null);
		CohortPrincipal stranger = new Tenants(tenantManagement).create("sched-other").as(Role.OPS);

		assertThat(Tenants.as(ops, () -> runs.sessionsOn(List.of(run.id(), other.id()), today.plusDays(5))))
			.extracting(SessionView::id)
			.containsExactly(morning.id(), afternoon.id());
		assertThat(Tenants.as(ops, () -> runs.sessionsOn(List.of(), today.plusDays(5)))).isEmpty();
		assertThat(Tenants.as(stranger, () -> runs.sessionsOn(List.of(run.id(), other.id()), today.plusDays(5))))
			.as("another tenant's runs")
			.isEmpty();
	}

	private ClassRunView schedule(LocalDate start, LocalDate end, LocalDate opens, LocalDate closes) {
		return Tenants.as(ops, () -> runs.schedule(course.id(), new ClassRunManagement.NewRun("R-" + UUID.randomUUID(),
				start, end, opens, closes, 10, "1", "Room", false, false, RunStatus.PUBLISHED)));
	}

	private SessionView session(ClassRunView run, LocalDate date, int from, int to, @Nullable UUID trainer) {
		return Tenants.as(ops, () -> runs.addSession(run.id(), new ClassRunManagement.NewSession(date,
				LocalTime.of(from, 0), LocalTime.of(to, 0), null, trainer, null)));
	}

}
