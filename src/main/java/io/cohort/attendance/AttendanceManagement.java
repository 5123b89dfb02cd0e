package io.cohort.attendance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.RateWindows;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marking attendance. A whole session's sheet is one transaction and idempotent: sending
 * the same sheet twice leaves the same rows and no duplicates; a changed mark is a
 * correction with its history. Only the session's trainer or OPS mark a sheet; learners
 * check themselves in with a rotating code.
 */
@Service
public class AttendanceManagement {

	/** The rate windows of typed check-in codes, counted per learner account. */
	static final String TYPED_CODE_SCOPE = "typed-check-in-code";

	/** Typed codes a learner may try in a minute: the code is short, guessing is not. */
	static final int TYPED_CODES_A_MINUTE = 10;

	/** How early before a session starts self check-in opens. */
	static final long CHECK_IN_EARLY_MINUTES = 15;

	private final AttendanceRepository attendance;

	private final ClassRunManagement runs;

	private final TrainerManagement trainers;

	private final EnrolmentManagement enrolments;

	private final TenantManagement tenants;

	private final CheckInCodes codes;

	private final RateWindows rateWindows;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AttendanceManagement(AttendanceRepository attendance, ClassRunManagement runs, TrainerManagement trainers,
			EnrolmentManagement enrolments, TenantManagement tenants, CheckInCodes codes, RateWindows rateWindows,
			ApplicationEventPublisher events, Clock clock) {
		this.rateWindows = rateWindows;
		this.attendance = attendance;
		this.runs = runs;
		this.trainers = trainers;
		this.enrolments = enrolments;
		this.tenants = tenants;
		this.codes = codes;
		this.events = events;
		this.clock = clock;
	}

	/** One line of a sheet. */
	public record Entry(UUID enrolmentId, AttendanceStatus status, @Nullable String remarks) {
	}

	/** What a sheet did. */
	public record SheetResult(UUID sessionId, int created, int corrected, int unchanged,
			List<AttendanceRecord> records) {
	}

	/**
	 * A learner's attendance over a run: hours attended, hours of the sessions the
	 * learner was marked for (in any status), hours of every session of the run.
	 */
	public record Rate(UUID enrolmentId, UUID learnerId, String learnerName, BigDecimal attendedHours,
			BigDecimal markedHours, BigDecimal scheduledHours, BigDecimal ratePercent) {
	}

	/**
	 * A check-in code for a session (for the QR code), and when it rotates; and the
	 * session's short code to type, with when it rotates.
	 */
	public record CheckInCode(UUID sessionId, String code, Instant rotatesAt, String typedCode,
			Instant typedCodeRotatesAt) {
	}

	/** Marks a whole session in one transaction. */
	@Transactional
	public SheetResult markSheet(UUID sessionId, List<Entry> entries) {
		SessionView session = runs.session(sessionId);
		requireMarker(session);
		return apply(session, entries, entries.size() == 1 ? "SINGLE" : "SHEET");
	}

	/** Marks one learner for one session (same rules as a sheet). */
	@Transactional
	public AttendanceRecord markOne(UUID sessionId, Entry entry) {
		SessionView session = runs.session(sessionId);
		requireMarker(session);
		return apply(session, List.of(entry), "SINGLE").records().get(0);
	}

	/**
	 * The calling learner checks in with the code shown on the trainer's screen: the QR
	 * code's, or the short one typed (rate limited per account).
	 */
	@Transactional
	public AttendanceRecord checkIn(String code) {
		Optional<String> typed = CheckInCodes.normalise(code);
		UUID sessionId = (typed.isPresent() ? typedSession(typed.get()) : codes.verify(code))
			.orElseThrow(() -> new CohortException(ProblemCode.INVALID_CHECK_IN_CODE,
					"The check-in code is not valid or has expired; scan the current one"));
		SessionView session = runs.findSession(sessionId)
			.orElseThrow(() -> new CohortException(ProblemCode.INVALID_CHECK_IN_CODE,
					"The check-in code is not valid or has expired; scan the current one"));
		ZoneId zone = tenants.zone(CurrentActor.tenantId());
		LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
		LocalDateTime opens = session.date().atTime(session.startTime()).minusMinutes(CHECK_IN_EARLY_MINUTES);
		LocalDateTime closes = session.date().atTime(session.endTime());
		if (now.isBefore(opens) || now.isAfter(closes)) {
			throw new CohortException(ProblemCode.CHECK_IN_CLOSED, "Check-in for this session is open from "
					+ opens.toLocalTime() + " to " + closes.toLocalTime() + " on " + session.date());
		}
		EnrolmentView mine = enrolments.mine()
			.stream()
			.filter(e -> e.classRunId().equals(session.runId()) && e.status() == EnrolmentStatus.CONFIRMED)
			.findFirst()
			.orElseThrow(() -> new CohortException(ProblemCode.NOT_ENROLLED,
					"You are not enrolled in the run this session belongs to"));
		Optional<AttendanceRecord> existing = attendance.forSession(CurrentActor.tenantId(), sessionId)
			.stream()
			.filter(r -> r.enrolmentId().equals(mine.id()))
			.findFirst();
		if (existing.isPresent() && existing.get().status().attended()) {
			return existing.get();
		}
		return apply(session, List.of(new Entry(mine.id(), AttendanceStatus.PRESENT, "self check-in")), "CHECK_IN")
			.records()
			.get(0);
	}

	/**
	 * The session of a typed code among those the learner may check in to now: sessions
	 * of runs they are confirmed in, from 15 minutes before the start to the end.
	 */
	private Optional<UUID> typedSession(String code) {
		rateWindows.hit(TYPED_CODE_SCOPE, CurrentActor.require().id().toString(), TYPED_CODES_A_MINUTE)
			.ifPresent(wait -> {
				throw new CohortException(ProblemCode.TOO_MANY_CHECK_IN_ATTEMPTS,
						"Too many check-in codes tried; wait a minute and type the code shown now",
						Map.of("retry_after", wait.toSeconds()));
			});
		UUID tenant = CurrentActor.tenantId();
		LocalDateTime now = LocalDateTime.now(clock.withZone(tenants.zone(tenant)));
		List<UUID> confirmedRuns = enrolments.mine()
			.stream()
			.filter(e -> e.status() == EnrolmentStatus.CONFIRMED)
			.map(EnrolmentView::classRunId)
			.distinct()
			.toList();
		return runs.sessionsOn(confirmedRuns, now.toLocalDate())
			.stream()
			.filter(s -> !s.cancelled()
					&& !now.isBefore(s.date().atTime(s.startTime()).minusMinutes(CHECK_IN_EARLY_MINUTES))
					&& !now.isAfter(s.date().atTime(s.endTime())))
			.map(SessionView::id)
			.filter(id -> codes.matchesTyped(tenant, id, code))
			.findFirst();
	}

	/** The current check-in code of a session, for its trainer or OPS. */
	@Transactional(readOnly = true)
	public CheckInCode checkInCode(UUID sessionId) {
		SessionView session = runs.session(sessionId);
		requireMarker(session);
		CheckInCodes.Code code = codes.current(session.id());
		CheckInCodes.Code typed = codes.typed(CurrentActor.tenantId(), session.id());
		return new CheckInCode(session.id(), code.code(), code.rotatesAt(), typed.code(), typed.rotatesAt());
	}

	/**
	 * The session's sheet: every confirmed learner of the run with their mark, if any.
	 */
	@Transactional(readOnly = true)
	public List<AttendanceRecord> sheet(UUID sessionId) {
		SessionView session = runs.session(sessionId);
		return attendance.forSession(CurrentActor.tenantId(), session.id());
	}

	/**
	 * Those of the given sessions (of the caller's tenant) for which nobody's attendance
	 * is marked yet.
	 */
	@Transactional(readOnly = true)
	public Set<UUID> unmarkedSessions(Collection<UUID> sessionIds) {
		Set<UUID> marked = attendance.markedSessions(CurrentActor.tenantId(), sessionIds);
		return sessionIds.stream().filter(id -> !marked.contains(id)).collect(Collectors.toSet());
	}

	/** Attendance rates of every confirmed or completed learner of a run. */
	@Transactional(readOnly = true)
	public List<Rate> rates(UUID runId) {
		List<EnrolmentView> roster = enrolments.roster(runId, EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED);
		return rates(runId, roster);
	}

	/**
	 * Attendance rates of some confirmed or completed learners of a run: only their
	 * records are read (a sheet that marks one learner recomputes one rate).
	 */
	@Transactional(readOnly = true)
	public List<Rate> rates(UUID runId, Collection<UUID> enrolmentIds) {
		List<EnrolmentView> roster = enrolments.roster(runId, EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED)
			.stream()
			.filter(e -> enrolmentIds.contains(e.id()))
			.toList();
		return roster.isEmpty() ? List.of() : rates(runId, roster);
	}

	/** The calling learner's attendance rate in each of their runs. */
	@Transactional(readOnly = true)
	public List<Rate> myRates() {
		List<Rate> rates = new ArrayList<>();
		Map<UUID, List<EnrolmentView>> byRun = enrolments.mine()
			.stream()
			.filter(e -> e.status() == EnrolmentStatus.CONFIRMED || e.status() == EnrolmentStatus.COMPLETED)
			.collect(Collectors.groupingBy(EnrolmentView::classRunId));
		byRun.forEach((run, roster) -> rates.addAll(rates(run, roster)));
		return rates;
	}

	/** The calling learner's records. */
	@Transactional(readOnly = true)
	public List<AttendanceRecord> mine() {
		return attendance.forEnrolments(CurrentActor.tenantId(),
				enrolments.mine().stream().map(EnrolmentView::id).toList());
	}

	/** The rate of one enrolment, for certification. */
	@Transactional(readOnly = true)
	public Rate rateOf(EnrolmentView enrolment) {
		return rates(enrolment.classRunId(), List.of(enrolment)).get(0);
	}

	@Transactional(readOnly = true)
	public List<AttendanceRepository.HistoryRow> history(UUID attendanceId) {
		attendance.find(CurrentActor.tenantId(), attendanceId)
			.orElseThrow(() -> CohortException.notFound("attendance record", attendanceId));
		return attendance.historyOf(CurrentActor.tenantId(), attendanceId);
	}

	private List<Rate> rates(UUID runId, List<EnrolmentView> roster) {
		List<SessionView> sessions = runs.sessions(runId).stream().filter(s -> !s.cancelled()).toList();
		Map<UUID, BigDecimal> live = sessions.stream().collect(Collectors.toMap(SessionView::id, SessionView::hours));
		BigDecimal scheduled = sessions.stream().map(SessionView::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
		Map<UUID, BigDecimal> attended = new HashMap<>();
		Map<UUID, BigDecimal> marked = new HashMap<>();
		for (AttendanceRecord record : attendance.forEnrolments(CurrentActor.tenantId(),
				roster.stream().map(EnrolmentView::id).toList())) {
			if (live.containsKey(record.sessionId())) {
				attended.merge(record.enrolmentId(), record.hours(), BigDecimal::add);
				marked.merge(record.enrolmentId(), live.get(record.sessionId()), BigDecimal::add);
			}
		}
		return roster.stream().map(e -> {
			BigDecimal hours = attended.getOrDefault(e.id(), BigDecimal.ZERO);
			BigDecimal rate = scheduled.signum() == 0 ? BigDecimal.ZERO
					: hours.multiply(BigDecimal.valueOf(100)).divide(scheduled, 1, RoundingMode.HALF_UP);
			return new Rate(e.id(), e.learnerId(), e.learnerName(), hours, marked.getOrDefault(e.id(), BigDecimal.ZERO),
					scheduled, rate);
		}).toList();
	}

	private SheetResult apply(SessionView session, List<Entry> entries, String method) {
		UUID tenant = CurrentActor.tenantId();
		if (session.cancelled()) {
			throw new CohortException(ProblemCode.SESSION_CANCELLED, "The session was cancelled");
		}
		Set<UUID> seen = new HashSet<>();
		for (Entry entry : entries) {
			if (!seen.add(entry.enrolmentId())) {
				throw CohortException.invalidField("records", "enrollment " + entry.enrolmentId() + " appears twice");
			}
		}
		Map<UUID, EnrolmentView> roster = enrolments.roster(session.runId(), EnrolmentStatus.CONFIRMED)
			.stream()
			.collect(Collectors.toMap(EnrolmentView::id, Function.identity()));
		List<String> strangers = entries.stream()
			.map(Entry::enrolmentId)
			.filter(id -> !roster.containsKey(id))
			.map(UUID::toString)
			.toList();
		if (!strangers.isEmpty()) {
			throw new CohortException(ProblemCode.NOT_CONFIRMED_ENROLMENT,
					"Only confirmed enrolments of this session's run can be marked",
					Map.of("enrollment_ids", strangers));
		}
		attendance.lockSession(session.id());
		AttendanceSheet sheet = new AttendanceSheet(session.id(), session.hours(),
				attendance.forSession(tenant, session.id()));
		AttendanceSheet.Diff diff = sheet.diff(entries,
				roster.values().stream().collect(Collectors.toMap(EnrolmentView::id, EnrolmentView::learnerId)), method,
				CurrentActor.actorRef().label(), clock.instant().truncatedTo(ChronoUnit.MICROS));
		if (!diff.created().isEmpty()) {
			attendance.insert(tenant, session.runId(), diff.created());
		}
		if (!diff.corrected().isEmpty()) {
			attendance.update(tenant, diff.corrected());
		}
		if (!diff.changed().isEmpty()) {
			attendance.history(tenant, diff.previous(), diff.changed(), RequestMetadata.correlationId().orElse(null));
			publish(tenant, session, diff, method);
		}
		return new SheetResult(session.id(), diff.created().size(), diff.corrected().size(), diff.unchanged(),
				diff.result());
	}

	private void publish(UUID tenant, SessionView session, AttendanceSheet.Diff diff, String method) {
		List<AttendanceRecord> changed = diff.changed();
		events.publishEvent(new AttendanceMarked(tenant, session.id(), session.runId(),
				changed.stream()
					.map(r -> new AttendanceMarked.Mark(r.id(), r.enrolmentId(), r.learnerId(), r.status()))
					.toList()));
		for (AttendanceRecord absent : diff.newAbsences()) {
			events.publishEvent(new AbsenceRecorded(tenant, session.id(), session.runId(), absent.enrolmentId(),
					absent.learnerId(), session.date()));
		}
		List<Map<String, String>> corrections = new ArrayList<>();
		for (int i = 0; i < diff.corrected().size(); i++) {
			Map<String, String> correction = new LinkedHashMap<>();
			correction.put("enrollment_id", diff.corrected().get(i).enrolmentId().toString());
			correction.put("from", diff.correctedBefore().get(i).status().name());
			correction.put("to", diff.corrected().get(i).status().name());
			corrections.add(correction);
		}
		Map<String, Long> counts = changed.stream()
			.collect(Collectors.groupingBy(r -> r.status().name(), java.util.TreeMap::new, Collectors.counting()));
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("method", method);
		summary.put("marked", counts);
		if (!corrections.isEmpty()) {
			summary.put("corrections", corrections);
		}
		events.publishEvent(AuditFact.of(tenant, "attendance.marked", "class_session", session.id(), summary));
	}

	private void requireMarker(SessionView session) {
		CohortPrincipal caller = CurrentActor.require();
		if (caller.has(Role.OPS) || trainers.leads(session)) {
			return;
		}
		throw new AccessDeniedException("Only the session's trainer or OPS may mark this session");
	}

}
