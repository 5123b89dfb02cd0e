package io.cohort.assessment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording assessment results. An enrolment has at most one active result per course
 * module; an update makes a new version of the same assessment and keeps the old ones; a
 * void (with a reason) retires it, after which a new result may be recorded.
 */
@Service
public class AssessmentManagement {

	private static final Set<String> GRADES = Set.of("A", "B", "C", "D", "E", "F");

	private final AssessmentRepository assessments;

	private final EnrolmentManagement enrolments;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AssessmentManagement(AssessmentRepository assessments, EnrolmentManagement enrolments, ClassRunManagement runs,
			CourseManagement courses, ApplicationEventPublisher events, Clock clock) {
		this.assessments = assessments;
		this.enrolments = enrolments;
		this.runs = runs;
		this.courses = courses;
		this.events = events;
		this.clock = clock;
	}

	/** A new result; score (0–100) and grade (A–F) are optional. */
	public record NewAssessment(UUID enrolmentId, UUID moduleId, AssessmentResult result, @Nullable BigDecimal score,
			@Nullable String grade, LocalDate assessedOn, @Nullable String remarks) {
	}

	/** A partial change: absent fields keep their current value. */
	public record AssessmentChange(@Nullable AssessmentResult result, @Nullable BigDecimal score,
			@Nullable String grade, @Nullable LocalDate assessedOn, @Nullable String remarks) {
	}

	/** An assessment with every version it went through. */
	public record Detail(AssessmentView assessment, List<AssessmentVersion> versions) {
	}

	@Transactional
	public AssessmentView record(NewAssessment request) {
		UUID tenant = CurrentActor.tenantId();
		EnrolmentView enrolment = enrolments.get(request.enrolmentId());
		if (enrolment.status() != EnrolmentStatus.CONFIRMED && enrolment.status() != EnrolmentStatus.COMPLETED) {
			throw new CohortException(ProblemCode.ENROLMENT_NOT_ASSESSABLE,
					"A " + enrolment.status() + " enrolment cannot be assessed");
		}
		ClassRunView run = runs.get(enrolment.classRunId());
		CourseView course = courses.get(run.courseId());
		if (course.modules().stream().noneMatch(m -> m.id().equals(request.moduleId()))) {
			throw new CohortException(ProblemCode.MODULE_NOT_IN_COURSE,
					"Module " + request.moduleId() + " is not a module of course " + course.code());
		}
		AssessmentRepository.Content content = check(run, new AssessmentRepository.Content(request.result(),
				request.score(), normaliseGrade(request.grade()), request.assessedOn(), trim(request.remarks())));
		assessments.active(tenant, enrolment.id(), request.moduleId()).ifPresent(existing -> {
			throw exists(existing.id());
		});
		UUID id = UUID.randomUUID();
		String by = CurrentActor.actorRef().label();
		Instant now = now();
		try {
			assessments.insert(tenant, id, run.id(), enrolment.id(), enrolment.learnerId(), request.moduleId(), content,
					by, now);
		}
		catch (DuplicateKeyException ex) {
			throw exists(null);
		}
		assessments.version(tenant, id, 1, content, by, now, RequestMetadata.correlationId().orElse(null));
		events.publishEvent(new AssessmentRecorded(tenant, id, enrolment.id(), run.id(), enrolment.learnerId(),
				request.moduleId(), content.result()));
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("enrollment_id", enrolment.id().toString());
		summary.put("module_id", request.moduleId().toString());
		summary.put("result", content.result().name());
		summary.put("score", content.score() == null ? null : content.score().toPlainString());
		summary.put("grade", content.grade());
		summary.put("assessed_on", content.assessedOn().toString());
		events.publishEvent(AuditFact.of(tenant, "assessment.recorded", "assessment", id, summary));
		return get(id).assessment();
	}

	/** One cell of a run's gradebook: the result a learner should have in a module. */
	public record GradebookEntry(UUID enrolmentId, UUID moduleId, AssessmentResult result) {
	}

	/** What a gradebook save did. */
	public record GradebookOutcome(int recorded, int updated, int unchanged) {
	}

	/**
	 * Saves a run's gradebook in one transaction: a cell without an active result records
	 * one, a cell whose result differs updates it (a new version), a cell with the same
	 * result is left alone. Each change is audited as {@link #record} and {@link #update}
	 * audit it; one refused cell refuses them all, naming the cell.
	 */
	@Transactional
	public GradebookOutcome saveGradebook(UUID runId, LocalDate assessedOn, List<GradebookEntry> entries) {
		Map<String, AssessmentView> active = new HashMap<>();
		for (AssessmentView a : search(runId, null, false)) {
			active.put(a.enrollmentId() + "/" + a.moduleId(), a);
		}
		int recorded = 0;
		int updated = 0;
		int unchanged = 0;
		for (GradebookEntry entry : entries) {
			AssessmentView current = active.get(entry.enrolmentId() + "/" + entry.moduleId());
			try {
				if (current == null) {
					if (!enrolments.get(entry.enrolmentId()).classRunId().equals(runId)) {
						throw CohortException.invalidField("enrollment_id", "is not an enrolment of this run");
					}
					record(new NewAssessment(entry.enrolmentId(), entry.moduleId(), entry.result(), null, null,
							assessedOn, null));
					recorded++;
				}
				else if (current.result() != entry.result()) {
					update(current.id(), new AssessmentChange(entry.result(), null, null, assessedOn, null));
					updated++;
				}
				else {
					unchanged++;
				}
			}
			catch (CohortException ex) {
				Map<String, Object> properties = new LinkedHashMap<>(ex.properties());
				properties.put("enrollment_id", entry.enrolmentId().toString());
				properties.put("module_id", entry.moduleId().toString());
				throw new CohortException(ex.code(), ex.getMessage(), properties);
			}
		}
		return new GradebookOutcome(recorded, updated, unchanged);
	}

	/**
	 * Makes version n+1 of an active assessment; an update that changes nothing makes no
	 * version.
	 */
	@Transactional
	public AssessmentView update(UUID id, AssessmentChange change) {
		UUID tenant = CurrentActor.tenantId();
		AssessmentView before = assessments.find(tenant, id, true)
			.orElseThrow(() -> CohortException.notFound("assessment", id));
		if (before.voided()) {
			throw new CohortException(ProblemCode.ASSESSMENT_VOIDED, "A voided assessment cannot be updated");
		}
		ClassRunView run = runs.get(before.classRunId());
		AssessmentRepository.Content content = check(run,
				new AssessmentRepository.Content(change.result() == null ? before.result() : change.result(),
						change.score() == null ? before.score() : change.score(),
						change.grade() == null ? before.grade()
								: change.grade().isEmpty() ? null : normaliseGrade(change.grade()),
						change.assessedOn() == null ? before.assessedOn() : change.assessedOn(),
						change.remarks() == null ? before.remarks() : trim(change.remarks())));
		Changes changes = Changes.of()
			.field("result", before.result().name(), content.result().name())
			.field("score", plain(before.score()), plain(content.score()))
			.field("grade", before.grade(), content.grade())
			.field("assessed_on", before.assessedOn().toString(), content.assessedOn().toString())
			.field("remarks", before.remarks(), content.remarks());
		if (changes.isEmpty()) {
			return before;
		}
		int version = before.version() + 1;
		String by = CurrentActor.actorRef().label();
		Instant now = now();
		assessments.update(tenant, id, version, content, now);
		assessments.version(tenant, id, version, content, by, now, RequestMetadata.correlationId().orElse(null));
		events.publishEvent(new AssessmentUpdated(tenant, id, before.enrollmentId(), before.classRunId(),
				before.learnerId(), before.moduleId(), version, before.result(), content.result()));
		events.publishEvent(
				AuditFact.of(tenant, "assessment.updated", "assessment", id, changes.note("version", version).toMap()));
		return get(id).assessment();
	}

	/** Voids an active assessment; the reason is required and kept. */
	@Transactional
	public AssessmentView voidAssessment(UUID id, String reason) {
		UUID tenant = CurrentActor.tenantId();
		if (reason == null || reason.isBlank()) {
			throw CohortException.invalidField("reason", "must not be blank");
		}
		AssessmentView before = assessments.find(tenant, id, true)
			.orElseThrow(() -> CohortException.notFound("assessment", id));
		if (before.voided()) {
			throw new CohortException(ProblemCode.ASSESSMENT_VOIDED, "The assessment is already voided");
		}
		assessments.voidIt(tenant, id, reason.trim(), CurrentActor.actorRef().label(), now());
		events.publishEvent(new AssessmentVoided(tenant, id, before.enrollmentId(), before.classRunId(),
				before.learnerId(), before.moduleId(), reason.trim()));
		events.publishEvent(AuditFact.of(tenant, "assessment.voided", "assessment", id,
				Map.of("reason", reason.trim(), "result", before.result().name(), "version", before.version())));
		return get(id).assessment();
	}

	@Transactional(readOnly = true)
	public Detail get(UUID id) {
		UUID tenant = CurrentActor.tenantId();
		AssessmentView view = assessments.find(tenant, id, false)
			.orElseThrow(() -> CohortException.notFound("assessment", id));
		return new Detail(view, assessments.versions(tenant, id));
	}

	/**
	 * Assessments of a run or an enrolment (at least one is given); voided ones only when
	 * asked.
	 */
	@Transactional(readOnly = true)
	public List<AssessmentView> search(@Nullable UUID runId, @Nullable UUID enrolmentId, boolean includeVoided) {
		if (runId == null && enrolmentId == null) {
			throw CohortException.invalidField("class_run_id", "give class_run_id or enrollment_id");
		}
		if (runId != null) {
			runs.get(runId);
		}
		if (enrolmentId != null) {
			enrolments.get(enrolmentId);
		}
		return assessments.search(CurrentActor.tenantId(), runId, enrolmentId, includeVoided);
	}

	/**
	 * The active result of each module, per enrolment, for the given enrolments (one
	 * query).
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Map<UUID, AssessmentResult>> activeResults(Collection<UUID> enrolmentIds) {
		Map<UUID, Map<UUID, AssessmentResult>> results = new HashMap<>();
		for (AssessmentView a : assessments.activeOf(CurrentActor.tenantId(), enrolmentIds)) {
			results.computeIfAbsent(a.enrollmentId(), k -> new HashMap<>()).put(a.moduleId(), a.result());
		}
		return results;
	}

	/**
	 * A run whose results are still to enter: it ended (or ends) in the period asked for,
	 * and some of its confirmed or completed learners lack an active result in some
	 * module of its course.
	 *
	 * @param learners how many learners lack at least one result
	 * @param missing how many results (learner × module) are missing
	 */
	public record ResultsToEnter(ClassRunView run, int learners, int missing) {
	}

	/**
	 * The runs held (not drafts, not cancelled) that end between two days, both included,
	 * whose learners still lack results, earliest end first.
	 */
	@Transactional(readOnly = true)
	public List<ResultsToEnter> resultsToEnter(LocalDate endingFrom, LocalDate endingTo) {
		List<ClassRunView> ended = runs.endingBetween(endingFrom, endingTo);
		Map<UUID, List<UUID>> rosters = enrolments.enrolmentIds(ended.stream().map(ClassRunView::id).toList(),
				EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED);
		Map<UUID, Map<UUID, AssessmentResult>> results = activeResults(
				rosters.values().stream().flatMap(List::stream).toList());
		Map<UUID, List<CourseView.ModuleView>> modules = courses
			.modules(ended.stream().map(ClassRunView::courseId).toList());
		List<ResultsToEnter> due = new java.util.ArrayList<>();
		for (ClassRunView run : ended) {
			List<CourseView.ModuleView> course = modules.getOrDefault(run.courseId(), List.of());
			int learners = 0;
			int missing = 0;
			for (UUID enrolment : rosters.get(run.id())) {
				Map<UUID, AssessmentResult> own = results.getOrDefault(enrolment, Map.of());
				int lacking = (int) course.stream().filter(module -> !own.containsKey(module.id())).count();
				if (lacking > 0) {
					learners++;
					missing += lacking;
				}
			}
			if (missing > 0) {
				due.add(new ResultsToEnter(run, learners, missing));
			}
		}
		return due;
	}

	private AssessmentRepository.Content check(ClassRunView run, AssessmentRepository.Content content) {
		if (content.score() != null
				&& (content.score().signum() < 0 || content.score().compareTo(BigDecimal.valueOf(100)) > 0)) {
			throw CohortException.invalidField("score", "must be between 0 and 100");
		}
		if (content.score() != null && content.score().scale() > 2) {
			throw CohortException.invalidField("score", "has at most two decimals");
		}
		if (content.grade() != null && !GRADES.contains(content.grade())) {
			throw CohortException.invalidField("grade", "must be one of A, B, C, D, E, F");
		}
		if (content.remarks().length() > 1000) {
			throw CohortException.invalidField("remarks", "must be at most 1000 characters");
		}
		LocalDate on = content.assessedOn();
		if (on.isBefore(run.startDate()) || on.isAfter(run.endDate())) {
			throw new CohortException(ProblemCode.ASSESSMENT_DATE_OUTSIDE_RUN,
					"The assessment date must lie within the run (" + run.startDate() + " to " + run.endDate() + ")",
					Map.of("start_date", run.startDate().toString(), "end_date", run.endDate().toString()));
		}
		if (on.isAfter(runs.today(CurrentActor.tenantId()))) {
			throw new CohortException(ProblemCode.ASSESSMENT_DATE_IN_FUTURE, "The assessment date is in the future");
		}
		return content;
	}

	private static CohortException exists(@Nullable UUID existing) {
		return new CohortException(ProblemCode.ASSESSMENT_EXISTS,
				"The enrolment already has an active result for this module; update or void it",
				existing == null ? Map.of() : Map.of("assessment_id", existing.toString()));
	}

	private static @Nullable String normaliseGrade(@Nullable String grade) {
		return grade == null || grade.isBlank() ? null : grade.trim().toUpperCase(java.util.Locale.ROOT);
	}

	private static String trim(@Nullable String value) {
		return value == null ? "" : value.trim();
	}

	private static @Nullable String plain(@Nullable BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().toPlainString();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Keeps the reference TPGateway gave the assessment once its creation succeeded, in
	 * the caller's transaction (the outbound job's outcome); the tenant is the job's, not
	 * the thread's.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordSsgReference(UUID tenant, UUID assessmentId, String reference) {
		assessments.recordSsgReference(tenant, assessmentId, reference);
	}

}
