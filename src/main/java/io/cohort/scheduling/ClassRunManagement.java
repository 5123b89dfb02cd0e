package io.cohort.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.catalog.CourseView;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Class runs and their sessions: scheduling rules, seats, and what is open for enrolment.
 */
@Service
public class ClassRunManagement {

	/** How many runs {@link #live()} reads at a time. */
	private static final int PAGE = 500;

	private final ClassRunRepository runs;

	private final CourseManagement courses;

	private final TenantManagement tenants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ClassRunManagement(ClassRunRepository runs, CourseManagement courses, TenantManagement tenants,
			ApplicationEventPublisher events, Clock clock) {
		this.runs = runs;
		this.courses = courses;
		this.tenants = tenants;
		this.events = events;
		this.clock = clock;
	}

	/** A new run of a course. */
	public record NewRun(String reference, LocalDate startDate, LocalDate endDate, LocalDate registrationOpens,
			LocalDate registrationCloses, int capacity, String modeOfTraining, @Nullable String venue, boolean inHouse,
			boolean waitlistEnabled, @Nullable RunStatus status, @Nullable String venuePostalCode,
			@Nullable String courseAdminEmail) {

		/**
		 * A run without the details only TPGateway asks for (postal code, course admin).
		 */
		public NewRun(String reference, LocalDate startDate, LocalDate endDate, LocalDate registrationOpens,
				LocalDate registrationCloses, int capacity, String modeOfTraining, @Nullable String venue,
				boolean inHouse, boolean waitlistEnabled, @Nullable RunStatus status) {
			this(reference, startDate, endDate, registrationOpens, registrationCloses, capacity, modeOfTraining, venue,
					inHouse, waitlistEnabled, status, null, null);
		}

	}

	/** A partial change: absent fields stay as they are. */
	public record RunChange(@Nullable String reference, @Nullable LocalDate startDate, @Nullable LocalDate endDate,
			@Nullable LocalDate registrationOpens, @Nullable LocalDate registrationCloses, @Nullable Integer capacity,
			@Nullable String modeOfTraining, @Nullable String venue, @Nullable Boolean inHouse,
			@Nullable Boolean waitlistEnabled, @Nullable RunStatus status, @Nullable String venuePostalCode,
			@Nullable String courseAdminEmail) {

		/** A change that leaves the TPGateway details as they are. */
		public RunChange(@Nullable String reference, @Nullable LocalDate startDate, @Nullable LocalDate endDate,
				@Nullable LocalDate registrationOpens, @Nullable LocalDate registrationCloses,
				@Nullable Integer capacity, @Nullable String modeOfTraining, @Nullable String venue,
				@Nullable Boolean inHouse, @Nullable Boolean waitlistEnabled, @Nullable RunStatus status) {
			this(reference, startDate, endDate, registrationOpens, registrationCloses, capacity, modeOfTraining, venue,
					inHouse, waitlistEnabled, status, null, null);
		}

	}

	/** A new session of a run; the mode defaults to the run's. */
	public record NewSession(LocalDate date, LocalTime startTime, LocalTime endTime, @Nullable String modeOfTraining,
			@Nullable UUID trainerId, @Nullable String venue) {
	}

	/** A change to a session: what is {@code null} stays as it is. */
	public record SessionChange(@Nullable LocalDate date, @Nullable LocalTime startTime, @Nullable LocalTime endTime,
			@Nullable UUID trainerId, @Nullable String venue) {
	}

	/** A run with its sessions. */
	public record RunDetail(ClassRunView run, List<SessionView> sessions) {
	}

	/** What happened when a seat was asked for. */
	public enum SeatOutcome {

		TAKEN, FULL, NOT_OPEN

	}

	/**
	 * Who schedules a run: staff plan runs ahead, while the CRM reports runs that exist
	 * already and may have started.
	 */
	public enum Source {

		STAFF, CRM

	}

	@Transactional
	public ClassRunView schedule(UUID courseId, NewRun request) {
		return schedule(courseId, request, Source.STAFF);
	}

	@Transactional
	public ClassRunView schedule(UUID courseId, NewRun request, Source source) {
		UUID tenant = CurrentActor.tenantId();
		CourseView course = courses.find(courseId).orElseThrow(() -> CohortException.notFound("course", courseId));
		if (course.status() == CourseStatus.ARCHIVED) {
			throw new CohortException(ProblemCode.COURSE_ARCHIVED, "An archived course cannot get new runs");
		}
		RunStatus status = request.status() == null ? RunStatus.DRAFT : request.status();
		if (status != RunStatus.DRAFT && status != RunStatus.PUBLISHED) {
			throw CohortException.invalidField("status", "a new run is DRAFT or PUBLISHED");
		}
		if (source == Source.STAFF && request.startDate().isBefore(today(tenant))) {
			throw new CohortException(ProblemCode.RUN_STARTS_IN_PAST, "A new run cannot start in the past");
		}
		Instant now = now();
		ClassRunRepository.RunRow row = new ClassRunRepository.RunRow(UUID.randomUUID(), courseId,
				request.reference().trim(), request.startDate(), request.endDate(), request.registrationOpens(),
				request.registrationCloses(), request.capacity(), 0, ClassRun.mode(request.modeOfTraining()),
				request.venue() == null ? "" : request.venue().trim(), request.inHouse(), request.waitlistEnabled(),
				status, null, ClassRun.postalCode(request.venuePostalCode()),
				ClassRun.blankToNull(request.courseAdminEmail()), now, now);
		ClassRun.checkDates(row);
		try {
			runs.insert(tenant, row);
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.RUN_REFERENCE_TAKEN,
					"A run with reference " + row.reference() + " exists");
		}
		events.publishEvent(new ClassRunScheduled(tenant, row.id(), courseId));
		events.publishEvent(AuditFact.of(tenant, "class_run.scheduled", "class_run", row.id(),
				Map.of("course_id", courseId.toString(), "reference", row.reference(), "start_date",
						row.startDate().toString(), "end_date", row.endDate().toString(), "capacity", row.capacity(),
						"status", status.name())));
		return view(row, course);
	}

	@Transactional(readOnly = true)
	public ClassRunView get(UUID runId) {
		return get(CurrentActor.tenantId(), runId);
	}

	/**
	 * The run of the tenant given: for listeners that run after the request, where there
	 * is no caller.
	 */
	@Transactional(readOnly = true)
	public ClassRunView get(UUID tenant, UUID runId) {
		return find(tenant, runId).orElseThrow(() -> CohortException.notFound("class run", runId));
	}

	/** The run of the tenant given, if it has one with this id. */
	@Transactional(readOnly = true)
	public Optional<ClassRunView> find(UUID tenant, UUID runId) {
		return runs.find(tenant, runId, false).map(row -> views(tenant, List.of(row)).get(0));
	}

	@Transactional(readOnly = true)
	public RunDetail detail(UUID runId) {
		ClassRunView run = get(runId);
		return new RunDetail(run, runs.sessions(CurrentActor.tenantId(), List.of(runId)));
	}

	@Transactional(readOnly = true)
	public PageView<ClassRunView> list(@Nullable UUID courseId, @Nullable RunStatus status, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(views(tenant, runs.page(tenant, courseId, status, page, size)), page, size,
				runs.count(tenant, courseId, status));
	}

	/**
	 * Every run of the tenant that is neither a draft nor cancelled, read page by page:
	 * however many the tenant has, none is left out.
	 */
	@Transactional(readOnly = true)
	public List<ClassRunView> live() {
		UUID tenant = CurrentActor.tenantId();
		List<ClassRunView> live = new java.util.ArrayList<>();
		for (int page = 0;; page++) {
			List<ClassRunView> views = views(tenant, runs.page(tenant, null, null, page, PAGE));
			views.stream()
				.filter(run -> run.status() != RunStatus.DRAFT && run.status() != RunStatus.CANCELLED)
				.forEach(live::add);
			if (views.size() < PAGE) {
				return live;
			}
		}
	}

	/** Published runs open for registration today (tenant's zone) with seats left. */
	@Transactional(readOnly = true)
	public List<ClassRunView> available() {
		UUID tenant = CurrentActor.tenantId();
		return views(tenant, runs.available(tenant, today(tenant)));
	}

	@Transactional
	public ClassRunView update(UUID runId, RunChange change) {
		UUID tenant = CurrentActor.tenantId();
		ClassRunRepository.RunRow before = runs.find(tenant, runId, true)
			.orElseThrow(() -> CohortException.notFound("class run", runId));
		ClassRun run = new ClassRun(before);
		ClassRunRepository.RunRow after = run.apply(change,
				runs.sessions(tenant, List.of(runId))
					.stream()
					.filter(session -> !session.cancelled())
					.map(SessionView::date)
					.toList(),
				now());
		boolean written;
		try {
			written = runs.update(tenant, after);
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.RUN_REFERENCE_TAKEN,
					"A run with reference " + after.reference() + " exists");
		}
		if (!written) {
			throw ClassRun.capacityBelowSeats(before.seatsTaken());
		}
		Changes changes = run.changesTo(after);
		if (!changes.isEmpty()) {
			events.publishEvent(new ClassRunUpdated(tenant, runId));
			events.publishEvent(AuditFact.of(tenant, "class_run.updated", "class_run", runId, changes.toMap()));
		}
		return get(runId);
	}

	/**
	 * Cancels the run, its sessions and (through {@link ClassRunCancelled}) its
	 * enrolments, in one transaction.
	 */
	@Transactional
	public ClassRunView cancel(UUID runId, String reason) {
		UUID tenant = CurrentActor.tenantId();
		ClassRunRepository.RunRow before = runs.find(tenant, runId, true)
			.orElseThrow(() -> CohortException.notFound("class run", runId));
		if (before.status() == RunStatus.CANCELLED) {
			return get(runId);
		}
		if (before.status() == RunStatus.COMPLETED) {
			throw new CohortException(ProblemCode.RUN_CLOSED, "A completed run cannot be cancelled");
		}
		runs.cancel(tenant, runId);
		events.publishEvent(AuditFact.of(tenant, "class_run.cancelled", "class_run", runId,
				Map.of("reason", reason, "status", Map.of("from", before.status().name(), "to", "CANCELLED"))));
		events.publishEvent(new ClassRunCancelled(tenant, runId, reason));
		return get(runId);
	}

	@Transactional
	public SessionView addSession(UUID runId, NewSession request) {
		UUID tenant = CurrentActor.tenantId();
		ClassRunRepository.RunRow run = runs.find(tenant, runId, true)
			.orElseThrow(() -> CohortException.notFound("class run", runId));
		if (run.status() == RunStatus.CANCELLED || run.status() == RunStatus.COMPLETED) {
			throw new CohortException(ProblemCode.RUN_CLOSED, "A " + run.status() + " run cannot get new sessions");
		}
		if (!request.endTime().isAfter(request.startTime())) {
			throw CohortException.invalidField("end_time", "must be after start_time");
		}
		if (request.date().isBefore(run.startDate()) || request.date().isAfter(run.endDate())) {
			throw new CohortException(ProblemCode.SESSION_OUTSIDE_RUN,
					"The session must lie within the run (" + run.startDate() + " to " + run.endDate() + ")");
		}
		String trainerName = null;
		if (request.trainerId() != null) {
			trainerName = runs.trainer(tenant, request.trainerId())
				.orElseThrow(() -> CohortException.invalidField("trainer_id", "is not a trainer of this tenant"))
				.fullName();
		}
		SessionView session = new SessionView(UUID.randomUUID(), runId, request.date(), request.startTime(),
				request.endTime(),
				request.modeOfTraining() == null ? run.modeOfTraining() : ClassRun.mode(request.modeOfTraining()),
				request.trainerId(), trainerName, request.venue() == null ? run.venue() : request.venue().trim(),
				false);
		try {
			runs.insertSession(tenant, session);
		}
		catch (DataIntegrityViolationException ex) {
			if (ex.getMostSpecificCause() instanceof java.sql.SQLException sql && "23P01".equals(sql.getSQLState())) {
				throw new CohortException(ProblemCode.TRAINER_DOUBLE_BOOKED,
						"The trainer already leads another session at that time");
			}
			throw ex;
		}
		events.publishEvent(new ClassRunUpdated(tenant, runId));
		events.publishEvent(AuditFact.of(tenant, "class_session.scheduled", "class_session", session.id(),
				Map.of("run_id", runId.toString(), "date", session.date().toString(), "start_time",
						session.startTime().toString(), "end_time", session.endTime().toString(), "trainer_id",
						String.valueOf(session.trainerId()))));
		return session;
	}

	/**
	 * Moves a session, changes its trainer or venue; the same rules as a new session
	 * (within the run, end after start, no trainer double-booked).
	 */
	@Transactional
	public SessionView updateSession(UUID sessionId, SessionChange change) {
		UUID tenant = CurrentActor.tenantId();
		SessionView before = runs.session(tenant, sessionId)
			.orElseThrow(() -> CohortException.notFound("session", sessionId));
		ClassRunRepository.RunRow run = runs.find(tenant, before.runId(), true)
			.orElseThrow(() -> CohortException.notFound("class run", before.runId()));
		if (run.status() == RunStatus.CANCELLED || run.status() == RunStatus.COMPLETED || before.cancelled()) {
			throw new CohortException(ProblemCode.SESSION_CLOSED,
					"A session that is cancelled, or of a " + run.status() + " run, cannot be changed");
		}
		LocalDate date = ClassRun.or(change.date(), before.date());
		LocalTime start = ClassRun.or(change.startTime(), before.startTime());
		LocalTime end = ClassRun.or(change.endTime(), before.endTime());
		if (!end.isAfter(start)) {
			throw CohortException.invalidField("end_time", "must be after start_time");
		}
		if (date.isBefore(run.startDate()) || date.isAfter(run.endDate())) {
			throw new CohortException(ProblemCode.SESSION_OUTSIDE_RUN,
					"The session must lie within the run (" + run.startDate() + " to " + run.endDate() + ")");
		}
		UUID trainerId = ClassRun.or(change.trainerId(), before.trainerId());
		String trainerName = before.trainerName();
		if (change.trainerId() != null) {
			trainerName = runs.trainer(tenant, change.trainerId())
				.orElseThrow(() -> CohortException.invalidField("trainer_id", "is not a trainer of this tenant"))
				.fullName();
		}
		String venue = change.venue() == null || change.venue().isBlank() ? before.venue() : change.venue().trim();
		SessionView after = new SessionView(sessionId, before.runId(), date, start, end, before.modeOfTraining(),
				trainerId, trainerName, venue, false);
		try {
			runs.updateSession(tenant, after);
		}
		catch (DataIntegrityViolationException ex) {
			if (ex.getMostSpecificCause() instanceof java.sql.SQLException sql && "23P01".equals(sql.getSQLState())) {
				throw new CohortException(ProblemCode.TRAINER_DOUBLE_BOOKED,
						"The trainer already leads another session at that time");
			}
			throw ex;
		}
		Changes changes = Changes.of()
			.field("date", before.date().toString(), after.date().toString())
			.field("start_time", before.startTime().toString(), after.startTime().toString())
			.field("end_time", before.endTime().toString(), after.endTime().toString())
			.field("trainer_id", String.valueOf(before.trainerId()), String.valueOf(after.trainerId()))
			.field("venue", before.venue(), after.venue());
		if (!changes.isEmpty()) {
			events.publishEvent(new ClassRunUpdated(tenant, before.runId()));
			events.publishEvent(
					AuditFact.of(tenant, "class_session.updated", "class_session", sessionId, changes.toMap()));
		}
		return after;
	}

	@Transactional(readOnly = true)
	public List<SessionView> sessions(UUID runId) {
		get(runId);
		return runs.sessions(CurrentActor.tenantId(), List.of(runId));
	}

	/**
	 * The sessions on one day of the given runs of the caller's tenant, cancelled ones
	 * included, in one read: a run of another tenant, or none, contributes nothing.
	 */
	@Transactional(readOnly = true)
	public List<SessionView> sessionsOn(Collection<UUID> runIds, LocalDate day) {
		return runs.sessionsOn(CurrentActor.tenantId(), runIds, day);
	}

	/** A session with its run, for schedules that span runs. */
	public record ScheduledSession(SessionView session, ClassRunView run) {
	}

	/**
	 * The sessions between two days, both included, of the runs that are neither drafts
	 * nor cancelled; cancelled sessions are left out.
	 */
	@Transactional(readOnly = true)
	public List<ScheduledSession> sessionsBetween(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			throw CohortException.invalidField("to", "must not be before from");
		}
		UUID tenant = CurrentActor.tenantId();
		List<SessionView> sessions = runs.sessionsBetween(tenant, from, to);
		Map<UUID, ClassRunView> byId = views(tenant,
				runs.runs(tenant, sessions.stream().map(SessionView::runId).distinct().toList()))
			.stream()
			.collect(java.util.stream.Collectors.toMap(ClassRunView::id, run -> run));
		return sessions.stream().map(s -> new ScheduledSession(s, byId.get(s.runId()))).toList();
	}

	/**
	 * The runs taking enrolments (published or ongoing) that start between two days, both
	 * included, soonest first.
	 */
	@Transactional(readOnly = true)
	public List<ClassRunView> startingBetween(LocalDate from, LocalDate to) {
		UUID tenant = CurrentActor.tenantId();
		return views(tenant, runs.startingBetween(tenant, from, to));
	}

	/**
	 * The runs that were held (published, ongoing or completed) and end between two days,
	 * both included, earliest end first.
	 */
	@Transactional(readOnly = true)
	public List<ClassRunView> endingBetween(LocalDate from, LocalDate to) {
		UUID tenant = CurrentActor.tenantId();
		return views(tenant, runs.endingBetween(tenant, from, to));
	}

	@Transactional(readOnly = true)
	public SessionView session(UUID sessionId) {
		return runs.session(CurrentActor.tenantId(), sessionId)
			.orElseThrow(() -> CohortException.notFound("session", sessionId));
	}

	/** The session in the caller's tenant, if there is one. */
	@Transactional(readOnly = true)
	public java.util.Optional<SessionView> findSession(UUID sessionId) {
		return runs.session(CurrentActor.tenantId(), sessionId);
	}

	/**
	 * Takes one seat of the run in a single guarded statement: it never over-fills,
	 * whatever runs beside it.
	 */
	@Transactional
	public SeatOutcome takeSeat(UUID runId) {
		UUID tenant = CurrentActor.tenantId();
		if (runs.takeSeat(tenant, runId)) {
			return SeatOutcome.TAKEN;
		}
		ClassRunRepository.RunRow run = runs.find(tenant, runId, false)
			.orElseThrow(() -> CohortException.notFound("class run", runId));
		return run.status().takesEnrolments() ? SeatOutcome.FULL : SeatOutcome.NOT_OPEN;
	}

	/**
	 * Locks the run's seats for the rest of the transaction, so that seat changes that
	 * read before they write (a withdrawal promoting the head of the waitlist) happen one
	 * at a time per run.
	 */
	@Transactional
	public void lockSeats(UUID runId) {
		runs.find(CurrentActor.tenantId(), runId, true).orElseThrow(() -> CohortException.notFound("class run", runId));
	}

	@Transactional
	public void releaseSeat(UUID runId) {
		runs.releaseSeat(CurrentActor.tenantId(), runId);
	}

	/** Today in the tenant's time zone. */
	public LocalDate today(UUID tenant) {
		return LocalDate.now(clock.withZone(tenants.zone(tenant)));
	}

	private List<ClassRunView> views(UUID tenant, List<ClassRunRepository.RunRow> rows) {
		Map<UUID, CourseManagement.CourseSummary> byId = courses.summaries(tenant,
				rows.stream().map(ClassRunRepository.RunRow::courseId).toList());
		return rows.stream().map(row -> view(row, byId.get(row.courseId()))).toList();
	}

	private static ClassRunView view(ClassRunRepository.RunRow row, CourseView course) {
		return view(row, new CourseManagement.CourseSummary(course.id(), course.code(), course.title()));
	}

	private static ClassRunView view(ClassRunRepository.RunRow row, CourseManagement.@Nullable CourseSummary course) {
		return new ClassRunView(row.id(), row.courseId(), course == null ? "" : course.code(),
				course == null ? "" : course.title(), row.reference(), row.startDate(), row.endDate(),
				row.registrationOpens(), row.registrationCloses(), row.capacity(), row.seatsTaken(),
				row.capacity() - row.seatsTaken(), row.modeOfTraining(), row.venue(), row.inHouse(),
				row.waitlistEnabled(), row.status(), row.ssgRunId(), row.venuePostalCode(), row.courseAdminEmail(),
				row.createdAt(), row.updatedAt());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Keeps the id TPGateway gave the run once its publication succeeded, in the caller's
	 * transaction (the outbound job's outcome); the tenant is the job's, not the
	 * thread's.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordSsgRunId(UUID tenant, UUID runId, String ssgRunId) {
		runs.recordSsgRunId(tenant, runId, ssgRunId);
	}

}
