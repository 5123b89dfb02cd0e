package io.cohort.attendance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.shared.IdType;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.testing.Nrics;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RecordApplicationEvents
class AttendanceIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationEvents events;

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	UserManagement users;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	TrainerManagement trainers;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AttendanceManagement attendance;

	@Autowired
	CheckInCodes codes;

	@Autowired
	JdbcClient jdbc;

	Tenants.TestTenant tenant;

	CohortPrincipal ops;

	CohortPrincipal trainerUser;

	CohortPrincipal otherTrainerUser;

	ClassRunView run;

	SessionView morning;

	SessionView afternoon;

	List<EnrolmentView> roster = new ArrayList<>();

	@BeforeEach
	void runWithSessions() {
		tenant = new Tenants(tenantManagement).create("attend");
		ops = tenant.as(Role.OPS);
		CohortPrincipal admin = tenant.as(Role.ADMIN);
		trainerUser = tenant
			.user(Tenants.as(admin, () -> users.create(new UserManagement.NewUser("trainer@" + tenant.slug() + ".test",
					"Tan Trainer", "tan-mango-lantern-1", Set.of(Role.TRAINER)))));
		otherTrainerUser = tenant
			.user(Tenants.as(admin, () -> users.create(new UserManagement.NewUser("other@" + tenant.slug() + ".test",
					"Other Trainer", "trainer-password-2", Set.of(Role.TRAINER)))));
		UUID trainer = Tenants
			.as(ops, () -> trainers.create(new TrainerManagement.NewTrainer("Tan Trainer",
					"trainer@" + tenant.slug() + ".test", trainerUser.id())))
			.id();
		Tenants.as(ops, () -> trainers.create(new TrainerManagement.NewTrainer("Other Trainer",
				"other@" + tenant.slug() + ".test", otherTrainerUser.id())));
		UUID course = Tenants.as(ops, () -> courses.create(new CourseManagement.NewCourse("C-" + tenant.slug(),
				"First Aid", null, null, List.of(new CourseManagement.NewModule("M1", "CPR", new BigDecimal("8"))))))
			.id();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		run = Tenants.as(ops, () -> runs.schedule(course, new ClassRunManagement.NewRun("R-" + tenant.slug(), today,
				today.plusDays(1), today.minusDays(3), today, 10, "1", "Room 2", false, false, RunStatus.PUBLISHED)));
		LocalTime now = LocalTime.now(ZoneId.of("Asia/Singapore")).truncatedTo(ChronoUnit.MINUTES);
		LocalTime start = now.isBefore(LocalTime.of(1, 0)) ? LocalTime.MIDNIGHT : now.minusHours(1);
		LocalTime end = now.isAfter(LocalTime.of(22, 58)) ? LocalTime.of(23, 59) : now.plusHours(1);
		morning = Tenants.as(ops, () -> runs.addSession(run.id(),
				new ClassRunManagement.NewSession(today, start, end, null, trainer, null)));
		afternoon = Tenants.as(ops,
				() -> runs.addSession(run.id(), new ClassRunManagement.NewSession(today.plusDays(1), LocalTime.of(9, 0),
						LocalTime.of(9, 0).plus(java.time.Duration.between(start, end)), null, trainer, null)));
		for (int i = 0; i < 4; i++) {
			String nric = Nrics.next();
			UUID learner = Tenants
				.as(ops, () -> learners.register(new LearnerManagement.NewLearner("Learner " + nric,
						nric.toLowerCase() + "@example.com", null, IdType.SP, nric, null, true, null)))
				.id();
			roster
				.add(Tenants.as(ops,
						() -> enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, run.id(),
								SponsorshipType.INDIVIDUAL, null, null, null, null),
								EnrolmentManagement.Source.STAFF)));
		}
	}

	@Test
	void aRepeatedSheetChangesNothingAndLeavesNoDuplicates() {
		List<AttendanceManagement.Entry> sheet = sheet(AttendanceStatus.PRESENT, AttendanceStatus.ABSENT,
				AttendanceStatus.LATE, AttendanceStatus.EXCUSED);

		AttendanceManagement.SheetResult first = Tenants.as(trainerUser,
				() -> attendance.markSheet(morning.id(), sheet));
		AttendanceManagement.SheetResult again = Tenants.as(trainerUser,
				() -> attendance.markSheet(morning.id(), sheet));

		assertThat(first.created()).isEqualTo(4);
		assertThat(events.stream(AttendanceMarked.class).filter(e -> e.sessionId().equals(morning.id())))
			.singleElement()
			.satisfies(e -> assertThat(e.marks()).hasSize(4));
		assertThat(events.stream(AbsenceRecorded.class).filter(e -> e.sessionId().equals(morning.id()))).singleElement()
			.satisfies(e -> assertThat(e.enrolmentId()).isEqualTo(roster.get(1).id()));
		assertThat(again.created()).isZero();
		assertThat(again.corrected()).isZero();
		assertThat(again.unchanged()).isEqualTo(4);
		assertThat(count("SELECT count(*) FROM attendance WHERE session_id = :id", morning.id())).isEqualTo(4);
		assertThat(count("""
				SELECT count(*) FROM attendance_history h JOIN attendance a ON a.id = h.attendance_id
				WHERE a.session_id = :id""", morning.id())).isEqualTo(4);
		assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'attendance.marked' AND entity_id = :id",
				morning.id().toString()))
			.isEqualTo(1);
	}

	@Test
	void aCorrectionKeepsItsHistory() {
		Tenants.as(trainerUser, () -> attendance.markSheet(morning.id(), sheet(AttendanceStatus.PRESENT,
				AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)));

		AttendanceRecord corrected = Tenants.as(ops, () -> attendance.markOne(morning.id(),
				new AttendanceManagement.Entry(roster.get(1).id(), AttendanceStatus.ABSENT, "called in sick")));

		List<AttendanceRepository.HistoryRow> history = Tenants.as(ops, () -> attendance.history(corrected.id()));
		assertThat(history)
			.extracting(AttendanceRepository.HistoryRow::oldStatus, AttendanceRepository.HistoryRow::newStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(null, "PRESENT"),
					org.assertj.core.groups.Tuple.tuple("PRESENT", "ABSENT"));
		assertThat(history.get(0).changedBy()).isEqualTo(trainerUser.name());
		assertThat(history.get(1).changedBy()).isEqualTo(ops.name());
		assertThat(corrected.hours()).isEqualByComparingTo("0");
	}

	@Test
	void refusesLearnersWhoAreNotConfirmedInTheRunAndChangesNothing() {
		List<AttendanceManagement.Entry> sheet = new ArrayList<>(sheet(AttendanceStatus.PRESENT,
				AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.PRESENT));
		sheet.add(new AttendanceManagement.Entry(UUID.randomUUID(), AttendanceStatus.PRESENT, null));

		assertThatThrownBy(() -> Tenants.as(ops, () -> attendance.markSheet(morning.id(), sheet)))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_CONFIRMED_ENROLMENT));
		Tenants.as(ops, () -> enrolments.withdraw(roster.get(0).id(), null));
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> attendance.markSheet(morning.id(),
						List.of(new AttendanceManagement.Entry(roster.get(0).id(), AttendanceStatus.PRESENT, null)))))
			.isInstanceOf(CohortException.class);
		assertThat(count("SELECT count(*) FROM attendance WHERE session_id = :id", morning.id())).isZero();
	}

	@Test
	void onlyTheSessionsTrainerOrOpsMayMarkIt() {
		assertThatThrownBy(() -> Tenants.as(otherTrainerUser,
				() -> attendance.markSheet(morning.id(), sheet(AttendanceStatus.PRESENT, AttendanceStatus.PRESENT,
						AttendanceStatus.PRESENT, AttendanceStatus.PRESENT))))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> Tenants.as(otherTrainerUser, () -> attendance.checkInCode(morning.id())))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void theRateIsHoursAttendedOverHoursScheduled() {
		Tenants.as(trainerUser, () -> attendance.markSheet(morning.id(), sheet(AttendanceStatus.PRESENT,
				AttendanceStatus.LATE, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)));
		Tenants.as(trainerUser, () -> attendance.markSheet(afternoon.id(), sheet(AttendanceStatus.PRESENT,
				AttendanceStatus.ABSENT, AttendanceStatus.ABSENT, AttendanceStatus.PRESENT)));

		List<AttendanceManagement.Rate> rates = Tenants.as(ops, () -> attendance.rates(run.id()));

		assertThat(rates).extracting(AttendanceManagement.Rate::ratePercent)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("0"), new BigDecimal("50"));
		// GH-10: the rate of one learner (what a sheet marking one learner needs) is
		// computed alone, and the same
		List<AttendanceManagement.Rate> one = Tenants.as(ops,
				() -> attendance.rates(run.id(), Set.of(roster.get(1).id(), UUID.randomUUID())));
		assertThat(one).containsExactly(rates.get(1));
	}

	@Test
	void aLearnerChecksInWithTheCurrentCodeOfTheirOwnSessionOnly() {
		CohortPrincipal admin = tenant.as(Role.ADMIN);
		CohortPrincipal learnerUser = tenant
			.user(Tenants.as(admin, () -> users.create(new UserManagement.NewUser("learner@" + tenant.slug() + ".test",
					"Lim Learner", "lim-mango-lantern-1", Set.of(Role.LEARNER)))));
		Tenants.as(ops, () -> learners.update(roster.get(2).learnerId(),
				new LearnerManagement.LearnerChange(null, null, null, null, null, null, null, learnerUser.id())));
		String code = Tenants.as(trainerUser, () -> attendance.checkInCode(morning.id())).code();

		AttendanceRecord record = Tenants.as(learnerUser, () -> attendance.checkIn(code));

		assertThat(record.status()).isEqualTo(AttendanceStatus.PRESENT);
		assertThat(record.enrolmentId()).isEqualTo(roster.get(2).id());
		assertThat(record.method()).isEqualTo("CHECK_IN");
		assertThat(Tenants.as(learnerUser, () -> attendance.checkIn(code)).id()).isEqualTo(record.id());

		String tampered = code.substring(0, code.length() - 2) + (code.endsWith("AA") ? "BB" : "AA");
		assertThatThrownBy(() -> Tenants.as(learnerUser, () -> attendance.checkIn(tampered))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_CHECK_IN_CODE));

		String tomorrow = Tenants.as(ops, () -> attendance.checkInCode(afternoon.id())).code();
		assertThatThrownBy(() -> Tenants.as(learnerUser, () -> attendance.checkIn(tomorrow))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.CHECK_IN_CLOSED));
	}

	@Test
	void aLearnerOutsideTheRunCannotCheckInAndACancelledSessionCannotBeMarked() {
		CohortPrincipal admin = tenant.as(Role.ADMIN);
		CohortPrincipal stranger = tenant
			.user(Tenants.as(admin, () -> users.create(new UserManagement.NewUser("stranger@" + tenant.slug() + ".test",
					"Stranger", "stranger-mango-lantern-1", Set.of(Role.LEARNER)))));
		String nric = Nrics.next();
		Tenants.as(ops, () -> learners.register(new LearnerManagement.NewLearner("Stranger", "stranger@example.com",
				null, IdType.SP, nric, null, true, stranger.id())));
		String code = Tenants.as(trainerUser, () -> attendance.checkInCode(morning.id())).code();

		assertThatThrownBy(() -> Tenants.as(stranger, () -> attendance.checkIn(code))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_ENROLLED));

		Tenants.as(ops, () -> runs.cancel(run.id(), "Venue flooded"));
		assertThatThrownBy(() -> Tenants.as(ops,
				() -> attendance.markOne(morning.id(),
						new AttendanceManagement.Entry(roster.get(0).id(), AttendanceStatus.PRESENT, null))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.SESSION_CANCELLED));
	}

	@Test
	void aLearnerTypesTheShortCodeOfTheirSessionAndGuessingIsCutOff() {
		CohortPrincipal admin = tenant.as(Role.ADMIN);
		CohortPrincipal learnerUser = tenant
			.user(Tenants.as(admin, () -> users.create(new UserManagement.NewUser("typist@" + tenant.slug() + ".test",
					"Tay Typist", "tay-mango-lantern-1", Set.of(Role.LEARNER)))));
		Tenants.as(ops, () -> learners.update(roster.get(3).learnerId(),
				new LearnerManagement.LearnerChange(null, null, null, null, null, null, null, learnerUser.id())));
		AttendanceManagement.CheckInCode shown = Tenants.as(trainerUser, () -> attendance.checkInCode(morning.id()));
		assertThat(shown.typedCode()).matches("[2-9A-HJ-NP-Z]{8}");
		assertThat(shown.typedCodeRotatesAt()).isAfter(java.time.Instant.now())
			.isBeforeOrEqualTo(java.time.Instant.now().plusSeconds(60));
		String typed = shown.typedCode().substring(0, 4).toLowerCase() + "-" + shown.typedCode().substring(4);

		AttendanceRecord record = Tenants.as(learnerUser, () -> attendance.checkIn(typed));

		assertThat(record.enrolmentId()).isEqualTo(roster.get(3).id());
		assertThat(record.sessionId()).isEqualTo(morning.id());
		assertThat(record.method()).isEqualTo("CHECK_IN");
		String tomorrows = Tenants.as(ops, () -> attendance.checkInCode(afternoon.id())).typedCode();
		String wrong = tomorrows.equals(shown.typedCode()) ? "22222222" : tomorrows;
		// a window is a calendar minute: within two windows' worth of tries the limit
		// bites,
		// wherever the minute turns
		List<String> refusals = new ArrayList<>();
		for (int i = 0; i < 2 * 10 + 1 && !refusals.contains("too-many-check-in-attempts"); i++) {
			try {
				Tenants.as(learnerUser, () -> attendance.checkIn(wrong));
			}
			catch (CohortException ex) {
				refusals.add(ex.code().code());
			}
		}
		assertThat(refusals).startsWith("invalid-check-in-code").endsWith("too-many-check-in-attempts");
		assertThat(refusals.size()).isLessThanOrEqualTo(2 * 10);
	}

	private List<AttendanceManagement.Entry> sheet(AttendanceStatus... statuses) {
		List<AttendanceManagement.Entry> entries = new ArrayList<>();
		for (int i = 0; i < statuses.length; i++) {
			entries.add(new AttendanceManagement.Entry(roster.get(i).id(), statuses[i], null));
		}
		return entries;
	}

	private long count(String sql, Object id) {
		return jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

}
