package io.cohort.enrolment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.shared.IdType;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.testing.Nrics;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RecordApplicationEvents
class EnrolmentIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationEvents events;

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	JdbcClient jdbc;

	CohortPrincipal ops;

	UUID courseId;

	@BeforeEach
	void tenant() {
		Tenants.TestTenant tenant = new Tenants(tenantManagement).create("enrol");
		ops = tenant.as(Role.OPS);
		courseId = Tenants.as(ops,
				() -> courses.create(new CourseManagement.NewCourse("WSQ-" + tenant.slug(), "Workplace Safety", null,
						"TGS-2020002096",
						List.of(new CourseManagement.NewModule("M1", "Hazards", new BigDecimal("8"))))))
			.id();
	}

	@Test
	void manyThreadsOnOneRunNeverOverEnrol() throws Exception {
		ClassRunView run = openRun(10, false);
		List<UUID> people = learners(40);

		Map<String, Integer> outcomes = race(people,
				learner -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF));

		assertThat(outcomes).containsEntry("CONFIRMED", 10).containsEntry("class-run-full", 30);
		assertThat(confirmed(run.id())).isEqualTo(10);
		assertThat(Tenants.as(ops, () -> runs.get(run.id())).seatsTaken()).isEqualTo(10);
	}

	@Test
	void aFullRunWithAWaitlistQueuesTheRestInArrivalOrderAndPromotesInThatOrder() {
		ClassRunView run = openRun(2, true);
		List<UUID> people = learners(5);
		List<EnrolmentView> made = new ArrayList<>();
		for (UUID learner : people) {
			made.add(Tenants.as(ops,
					() -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF)));
		}
		assertThat(made).extracting(EnrolmentView::status)
			.containsExactly(EnrolmentStatus.CONFIRMED, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED,
					EnrolmentStatus.WAITLISTED, EnrolmentStatus.WAITLISTED);
		assertThat(made).extracting(EnrolmentView::waitlistPosition).containsExactly(null, null, 1, 2, 3);

		assertThat(events.stream(EnrolmentConfirmed.class).filter(e -> e.classRunId().equals(run.id())))
			.extracting(EnrolmentConfirmed::enrolmentId, EnrolmentConfirmed::promotedFromWaitlist)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(made.get(0).id(), false),
					org.assertj.core.groups.Tuple.tuple(made.get(1).id(), false));
		assertThat(events.stream(EnrolmentWaitlisted.class).filter(e -> e.classRunId().equals(run.id())))
			.extracting(EnrolmentWaitlisted::position)
			.containsExactly(1, 2, 3);

		Tenants.as(ops, () -> enrolments.withdraw(made.get(0).id(), "changed jobs"));
		assertThat(events.stream(EnrolmentWithdrawn.class).filter(e -> e.enrolmentId().equals(made.get(0).id())))
			.singleElement()
			.satisfies(e -> assertThat(e.heldSeat()).isTrue());
		assertThat(events.stream(EnrolmentConfirmed.class).filter(e -> e.enrolmentId().equals(made.get(2).id())))
			.singleElement()
			.satisfies(e -> assertThat(e.promotedFromWaitlist()).isTrue());
		assertThat(status(made.get(2).id())).isEqualTo(EnrolmentStatus.CONFIRMED);
		assertThat(Tenants.as(ops, () -> enrolments.get(made.get(3).id())).waitlistPosition()).isEqualTo(1);

		Tenants.as(ops, () -> enrolments.withdraw(made.get(1).id(), null));
		assertThat(status(made.get(3).id())).isEqualTo(EnrolmentStatus.CONFIRMED);
		assertThat(status(made.get(4).id())).isEqualTo(EnrolmentStatus.WAITLISTED);
		assertThat(confirmed(run.id())).isEqualTo(2);
		assertThat(Tenants.as(ops, () -> runs.get(run.id())).seatsTaken()).isEqualTo(2);
	}

	@Test
	void concurrentWithdrawalsPromoteEachWaitlistedLearnerExactlyOnce() throws Exception {
		ClassRunView run = openRun(5, true);
		List<EnrolmentView> made = new ArrayList<>();
		for (UUID learner : learners(10)) {
			made.add(Tenants.as(ops,
					() -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF)));
		}
		List<UUID> confirmedIds = made.subList(0, 5).stream().map(EnrolmentView::id).toList();

		Map<String, Integer> outcomes = race(confirmedIds, id -> enrolments.withdraw(id, "race"));

		assertThat(outcomes).containsEntry("WITHDRAWN", 5);
		assertThat(made.subList(5, 10))
			.allSatisfy(e -> assertThat(status(e.id())).isEqualTo(EnrolmentStatus.CONFIRMED));
		assertThat(confirmed(run.id())).isEqualTo(5);
		assertThat(Tenants.as(ops, () -> runs.get(run.id())).seatsTaken()).isEqualTo(5);
	}

	@Test
	void withdrawingWithNobodyWaitingGivesTheSeatBack() {
		ClassRunView run = openRun(3, false);
		UUID learner = learners(1).get(0);
		EnrolmentView enrolment = Tenants.as(ops,
				() -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF));

		Tenants.as(ops, () -> enrolments.withdraw(enrolment.id(), null));

		assertThat(Tenants.as(ops, () -> runs.get(run.id())).seatsLeft()).isEqualTo(3);
		assertThatThrownBy(() -> Tenants.as(ops, () -> enrolments.withdraw(enrolment.id(), null)))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ENROLMENT_NOT_ACTIVE));
		// withdrawn learners may enrol again
		assertThat(Tenants
			.as(ops, () -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF))
			.status()).isEqualTo(EnrolmentStatus.CONFIRMED);
	}

	@Test
	void refusesTheSameLearnerTwiceAndEnrolmentOutsideTheRegistrationWindow() {
		ClassRunView run = openRun(3, false);
		UUID learner = learners(1).get(0);
		Tenants.as(ops, () -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF));

		assertThatThrownBy(() -> Tenants.as(ops,
				() -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF)))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ALREADY_ENROLLED));
		assertThat(Tenants.as(ops, () -> runs.get(run.id())).seatsTaken()).isEqualTo(1);

		LocalDate today = today();
		ClassRunView later = Tenants.as(ops,
				() -> runs.schedule(courseId,
						new ClassRunManagement.NewRun("LATER-" + UUID.randomUUID(), today.plusDays(30),
								today.plusDays(31), today.plusDays(5), today.plusDays(20), 5, "1", null, false, false,
								RunStatus.PUBLISHED)));
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> enrolments.enrol(staffEnrolment(learner, later.id()), EnrolmentManagement.Source.STAFF)))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.REGISTRATION_CLOSED));
	}

	@Test
	void cancellingARunCancelsItsEnrolmentsAndCapacityCannotDropBelowTheConfirmed() {
		ClassRunView run = openRun(3, true);
		List<EnrolmentView> made = new ArrayList<>();
		for (UUID learner : learners(4)) {
			made.add(Tenants.as(ops,
					() -> enrolments.enrol(staffEnrolment(learner, run.id()), EnrolmentManagement.Source.STAFF)));
		}
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> runs.update(run.id(),
						new ClassRunManagement.RunChange(null, null, null, null, null, 2, null, null, null, null,
								null))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.CAPACITY_BELOW_ENROLMENTS));

		Tenants.as(ops, () -> runs.cancel(run.id(), "trainer unavailable"));

		assertThat(made).allSatisfy(e -> assertThat(status(e.id())).isEqualTo(EnrolmentStatus.CANCELLED));
		assertThat(jdbc
			.sql("SELECT count(*) FROM audit_event WHERE action = 'enrolment.cancelled' AND entity_id IN (:ids)")
			.param("ids", made.stream().map(e -> e.id().toString()).toList())
			.query(Long.class)
			.single()).isEqualTo(4);
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> enrolments.enrol(staffEnrolment(learners(1).get(0), run.id()), EnrolmentManagement.Source.STAFF)))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.CLASS_RUN_NOT_OPEN));
	}

	private ClassRunView openRun(int capacity, boolean waitlist) {
		LocalDate today = today();
		return Tenants.as(ops,
				() -> runs.schedule(courseId,
						new ClassRunManagement.NewRun("RUN-" + UUID.randomUUID(), today.plusDays(7), today.plusDays(9),
								today.minusDays(1), today.plusDays(6), capacity, "1", "Room 1", false, waitlist,
								RunStatus.PUBLISHED)));
	}

	private List<UUID> learners(int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String nric = Nrics.next();
			LearnerView learner = Tenants.as(ops,
					() -> learners.register(
							new LearnerManagement.NewLearner("Learner " + nric, nric.toLowerCase() + "@example.com",
									"+65 9123 4567", IdType.SP, nric, LocalDate.of(1990, 1, 1), true, null)));
			ids.add(learner.id());
		}
		return ids;
	}

	private static EnrolmentManagement.NewEnrolment staffEnrolment(UUID learner, UUID run) {
		return new EnrolmentManagement.NewEnrolment(learner, run, SponsorshipType.INDIVIDUAL, null,
				new BigDecimal("500.00"), null, null);
	}

	private EnrolmentStatus status(UUID enrolment) {
		return Tenants.as(ops, () -> enrolments.get(enrolment)).status();
	}

	private long confirmed(UUID run) {
		return jdbc.sql("SELECT count(*) FROM enrolment WHERE run_id = :run AND status = 'CONFIRMED'")
			.param("run", run)
			.query(Long.class)
			.single();
	}

	private LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Singapore"));
	}

	/**
	 * Runs the action once per item on its own thread, all released at once; counts the
	 * outcomes.
	 */
	private <T> Map<String, Integer> race(List<T> items, java.util.function.Function<T, EnrolmentView> action)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(items.size());
		CountDownLatch start = new CountDownLatch(1);
		Map<String, Integer> outcomes = new ConcurrentHashMap<>();
		List<Future<?>> futures = new ArrayList<>();
		for (T item : items) {
			futures.add(pool.submit(() -> {
				start.await();
				String outcome;
				try {
					outcome = Tenants.as(ops, () -> action.apply(item)).status().name();
				}
				catch (CohortException ex) {
					outcome = ex.code().code();
				}
				outcomes.merge(outcome, 1, Integer::sum);
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		return outcomes;
	}

}
