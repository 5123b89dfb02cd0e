package io.cohort.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentView;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceRecord;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feature row ({@code raw_data}) of each MOOC user of a run's course: the sources'
 * summaries joined with Cohort's own attendance rate, recent absences, lateness and
 * assessment results, the label once known, and the risk with its reasons and model
 * version. A row is rewritten (and its trajectory point added) only when its inputs or
 * the scoring model changed; a learner whose risk crosses the tenant's threshold while
 * the run is under way raises {@link LearnersAtRisk} once.
 */
@Component
class FeatureRows {

	/** How many of the latest past sessions count as "recent". */
	static final int RECENT = 4;

	/** How many changed rows (and their trajectory points) one batch writes. */
	static final int BATCH = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	private final AttendanceManagement attendance;

	private final AssessmentManagement assessments;

	private final DropoutModels models;

	private final AnalyticsSettingsManagement settings;

	private final JdbcTemplate batch;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FeatureRows(JdbcClient jdbc, JdbcTemplate batch, ClassRunManagement runs, EnrolmentManagement enrolments,
			AttendanceManagement attendance, AssessmentManagement assessments, DropoutModels models,
			AnalyticsSettingsManagement settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.runs = runs;
		this.enrolments = enrolments;
		this.attendance = attendance;
		this.assessments = assessments;
		this.models = models;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/** The sources' side of a row. */
	private record Source(long userId, @Nullable UUID learnerId, @Nullable String name, @Nullable Instant enrolled,
			boolean active, @Nullable BigDecimal grade, @Nullable String letter, @Nullable Boolean passed,
			@Nullable BigDecimal progress, @Nullable String chapter, @Nullable String section, @Nullable String unit,
			@Nullable BigDecimal completion, @Nullable Instant lastActivity, @Nullable Integer h5pContents,
			@Nullable BigDecimal h5pPercent, @Nullable Integer videos, @Nullable Integer videoDuration,
			@Nullable Integer videoWatched, @Nullable Integer threads, @Nullable Integer comments,
			@Nullable Integer interactions) {
	}

	/** Cohort's side of a row, per learner. */
	private record Cohort(@Nullable Double rate, int missedRecent, int recent, int late, int notCompetent,
			@Nullable EnrolmentStatus status) {
	}

	/** Recomputes the run's rows at once; returns how many changed. */
	@Transactional
	int recompute(UUID tenant, UUID runId, String course) {
		return recompute(tenant, runId, course, () -> {
		});
	}

	/**
	 * Recomputes the run's rows; returns how many changed. The changed rows and their
	 * trajectory points are written in batches of {@link #BATCH}, and the learners newly
	 * at risk are raised in one event. {@code pause} runs before the sources are read and
	 * before each batch: background work waits there for the requests in flight.
	 */
	@Transactional
	int recompute(UUID tenant, UUID runId, String course, Runnable pause) {
		ClassRunView run = runs.get(runId);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant asOf = min(now, run.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		Map<UUID, Cohort> cohort = cohort(runId, LocalDate.ofInstant(now, ZoneOffset.UTC));
		Optional<DropoutModel> model = models.active(tenant);
		double threshold = settings.threshold(tenant).doubleValue();
		boolean underWay = run.status() != RunStatus.COMPLETED && run.status() != RunStatus.CANCELLED;
		Map<Long, String> digests = jdbc
			.sql("SELECT user_id, inputs_digest FROM raw_data WHERE tenant_id = :tenant AND course_id = :course")
			.param("tenant", tenant)
			.param("course", course)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> points = new ArrayList<>();
		Map<Long, LearnersAtRisk.Learner> atRisk = new LinkedHashMap<>();
		String version = model.map(DropoutModel::version).orElse(BaselineRules.VERSION);
		pause.run();
		for (Source s : sources(tenant, course)) {
			Cohort c = s.learnerId() == null ? null : cohort.get(s.learnerId());
			Features f = new Features(
					s.lastActivity() == null ? null
							: (int) Math.max(0, ChronoUnit.DAYS.between(s.lastActivity(), asOf)),
					s.progress() == null ? null : s.progress().doubleValue(),
					s.videoDuration() == null || s.videoDuration() == 0 ? null
							: s.videoWatched() * 100.0 / s.videoDuration(),
					s.h5pPercent() == null ? null : s.h5pPercent().doubleValue(), s.interactions(),
					c == null ? null : c.rate(), c == null ? null : c.missedRecent(), c == null ? null : c.recent(),
					c == null ? null : c.late(), c == null ? null : c.notCompetent());
			Boolean dropout = label(s, c, run);
			Score score = model.map(m -> m.score(f)).orElseGet(() -> BaselineRules.score(f));
			String digest = digest(s, f, dropout, score.modelVersion());
			if (digest.equals(digests.get(s.userId()))) {
				continue;
			}
			BigDecimal risk = BigDecimal.valueOf(score.risk()).setScale(4, RoundingMode.HALF_UP);
			rows.add(row(tenant, runId, course, s, f, dropout, score, risk, digest, now));
			points.add(new Object[] { tenant, s.userId(), course, Timestamp.from(now), s.progress(),
					percent(f.videoWatchedPercent()), f.daysSinceActivity(), percent(f.attendanceRate()), risk,
					score.modelVersion() });
			if (score.risk() >= threshold && underWay && dropout == null) {
				atRisk.put(s.userId(),
						new LearnersAtRisk.Learner(s.userId(), s.learnerId(),
								s.name() == null ? "MOOC user " + s.userId() : s.name(), score.risk(),
								score.reasons().stream().map(Reason::text).toList()));
			}
		}
		for (int i = 0; i < rows.size(); i += BATCH) {
			pause.run();
			int end = Math.min(rows.size(), i + BATCH);
			write(rows.subList(i, end), points.subList(i, end));
		}
		raise(tenant, runId, version, atRisk, now);
		return rows.size();
	}

	private static @Nullable Boolean label(Source s, @Nullable Cohort c, ClassRunView run) {
		if (c != null && (c.status() == EnrolmentStatus.WITHDRAWN || c.status() == EnrolmentStatus.CANCELLED)) {
			return true;
		}
		if (run.status() != RunStatus.COMPLETED) {
			return null;
		}
		return !s.active() || Boolean.FALSE.equals(s.passed());
	}

	/** Raises those of the learners not raised in this run before, in one event. */
	private void raise(UUID tenant, UUID runId, String version, Map<Long, LearnersAtRisk.Learner> atRisk, Instant now) {
		if (atRisk.isEmpty()) {
			return;
		}
		Set<Long> raised = Set.copyOf(jdbc.sql("""
				INSERT INTO analytics_risk_raised (tenant_id, run_id, user_id, raised_at)
				SELECT :tenant, :run, u, :now FROM unnest(CAST(:users AS BIGINT[])) u
				ON CONFLICT DO NOTHING RETURNING user_id""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("users", atRisk.keySet().toArray(Long[]::new))
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.list());
		if (!raised.isEmpty()) {
			events.publishEvent(new LearnersAtRisk(tenant, runId, version,
					atRisk.values().stream().filter(l -> raised.contains(l.moocUserId())).toList()));
		}
	}

	private static Object[] row(UUID tenant, UUID runId, String course, Source s, Features f, @Nullable Boolean dropout,
			Score score, BigDecimal risk, String digest, Instant now) {
		return new Object[] { tenant, s.userId(), course, runId, s.learnerId(),
				s.enrolled() == null ? null : Timestamp.from(s.enrolled()), s.grade(), s.letter(), s.passed(),
				s.progress(), s.chapter(), s.section(), s.unit(), s.completion(), s.h5pContents(), s.h5pPercent(),
				s.videos(), percent(f.videoWatchedPercent()), s.threads(), s.comments(), s.interactions(),
				f.daysSinceActivity(), percent(f.attendanceRate()), f.sessionsMissedRecent(), f.sessionsRecent(),
				f.sessionsLate(), f.assessmentsNotCompetent(), dropout, risk, JSON.writeValueAsString(score.reasons()),
				score.modelVersion(), digest, Timestamp.from(now) };
	}

	private void write(List<Object[]> rows, List<Object[]> points) {
		batch.batchUpdate(
				"""
						INSERT INTO raw_data (tenant_id, user_id, course_id, run_id, learner_id, enrollment_date,
						    mooc_grade_percentage, mooc_letter_grade, mooc_is_passed, progress_percent, current_chapter,
						    current_section, current_unit, mooc_completion_rate, h5p_total_contents, h5p_overall_percentage,
						    video_total_videos, video_watched_percent, discussion_threads_count, discussion_comments_count,
						    discussion_total_interactions, days_since_activity, attendance_rate, sessions_missed_recent,
						    sessions_recent, sessions_late, assessments_not_competent, is_dropout, dropout_risk_score,
						    risk_reasons, model_version, inputs_digest, computed_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
						    CAST(? AS JSONB), ?, ?, ?)
						ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET run_id = EXCLUDED.run_id,
						    learner_id = EXCLUDED.learner_id, enrollment_date = EXCLUDED.enrollment_date,
						    mooc_grade_percentage = EXCLUDED.mooc_grade_percentage, mooc_letter_grade = EXCLUDED.mooc_letter_grade,
						    mooc_is_passed = EXCLUDED.mooc_is_passed, progress_percent = EXCLUDED.progress_percent,
						    current_chapter = EXCLUDED.current_chapter, current_section = EXCLUDED.current_section,
						    current_unit = EXCLUDED.current_unit, mooc_completion_rate = EXCLUDED.mooc_completion_rate,
						    h5p_total_contents = EXCLUDED.h5p_total_contents,
						    h5p_overall_percentage = EXCLUDED.h5p_overall_percentage,
						    video_total_videos = EXCLUDED.video_total_videos, video_watched_percent = EXCLUDED.video_watched_percent,
						    discussion_threads_count = EXCLUDED.discussion_threads_count,
						    discussion_comments_count = EXCLUDED.discussion_comments_count,
						    discussion_total_interactions = EXCLUDED.discussion_total_interactions,
						    days_since_activity = EXCLUDED.days_since_activity, attendance_rate = EXCLUDED.attendance_rate,
						    sessions_missed_recent = EXCLUDED.sessions_missed_recent, sessions_recent = EXCLUDED.sessions_recent,
						    sessions_late = EXCLUDED.sessions_late, assessments_not_competent = EXCLUDED.assessments_not_competent,
						    is_dropout = EXCLUDED.is_dropout, dropout_risk_score = EXCLUDED.dropout_risk_score,
						    risk_reasons = EXCLUDED.risk_reasons, model_version = EXCLUDED.model_version,
						    inputs_digest = EXCLUDED.inputs_digest, computed_at = EXCLUDED.computed_at""",
				rows);
		batch.batchUpdate("""
				INSERT INTO raw_data_history (tenant_id, user_id, course_id, computed_at, progress_percent,
				    video_watched_percent, days_since_activity, attendance_rate, dropout_risk_score, model_version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", points);
	}

	private List<Source> sources(UUID tenant, String course) {
		return jdbc
			.sql("""
					SELECT e.user_id, e.learner_id, e.full_name, e.created, e.is_active, g.grade_percentage, g.letter_grade,
					    g.is_passed, p.progress_percent, p.current_chapter, p.current_section, p.current_unit,
					    p.completion_rate, p.last_activity, h.total_contents, h.overall_percentage, v.total_videos,
					    v.total_duration, v.total_watched_time, d.threads_count, d.comments_count, d.total_interactions
					FROM mooc_enrollment e
					LEFT JOIN mooc_grades g ON g.tenant_id = e.tenant_id AND g.user_id = e.user_id AND g.course_id = e.course_id
					LEFT JOIN mooc_progress p ON p.tenant_id = e.tenant_id AND p.user_id = e.user_id AND p.course_id = e.course_id
					LEFT JOIN h5p_scores_summary h ON h.tenant_id = e.tenant_id AND h.user_id = e.user_id
					    AND h.course_id = e.course_id
					LEFT JOIN video_progress_summary v ON v.tenant_id = e.tenant_id AND v.user_id = e.user_id
					    AND v.course_id = e.course_id
					LEFT JOIN mooc_discussions d ON d.tenant_id = e.tenant_id AND d.user_id = e.user_id
					    AND d.course_id = e.course_id
					WHERE e.tenant_id = :tenant AND e.course_id = :course ORDER BY e.user_id""")
			.param("tenant", tenant)
			.param("course", course)
			.query((rs, n) -> new Source(rs.getLong("user_id"), rs.getObject("learner_id", UUID.class),
					rs.getString("full_name"), instant(rs, "created"), rs.getBoolean("is_active"),
					rs.getBigDecimal("grade_percentage"), rs.getString("letter_grade"),
					(Boolean) rs.getObject("is_passed"), rs.getBigDecimal("progress_percent"),
					rs.getString("current_chapter"), rs.getString("current_section"), rs.getString("current_unit"),
					rs.getBigDecimal("completion_rate"), instant(rs, "last_activity"), integer(rs, "total_contents"),
					rs.getBigDecimal("overall_percentage"), integer(rs, "total_videos"), integer(rs, "total_duration"),
					integer(rs, "total_watched_time"), integer(rs, "threads_count"), integer(rs, "comments_count"),
					integer(rs, "total_interactions")))
			.list();
	}

	/** Cohort's own facts per learner of the run, through the other modules' facades. */
	private Map<UUID, Cohort> cohort(UUID runId, LocalDate today) {
		List<EnrolmentView> roster = enrolments.roster(runId, EnrolmentStatus.values());
		Map<UUID, Double> rates = attendance.rates(runId)
			.stream()
			.collect(Collectors.toMap(AttendanceManagement.Rate::learnerId, r -> r.ratePercent().doubleValue(),
					(a, b) -> a));
		List<SessionView> past = runs.sessions(runId)
			.stream()
			.filter(s -> !s.cancelled() && !s.date().isAfter(today))
			.sorted(Comparator.comparing(SessionView::date).thenComparing(SessionView::startTime))
			.toList();
		List<SessionView> recent = past.subList(Math.max(0, past.size() - RECENT), past.size());
		Map<UUID, int[]> marks = new HashMap<>();
		for (SessionView session : past) {
			boolean isRecent = recent.contains(session);
			for (AttendanceRecord record : attendance.sheet(session.id())) {
				int[] m = marks.computeIfAbsent(record.learnerId(), id -> new int[3]);
				if (record.status() == AttendanceStatus.LATE) {
					m[1]++;
				}
				if (isRecent && record.status() == AttendanceStatus.ABSENT) {
					m[0]++;
				}
			}
		}
		Map<UUID, Long> notCompetent = assessments.search(runId, null, false)
			.stream()
			.filter(a -> a.result() == AssessmentResult.NOT_YET_COMPETENT)
			.collect(Collectors.groupingBy(AssessmentView::learnerId, Collectors.counting()));
		Map<UUID, EnrolmentView> latest = roster.stream()
			.collect(Collectors.toMap(EnrolmentView::learnerId, Function.identity(),
					(a, b) -> a.enrolledAt().isAfter(b.enrolledAt()) ? a : b));
		Map<UUID, Cohort> cohort = new HashMap<>();
		latest.forEach((learner, enrolment) -> {
			int[] m = marks.getOrDefault(learner, new int[3]);
			cohort.put(learner, new Cohort(past.isEmpty() ? null : rates.get(learner), m[0], recent.size(), m[1],
					notCompetent.getOrDefault(learner, 0L).intValue(), enrolment.status()));
		});
		return cohort;
	}

	/**
	 * The digest of every input of a row, the model version included: each component of
	 * the source and of the features (a component added to either belongs here too), not
	 * their records' {@code toString}, which on JDK 17 goes through {@code String.format}
	 * and cost a rescoring a quarter of its allocation.
	 */
	private static String digest(Source s, Features f, @Nullable Boolean dropout, String version) {
		StringBuilder text = new StringBuilder(320);
		for (Object part : new Object[] { s.userId(), s.learnerId(), s.name(), s.enrolled(), s.active(), s.grade(),
				s.letter(), s.passed(), s.progress(), s.chapter(), s.section(), s.unit(), s.completion(),
				s.lastActivity(), s.h5pContents(), s.h5pPercent(), s.videos(), s.videoDuration(), s.videoWatched(),
				s.threads(), s.comments(), s.interactions(), f.daysSinceActivity(), f.progressPercent(),
				f.videoWatchedPercent(), f.h5pOverallPercentage(), f.discussionTotalInteractions(), f.attendanceRate(),
				f.sessionsMissedRecent(), f.sessionsRecent(), f.sessionsLate(), f.assessmentsNotCompetent(), dropout,
				version }) {
			text.append(part).append('|');
		}
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable BigDecimal percent(@Nullable Double value) {
		return value == null ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	static @Nullable Double number(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return value == null ? null : value.doubleValue();
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	static List<Reason> reasons(@Nullable String json) {
		return json == null ? List.of() : new ArrayList<>(List.of(JSON.readValue(json, Reason[].class)));
	}

}
