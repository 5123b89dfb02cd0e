package io.cohort.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Seed 004's detail and summary tables, written from the sources' rows. Every write is an
 * upsert on the (tenant, user, course) key that changes a row only when a value differs,
 * and answers how many rows it changed: ingesting the same answers twice changes nothing.
 */
@Repository
class SourceRows {

	private final JdbcClient jdbc;

	SourceRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int enrollment(UUID tenant, String course, JsonNode row, @Nullable UUID learner) {
		return jdbc
			.sql("""
					INSERT INTO mooc_enrollment (tenant_id, course_id, user_id, username, email, full_name, enrollment_id,
					    mode, is_active, created, all_attributes, learner_id)
					VALUES (:tenant, :course, :user, :username, :email, :name, :enrollment, :mode, :active, :created,
					    CAST(:attributes AS JSONB), :learner)
					ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET username = EXCLUDED.username,
					    email = EXCLUDED.email, full_name = EXCLUDED.full_name, enrollment_id = EXCLUDED.enrollment_id,
					    mode = EXCLUDED.mode, is_active = EXCLUDED.is_active, created = EXCLUDED.created,
					    all_attributes = EXCLUDED.all_attributes, learner_id = COALESCE(EXCLUDED.learner_id, mooc_enrollment.learner_id)
					WHERE (mooc_enrollment.username, mooc_enrollment.email, mooc_enrollment.full_name,
					       mooc_enrollment.enrollment_id, mooc_enrollment.mode, mooc_enrollment.is_active,
					       mooc_enrollment.created, mooc_enrollment.all_attributes)
					    IS DISTINCT FROM (EXCLUDED.username, EXCLUDED.email, EXCLUDED.full_name, EXCLUDED.enrollment_id,
					       EXCLUDED.mode, EXCLUDED.is_active, EXCLUDED.created, EXCLUDED.all_attributes)
					   OR (EXCLUDED.learner_id IS NOT NULL AND mooc_enrollment.learner_id IS DISTINCT FROM EXCLUDED.learner_id)""")
			.param("tenant", tenant)
			.param("course", course)
			.param("user", row.path("user_id").asLong())
			.param("username", row.path("username").asString(""))
			.param("email", text(row, "email"))
			.param("name", text(row, "full_name"))
			.param("enrollment", row.path("enrollment_id").asLong())
			.param("mode", text(row, "mode"))
			.param("active", row.path("is_active").asBoolean(true))
			.param("created", time(row, "created"))
			.param("attributes", row.path("attributes").isObject() ? row.path("attributes").toString() : "{}")
			.param("learner", learner)
			.update();
	}

	int grade(UUID tenant, String course, JsonNode row, Instant now) {
		BigDecimal percent = decimal(row, "percent");
		return jdbc.sql("""
				INSERT INTO mooc_grades (tenant_id, user_id, course_id, percent_grade, grade_percentage, letter_grade,
				    is_passed, fetched_at)
				VALUES (:tenant, :user, :course, :percent, :percentage, :letter, :passed, :now)
				ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET percent_grade = EXCLUDED.percent_grade,
				    grade_percentage = EXCLUDED.grade_percentage, letter_grade = EXCLUDED.letter_grade,
				    is_passed = EXCLUDED.is_passed, fetched_at = EXCLUDED.fetched_at
				WHERE (mooc_grades.percent_grade, mooc_grades.letter_grade, mooc_grades.is_passed)
				    IS DISTINCT FROM (EXCLUDED.percent_grade, EXCLUDED.letter_grade, EXCLUDED.is_passed)""")
			.param("tenant", tenant)
			.param("user", row.path("user_id").asLong())
			.param("course", course)
			.param("percent", percent)
			.param("percentage", percent == null ? null : percent.multiply(BigDecimal.valueOf(100)))
			.param("letter", text(row, "letter_grade"))
			.param("passed", row.path("passed").isBoolean() ? row.path("passed").asBoolean() : null)
			.param("now", Timestamp.from(now))
			.update();
	}

	int progress(UUID tenant, String course, JsonNode row, Instant now) {
		return jdbc.sql("""
				INSERT INTO mooc_progress (tenant_id, user_id, course_id, total_blocks, completed_blocks,
				    progress_percent, current_chapter, current_section, current_unit, completion_rate, last_activity,
				    fetched_at)
				VALUES (:tenant, :user, :course, :total, :completed, :percent, :chapter, :section, :unit, :rate,
				    :last, :now)
				ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET total_blocks = EXCLUDED.total_blocks,
				    completed_blocks = EXCLUDED.completed_blocks, progress_percent = EXCLUDED.progress_percent,
				    current_chapter = EXCLUDED.current_chapter, current_section = EXCLUDED.current_section,
				    current_unit = EXCLUDED.current_unit, completion_rate = EXCLUDED.completion_rate,
				    last_activity = EXCLUDED.last_activity, fetched_at = EXCLUDED.fetched_at
				WHERE (mooc_progress.total_blocks, mooc_progress.completed_blocks, mooc_progress.progress_percent,
				       mooc_progress.current_chapter, mooc_progress.current_section, mooc_progress.current_unit,
				       mooc_progress.completion_rate, mooc_progress.last_activity)
				    IS DISTINCT FROM (EXCLUDED.total_blocks, EXCLUDED.completed_blocks, EXCLUDED.progress_percent,
				       EXCLUDED.current_chapter, EXCLUDED.current_section, EXCLUDED.current_unit,
				       EXCLUDED.completion_rate, EXCLUDED.last_activity)""")
			.param("tenant", tenant)
			.param("user", row.path("user_id").asLong())
			.param("course", course)
			.param("total", integer(row, "total_blocks"))
			.param("completed", integer(row, "completed_blocks"))
			.param("percent", decimal(row, "progress_percent"))
			.param("chapter", text(row, "current_chapter"))
			.param("section", text(row, "current_section"))
			.param("unit", text(row, "current_unit"))
			.param("rate", decimal(row, "completion_rate"))
			.param("last", time(row, "last_activity"))
			.param("now", Timestamp.from(now))
			.update();
	}

	int discussions(UUID tenant, String course, JsonNode row, Instant now) {
		return jdbc.sql("""
				INSERT INTO mooc_discussions (tenant_id, user_id, course_id, threads_count, comments_count,
				    total_interactions, questions_count, total_upvotes, fetched_at)
				VALUES (:tenant, :user, :course, :threads, :comments, :total, :questions, :upvotes, :now)
				ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET threads_count = EXCLUDED.threads_count,
				    comments_count = EXCLUDED.comments_count, total_interactions = EXCLUDED.total_interactions,
				    questions_count = EXCLUDED.questions_count, total_upvotes = EXCLUDED.total_upvotes,
				    fetched_at = EXCLUDED.fetched_at
				WHERE (mooc_discussions.threads_count, mooc_discussions.comments_count,
				       mooc_discussions.total_interactions, mooc_discussions.questions_count,
				       mooc_discussions.total_upvotes)
				    IS DISTINCT FROM (EXCLUDED.threads_count, EXCLUDED.comments_count, EXCLUDED.total_interactions,
				       EXCLUDED.questions_count, EXCLUDED.total_upvotes)""")
			.param("tenant", tenant)
			.param("user", row.path("user_id").asLong())
			.param("course", course)
			.param("threads", row.path("threads_count").asInt(0))
			.param("comments", row.path("comments_count").asInt(0))
			.param("total", row.path("total_interactions").asInt(0))
			.param("questions", row.path("questions_count").asInt(0))
			.param("upvotes", row.path("total_upvotes").asInt(0))
			.param("now", Timestamp.from(now))
			.update();
	}

	/** One H5P content's score (the latest answer wins). */
	int score(UUID tenant, long user, String course, long content, @Nullable String title, int score, int max,
			Instant now) {
		return jdbc
			.sql("""
					INSERT INTO h5p_scores (tenant_id, user_id, course_id, content_id, content_title, score, max_score,
					    percentage, updated_at)
					VALUES (:tenant, :user, :course, :content, :title, :score, :max, :percentage, :now)
					ON CONFLICT (tenant_id, user_id, course_id, content_id) DO UPDATE SET
					    content_title = COALESCE(EXCLUDED.content_title, h5p_scores.content_title), score = EXCLUDED.score,
					    max_score = EXCLUDED.max_score, percentage = EXCLUDED.percentage, updated_at = EXCLUDED.updated_at
					WHERE (h5p_scores.score, h5p_scores.max_score) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.max_score)
					   OR (EXCLUDED.content_title IS NOT NULL AND h5p_scores.content_title IS DISTINCT FROM EXCLUDED.content_title)""")
			.param("tenant", tenant)
			.param("user", user)
			.param("course", course)
			.param("content", content)
			.param("title", title)
			.param("score", score)
			.param("max", max)
			.param("percentage",
					max <= 0 ? null
							: BigDecimal.valueOf(score * 100.0 / max).setScale(2, java.math.RoundingMode.HALF_UP))
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * One video's progress; with {@code onlyForward} (xAPI statements, which arrive in
	 * any order) progress never goes back.
	 */
	int video(UUID tenant, long user, String course, long content, @Nullable String title, double percent, int time,
			int duration, Instant now, boolean onlyForward) {
		double clamped = Math.max(0, Math.min(100, percent));
		String status = clamped >= 99.5 ? "COMPLETED" : clamped > 0 ? "IN_PROGRESS" : "NOT_STARTED";
		return jdbc.sql("""
				INSERT INTO video_progress (tenant_id, user_id, course_id, content_id, content_title, progress_percent,
				    current_time_s, duration, status, updated_at)
				VALUES (:tenant, :user, :course, :content, :title, :percent, :time, :duration, :status, :now)
				ON CONFLICT (tenant_id, user_id, course_id, content_id) DO UPDATE SET
				    content_title = COALESCE(EXCLUDED.content_title, video_progress.content_title),
				    progress_percent = EXCLUDED.progress_percent, current_time_s = EXCLUDED.current_time_s,
				    duration = GREATEST(EXCLUDED.duration, video_progress.duration), status = EXCLUDED.status,
				    updated_at = EXCLUDED.updated_at
				WHERE (video_progress.progress_percent, video_progress.current_time_s, video_progress.duration,
				       video_progress.status)
				    IS DISTINCT FROM (EXCLUDED.progress_percent, EXCLUDED.current_time_s, EXCLUDED.duration,
				       EXCLUDED.status)
				  AND (NOT :forward OR EXCLUDED.progress_percent > video_progress.progress_percent)""")
			.param("tenant", tenant)
			.param("user", user)
			.param("course", course)
			.param("content", content)
			.param("title", title)
			.param("percent", BigDecimal.valueOf(clamped).setScale(2, java.math.RoundingMode.HALF_UP))
			.param("time", time)
			.param("duration", duration)
			.param("status", status)
			.param("now", Timestamp.from(now))
			.param("forward", onlyForward)
			.update();
	}

	int dashboard(UUID tenant, String course, JsonNode row) {
		return jdbc
			.sql("""
					INSERT INTO dashboard_summary (tenant_id, user_id, course_id, overall_completion, total_items,
					    completed_items, h5p_total_contents, video_total_videos)
					VALUES (:tenant, :user, :course, :overall, :total, :completed, :h5p, :videos)
					ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET overall_completion = EXCLUDED.overall_completion,
					    total_items = EXCLUDED.total_items, completed_items = EXCLUDED.completed_items,
					    h5p_total_contents = EXCLUDED.h5p_total_contents, video_total_videos = EXCLUDED.video_total_videos
					WHERE (dashboard_summary.overall_completion, dashboard_summary.total_items,
					       dashboard_summary.completed_items, dashboard_summary.h5p_total_contents,
					       dashboard_summary.video_total_videos)
					    IS DISTINCT FROM (EXCLUDED.overall_completion, EXCLUDED.total_items, EXCLUDED.completed_items,
					       EXCLUDED.h5p_total_contents, EXCLUDED.video_total_videos)""")
			.param("tenant", tenant)
			.param("user", row.path("user_id").asLong())
			.param("course", course)
			.param("overall", decimal(row, "overall_completion"))
			.param("total", row.path("total_items").asInt(0))
			.param("completed", row.path("completed_items").asInt(0))
			.param("h5p", row.path("h5p_total_contents").asInt(0))
			.param("videos", row.path("video_total_videos").asInt(0))
			.update();
	}

	/** Rolls a user's H5P scores and video progress up into their summaries. */
	int summarise(UUID tenant, long user, String course) {
		Map<String, Object> key = Map.of("tenant", tenant, "user", user, "course", course);
		int changed = jdbc.sql("""
				INSERT INTO h5p_scores_summary (tenant_id, user_id, course_id, total_contents, completed_contents,
				    total_score, total_max_score, overall_percentage)
				SELECT :tenant, :user, :course, count(*), count(*) FILTER (WHERE max_score > 0 AND score >= max_score),
				    COALESCE(sum(score), 0), COALESCE(sum(max_score), 0),
				    CASE WHEN sum(max_score) > 0 THEN round(sum(score) * 100.0 / sum(max_score), 2) END
				FROM h5p_scores WHERE tenant_id = :tenant AND user_id = :user AND course_id = :course
				HAVING count(*) > 0
				ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET total_contents = EXCLUDED.total_contents,
				    completed_contents = EXCLUDED.completed_contents, total_score = EXCLUDED.total_score,
				    total_max_score = EXCLUDED.total_max_score, overall_percentage = EXCLUDED.overall_percentage
				WHERE (h5p_scores_summary.total_contents, h5p_scores_summary.completed_contents,
				       h5p_scores_summary.total_score, h5p_scores_summary.total_max_score)
				    IS DISTINCT FROM (EXCLUDED.total_contents, EXCLUDED.completed_contents, EXCLUDED.total_score,
				       EXCLUDED.total_max_score)""").params(key).update();
		return changed + jdbc.sql("""
				INSERT INTO video_progress_summary (tenant_id, user_id, course_id, total_videos, completed_videos,
				    in_progress_videos, total_duration, total_watched_time)
				SELECT :tenant, :user, :course, count(*), count(*) FILTER (WHERE status = 'COMPLETED'),
				    count(*) FILTER (WHERE status = 'IN_PROGRESS'), COALESCE(sum(duration), 0),
				    COALESCE(sum(round(duration * progress_percent / 100.0)), 0)
				FROM video_progress WHERE tenant_id = :tenant AND user_id = :user AND course_id = :course
				HAVING count(*) > 0
				ON CONFLICT (tenant_id, user_id, course_id) DO UPDATE SET total_videos = EXCLUDED.total_videos,
				    completed_videos = EXCLUDED.completed_videos, in_progress_videos = EXCLUDED.in_progress_videos,
				    total_duration = EXCLUDED.total_duration, total_watched_time = EXCLUDED.total_watched_time
				WHERE (video_progress_summary.total_videos, video_progress_summary.completed_videos,
				       video_progress_summary.in_progress_videos, video_progress_summary.total_duration,
				       video_progress_summary.total_watched_time)
				    IS DISTINCT FROM (EXCLUDED.total_videos, EXCLUDED.completed_videos, EXCLUDED.in_progress_videos,
				       EXCLUDED.total_duration, EXCLUDED.total_watched_time)""").params(key).update();
	}

	/** The course's MOOC users, by id, for the H5P step. */
	List<Long> users(UUID tenant, String course) {
		return jdbc.sql(
				"SELECT user_id FROM mooc_enrollment WHERE tenant_id = :tenant AND course_id = :course ORDER BY user_id")
			.param("tenant", tenant)
			.param("course", course)
			.query(Long.class)
			.list();
	}

	/** The MOOC user whose enrolment in one of these courses has this email. */
	java.util.Optional<Long> userByEmail(UUID tenant, String course, String email) {
		return jdbc.sql("""
				SELECT user_id FROM mooc_enrollment WHERE tenant_id = :tenant AND course_id = :course
				    AND lower(email) = lower(:email) ORDER BY user_id LIMIT 1""")
			.param("tenant", tenant)
			.param("course", course)
			.param("email", email)
			.query(Long.class)
			.optional();
	}

	private static @Nullable String text(JsonNode row, String field) {
		JsonNode value = row.path(field);
		return value.isNull() || value.isMissingNode() ? null : value.asString();
	}

	private static @Nullable Integer integer(JsonNode row, String field) {
		JsonNode value = row.path(field);
		return value.isNumber() ? value.asInt() : null;
	}

	private static @Nullable BigDecimal decimal(JsonNode row, String field) {
		JsonNode value = row.path(field);
		return value.isNumber() ? value.decimalValue() : null;
	}

	private static @Nullable Timestamp time(JsonNode row, String field) {
		String value = text(row, field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Timestamp.from(OffsetDateTime.parse(value).toInstant());
		}
		catch (java.time.format.DateTimeParseException ex) {
			return Timestamp.from(Instant.parse(value));
		}
	}

}
