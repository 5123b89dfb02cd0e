package io.cohort.ui;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentManagement.ResultsToEnter;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.compliance.ComplianceManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentManagement.FeesOutstanding;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import io.cohort.scheduling.ClassRunManagement.ScheduledSession;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the home page lists as work to do, by role: staff (ADMIN, OPS) see the tenant's
 * sessions of today and of the rest of the week, attendance still to mark, runs starting
 * soon with their fill, results still to enter, unpaid fees, deadlines due soon or
 * overdue and the dead letters; a trainer sees their own sessions of today and of the
 * rest of the week; an assessor sees the runs whose results are still to enter.
 */
@Component
class Dashboard {

	/** How far ahead "runs starting soon" looks. */
	static final int STARTING_SOON_DAYS = 14;

	/** How far back sessions whose attendance is still unmarked are looked for. */
	static final int UNMARKED_LOOKBACK_DAYS = 7;

	/**
	 * How far back runs that have ended are looked at for results still to enter (the
	 * gateway's deadline for them is 14 to 28 days after the end).
	 */
	static final int RESULTS_LOOKBACK_DAYS = 60;

	private final ClassRunManagement runs;

	private final TrainerManagement trainers;

	private final AttendanceManagement attendance;

	private final ComplianceManagement compliance;

	private final JobQueue jobs;

	private final AssessmentManagement assessments;

	private final EnrolmentManagement enrolments;

	Dashboard(ClassRunManagement runs, TrainerManagement trainers, AttendanceManagement attendance,
			ComplianceManagement compliance, JobQueue jobs, AssessmentManagement assessments,
			EnrolmentManagement enrolments) {
		this.runs = runs;
		this.trainers = trainers;
		this.attendance = attendance;
		this.compliance = compliance;
		this.jobs = jobs;
		this.assessments = assessments;
		this.enrolments = enrolments;
	}

	/** A session on the dashboard, with where its attendance is marked. */
	record SessionLine(SessionView session, ClassRunView run, @Nullable String runHref, boolean unmarked,
			String markHref) {
	}

	/** A run starting soon, with its fill in percent of its capacity. */
	record RunLine(ClassRunView run, int fillPercent) {
	}

	/** A deadline due soon or overdue, with its run. */
	record DeadlineLine(String runReference, UUID runId, String what, LocalDate due, long daysLeft, boolean overdue) {
	}

	/** The fees not yet paid in full, per run, and in all. */
	record UnpaidFees(List<FeesOutstanding> runs, int enrolments, BigDecimal amount) {

		static UnpaidFees of(List<FeesOutstanding> runs) {
			return new UnpaidFees(runs, runs.stream().mapToInt(FeesOutstanding::enrolments).sum(),
					runs.stream().map(FeesOutstanding::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
		}

	}

	/** The staff's view of the tenant's work. */
	record Staff(LocalDate today, List<SessionLine> todays, List<SessionLine> laterThisWeek, List<SessionLine> toMark,
			List<RunLine> startingSoon, List<ResultsToEnter> resultsToEnter, UnpaidFees unpaidFees,
			List<DeadlineLine> deadlines, long deadLetters) {
	}

	/** An assessor's view: the runs whose results are still to enter. */
	record Assessor(LocalDate today, List<ResultsToEnter> resultsToEnter) {
	}

	/** A trainer's view of their own sessions. */
	record Trainer(LocalDate today, List<SessionLine> todays, List<SessionLine> laterThisWeek) {
	}

	Staff staff() {
		CohortPrincipal principal = CurrentActor.require();
		LocalDate today = runs.today(CurrentActor.tenantId());
		LocalDate sunday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		List<ScheduledSession> sessions = runs.sessionsBetween(today.minusDays(UNMARKED_LOOKBACK_DAYS), sunday);
		Set<UUID> unmarked = attendance.unmarkedSessions(
				sessions.stream().filter(s -> !s.session().date().isAfter(today)).map(s -> s.session().id()).toList());
		boolean marksSheets = principal.has(Role.OPS);
		List<SessionLine> lines = sessions.stream()
			.map(s -> new SessionLine(s.session(), s.run(), "/runs/" + s.run().id(),
					unmarked.contains(s.session().id()),
					marksSheets ? "/sessions/" + s.session().id() : "/runs/" + s.run().id() + "/attendance"))
			.toList();
		List<RunLine> startingSoon = runs.startingBetween(today, today.plusDays(STARTING_SOON_DAYS))
			.stream()
			.map(run -> new RunLine(run, run.capacity() == 0 ? 0 : run.seatsTaken() * 100 / run.capacity()))
			.toList();
		List<DeadlineLine> deadlines = compliance.summary()
			.runs()
			.stream()
			.flatMap(run -> run.deadlines()
				.stream()
				.filter(d -> d.status() == ComplianceManagement.DeadlineStatus.DUE_SOON
						|| d.status() == ComplianceManagement.DeadlineStatus.OVERDUE)
				.map(d -> new DeadlineLine(run.reference(), run.runId(), describe(d.type()), d.due(), d.daysLeft(),
						d.status() == ComplianceManagement.DeadlineStatus.OVERDUE)))
			.sorted(Comparator.comparing(DeadlineLine::due).thenComparing(DeadlineLine::runReference))
			.toList();
		return new Staff(today, on(lines, today), after(lines, today),
				lines.stream().filter(SessionLine::unmarked).toList(), startingSoon, resultsToEnter(today),
				UnpaidFees.of(enrolments.feesOutstanding()), deadlines, jobs.list(null, JobStatus.DEAD, 0, 1).total());
	}

	Assessor assessor() {
		LocalDate today = runs.today(CurrentActor.tenantId());
		return new Assessor(today, resultsToEnter(today));
	}

	/**
	 * The runs whose last day has come (within the look-back) and whose learners still
	 * lack results.
	 */
	private List<ResultsToEnter> resultsToEnter(LocalDate today) {
		return assessments.resultsToEnter(today.minusDays(RESULTS_LOOKBACK_DAYS), today);
	}

	Trainer trainer() {
		LocalDate today = runs.today(CurrentActor.tenantId());
		LocalDate sunday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		List<SessionView> mine = trainers.mySessions().stream().filter(s -> !s.date().isAfter(sunday)).toList();
		Map<UUID, ClassRunView> byRun = mine.stream()
			.map(SessionView::runId)
			.distinct()
			.map(runs::get)
			.collect(Collectors.toMap(ClassRunView::id, Function.identity()));
		Set<UUID> unmarked = attendance
			.unmarkedSessions(mine.stream().filter(s -> s.date().equals(today)).map(SessionView::id).toList());
		List<SessionLine> lines = mine.stream()
			.map(s -> new SessionLine(s, byRun.get(s.runId()), null, unmarked.contains(s.id()), "/sessions/" + s.id()))
			.toList();
		return new Trainer(today, on(lines, today), after(lines, today));
	}

	private static List<SessionLine> on(List<SessionLine> lines, LocalDate day) {
		return lines.stream().filter(l -> l.session().date().equals(day)).toList();
	}

	private static List<SessionLine> after(List<SessionLine> lines, LocalDate day) {
		return lines.stream().filter(l -> l.session().date().isAfter(day)).toList();
	}

	private static String describe(ComplianceManagement.DeadlineType type) {
		return switch (type) {
			case RUN_PUBLISHED -> "Publish the run to TPGateway";
			case ENROLMENTS_SUBMITTED -> "Submit the enrolments";
			case ATTENDANCE_SUBMITTED -> "Submit the attendance";
			case ASSESSMENTS_SUBMITTED -> "Submit the assessment results";
		};
	}

}
