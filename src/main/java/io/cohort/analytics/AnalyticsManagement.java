package io.cohort.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learning analytics per run: the MOOC course a run follows, its learners' features with
 * their dropout risk and reasons, the MOOC users no learner matched (for OPS to link), a
 * learner's trajectory, and the tenant's dropout model with its held-out evaluation.
 */
@Service
public class AnalyticsManagement {

	private final JdbcClient jdbc;

	private final RunCourses courses;

	private final DropoutModels models;

	private final FeatureRows features;

	private final Rescoring rescoring;

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AnalyticsManagement(JdbcClient jdbc, RunCourses courses, DropoutModels models, FeatureRows features,
			Rescoring rescoring, ClassRunManagement runs, EnrolmentManagement enrolments,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.courses = courses;
		this.models = models;
		this.features = features;
		this.rescoring = rescoring;
		this.runs = runs;
		this.enrolments = enrolments;
		this.events = events;
		this.clock = clock;
	}

	/** The MOOC course a run follows. */
	public record RunCourse(UUID runId, @Nullable String moocCourseId) {
	}

	/**
	 * One learner's row: who, the features, the label once known, the risk and its
	 * reasons.
	 */
	public record LearnerRisk(long moocUserId, @Nullable UUID learnerId, @Nullable String name,
			@Nullable BigDecimal progressPercent, @Nullable BigDecimal moocGradePercentage,
			@Nullable BigDecimal videoWatchedPercent, @Nullable BigDecimal h5pOverallPercentage,
			@Nullable Integer discussionTotalInteractions, @Nullable Integer daysSinceActivity,
			@Nullable BigDecimal attendanceRate, @Nullable Integer sessionsMissedRecent,
			@Nullable Integer sessionsRecent, @Nullable Integer sessionsLate, @Nullable Integer assessmentsNotCompetent,
			@Nullable String currentChapter, @Nullable Boolean isDropout, BigDecimal dropoutRisk, List<Reason> reasons,
			String modelVersion, Instant computedAt) {
	}

	/** A MOOC user of the run's course whom no learner matched. */
	public record Unmatched(long moocUserId, String username, @Nullable String email, @Nullable String fullName) {
	}

	/** One point of a learner's trajectory. */
	public record Point(Instant at, @Nullable BigDecimal progressPercent, @Nullable BigDecimal videoWatchedPercent,
			@Nullable Integer daysSinceActivity, @Nullable BigDecimal attendanceRate, BigDecimal dropoutRisk,
			String modelVersion) {
	}

	/** The tenant's model as ADMIN sees it. */
	public record ModelView(String activeVersion, String kind, @Nullable Instant trainedAt,
			@Nullable Instant rescoredAt, int trainingRows, int heldOutRows, @Nullable Evaluation model,
			@Nullable Evaluation baseline, String note, @Nullable Map<String, Double> weights) {
	}

	@Transactional
	public RunCourse link(UUID runId, String moocCourseId) {
		runs.get(runId);
		UUID tenant = CurrentActor.tenantId();
		String course = moocCourseId.trim();
		String before = courses.courseOf(tenant, runId).orElse(null);
		if (!courses.link(tenant, runId, course)) {
			throw new CohortException(ProblemCode.ANALYTICS_COURSE_TAKEN,
					"Another run of the tenant already follows the MOOC course " + course);
		}
		events.publishEvent(AuditFact.of(tenant, "analytics.run_course.linked", "class_run", runId,
				Map.of("mooc_course_id", before == null ? course : before + " → " + course)));
		return new RunCourse(runId, course);
	}

	@Transactional(readOnly = true)
	public RunCourse course(UUID runId) {
		runs.get(runId);
		return new RunCourse(runId, courses.courseOf(CurrentActor.tenantId(), runId).orElse(null));
	}

	/** The run's learners, riskiest first. */
	@Transactional(readOnly = true)
	public List<LearnerRisk> learners(UUID runId) {
		runs.get(runId);
		return jdbc
			.sql("""
					SELECT r.*, e.full_name FROM raw_data r
					JOIN mooc_enrollment e ON e.tenant_id = r.tenant_id AND e.user_id = r.user_id AND e.course_id = r.course_id
					WHERE r.tenant_id = :tenant AND r.run_id = :run
					ORDER BY r.dropout_risk_score DESC, r.user_id""")
			.param("tenant", CurrentActor.tenantId())
			.param("run", runId)
			.query((rs, n) -> new LearnerRisk(rs.getLong("user_id"), rs.getObject("learner_id", UUID.class),
					rs.getString("full_name"), rs.getBigDecimal("progress_percent"),
					rs.getBigDecimal("mooc_grade_percentage"), rs.getBigDecimal("video_watched_percent"),
					rs.getBigDecimal("h5p_overall_percentage"),
					FeatureRows.integer(rs, "discussion_total_interactions"),
					FeatureRows.integer(rs, "days_since_activity"), rs.getBigDecimal("attendance_rate"),
					FeatureRows.integer(rs, "sessions_missed_recent"), FeatureRows.integer(rs, "sessions_recent"),
					FeatureRows.integer(rs, "sessions_late"), FeatureRows.integer(rs, "assessments_not_competent"),
					rs.getString("current_chapter"), (Boolean) rs.getObject("is_dropout"),
					rs.getBigDecimal("dropout_risk_score"), FeatureRows.reasons(rs.getString("risk_reasons")),
					rs.getString("model_version"), rs.getTimestamp("computed_at").toInstant()))
			.list();
	}

	/** The run's MOOC users no learner matched, for OPS to link. */
	@Transactional(readOnly = true)
	public List<Unmatched> unmatched(UUID runId) {
		runs.get(runId);
		UUID tenant = CurrentActor.tenantId();
		return courses.courseOf(tenant, runId)
			.map(course -> jdbc.sql("""
					SELECT user_id, username, email, full_name FROM mooc_enrollment
					WHERE tenant_id = :tenant AND course_id = :course AND learner_id IS NULL ORDER BY user_id""")
				.param("tenant", tenant)
				.param("course", course)
				.query((rs, n) -> new Unmatched(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.list())
			.orElse(List.of());
	}

	/**
	 * Links a MOOC user of the run's course to a learner enrolled in the run; the link is
	 * the external id later matches use first. The feature rows follow at once.
	 */
	@Transactional
	public void linkUser(UUID runId, long moocUserId, UUID learnerId) {
		runs.get(runId);
		UUID tenant = CurrentActor.tenantId();
		String course = courses.courseOf(tenant, runId)
			.orElseThrow(() -> new CohortException(ProblemCode.ANALYTICS_RUN_NOT_LINKED,
					"Link the run to its MOOC course first"));
		boolean known = jdbc
			.sql("""
					SELECT count(*) FROM mooc_enrollment WHERE tenant_id = :tenant AND course_id = :course AND user_id = :user""")
			.param("tenant", tenant)
			.param("course", course)
			.param("user", moocUserId)
			.query(Long.class)
			.single() > 0;
		if (!known) {
			throw CohortException.invalidField("mooc_user_id", "is not a user of the run's MOOC course");
		}
		if (enrolments.roster(runId, EnrolmentStatus.values())
			.stream()
			.noneMatch(e -> e.learnerId().equals(learnerId))) {
			throw CohortException.invalidField("learner_id", "is not a learner enrolled in the run");
		}
		courses.linkUser(tenant, moocUserId, learnerId, CurrentActor.actorRef().label(),
				clock.instant().truncatedTo(ChronoUnit.MICROS));
		events.publishEvent(AuditFact.of(tenant, "analytics.user.linked", "learner", learnerId,
				Map.of("mooc_user_id", moocUserId, "run_id", runId.toString())));
		features.recompute(tenant, runId, course);
	}

	/** A learner's trajectory in the run, oldest first. */
	@Transactional(readOnly = true)
	public List<Point> trajectory(UUID runId, long moocUserId) {
		runs.get(runId);
		UUID tenant = CurrentActor.tenantId();
		String course = courses.courseOf(tenant, runId)
			.orElseThrow(() -> CohortException.notFound("learner", moocUserId));
		List<Point> points = jdbc.sql("""
				SELECT * FROM raw_data_history WHERE tenant_id = :tenant AND course_id = :course AND user_id = :user
				ORDER BY computed_at""")
			.param("tenant", tenant)
			.param("course", course)
			.param("user", moocUserId)
			.query((rs, n) -> new Point(rs.getTimestamp("computed_at").toInstant(),
					rs.getBigDecimal("progress_percent"), rs.getBigDecimal("video_watched_percent"),
					FeatureRows.integer(rs, "days_since_activity"), rs.getBigDecimal("attendance_rate"),
					rs.getBigDecimal("dropout_risk_score"), rs.getString("model_version")))
			.list();
		if (points.isEmpty()) {
			throw CohortException.notFound("learner", moocUserId);
		}
		return points;
	}

	@Transactional(readOnly = true)
	public ModelView model() {
		return view(models.latest(CurrentActor.tenantId(), false).orElse(null),
				models.active(CurrentActor.tenantId()).map(DropoutModel::version).orElse(BaselineRules.VERSION));
	}

	/**
	 * Trains the tenant's model on its finished runs now, and queues the rescoring of the
	 * runs it has linked, which follows off the request path, so that every score comes
	 * to carry the version that gave it.
	 */
	public ModelView train() {
		UUID tenant = CurrentActor.tenantId();
		DropoutModels.Stored stored = models.train(tenant);
		events.publishEvent(AuditFact.of(tenant, "analytics.model.trained", "analytics_model", null,
				Map.of("version", stored.version(), "active", stored.active(), "note", stored.metrics().note())));
		rescoring.submit(tenant, stored.version());
		return model();
	}

	private static ModelView view(DropoutModels.@Nullable Stored latest, String active) {
		if (latest == null) {
			return new ModelView(active, "BASELINE", null, null, 0, 0, null, null,
					"no model trained yet: the baseline rules score", null);
		}
		Map<String, Double> weights = null;
		if (latest.weights() != null) {
			weights = new java.util.LinkedHashMap<>();
			for (int i = 0; i < latest.weights().inputs().size(); i++) {
				weights.put(latest.weights().inputs().get(i),
						Math.round(latest.weights().weights()[i] * 1000) / 1000.0);
			}
			weights.put("bias", Math.round(latest.weights().bias() * 1000) / 1000.0);
		}
		return new ModelView(active, active.equals(BaselineRules.VERSION) ? "BASELINE" : "LOGISTIC", latest.trainedAt(),
				latest.rescoredAt(), latest.metrics().trainingRows(), latest.metrics().heldOutRows(),
				latest.metrics().model(), latest.metrics().baseline(), latest.metrics().note(), weights);
	}

}
