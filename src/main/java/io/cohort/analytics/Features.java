package io.cohort.analytics;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a learner's risk is judged on, named as the {@code raw_data} columns that keep it:
 * MOOC and H5P activity, and Cohort's own attendance, lateness and assessment results. A
 * value is null where its source has nothing yet.
 */
public record Features(@Nullable Integer daysSinceActivity, @Nullable Double progressPercent,
		@Nullable Double videoWatchedPercent, @Nullable Double h5pOverallPercentage,
		@Nullable Integer discussionTotalInteractions, @Nullable Double attendanceRate,
		@Nullable Integer sessionsMissedRecent, @Nullable Integer sessionsRecent, @Nullable Integer sessionsLate,
		@Nullable Integer assessmentsNotCompetent) {

	/** The names of the model's inputs, in {@link #vector()}'s order. */
	static final List<String> INPUTS = List.of("days_since_activity", "video_watched_percent", "progress_percent",
			"h5p_overall_percentage", "discussion_total_interactions", "attendance_rate", "sessions_missed_recent");

	/**
	 * The model's inputs, each scaled to about 0–1 and oriented so that more means more
	 * drift: inactivity, videos unwatched, course not done, H5P not scored, silence in
	 * the discussions, hours missed, recent sessions missed. A missing value counts as no
	 * drift for Cohort's attendance (no sessions yet) and as none done for the sources.
	 */
	double[] vector() {
		return new double[] { daysSinceActivity == null ? 1.0 : Math.min(daysSinceActivity, 30) / 30.0,
				1 - pct(videoWatchedPercent), 1 - pct(progressPercent), 1 - pct(h5pOverallPercentage),
				1.0 / (1 + (discussionTotalInteractions == null ? 0 : discussionTotalInteractions)),
				attendanceRate == null ? 0.0 : 1 - pct(attendanceRate), sessionsRecent == null || sessionsRecent == 0
						? 0.0 : Objects.requireNonNullElse(sessionsMissedRecent, 0) / (double) sessionsRecent };
	}

	private static double pct(@Nullable Double percent) {
		return percent == null ? 0.0 : Math.max(0.0, Math.min(1.0, percent / 100.0));
	}

	/** The reason, in words, that one input (by its name) gives. */
	String words(String input) {
		return switch (input) {
			case "days_since_activity" -> daysSinceActivity == null ? "no activity recorded in the course"
					: "no activity for " + daysSinceActivity + " days";
			case "video_watched_percent" -> "watched " + Math.round(orZero(videoWatchedPercent)) + "% of the videos";
			case "progress_percent" -> "completed " + Math.round(orZero(progressPercent)) + "% of the course";
			case "h5p_overall_percentage" -> h5pOverallPercentage == null ? "attempted no H5P activity"
					: "scored " + Math.round(h5pOverallPercentage) + "% on the H5P activities";
			case "discussion_total_interactions" ->
				discussionTotalInteractions == null || discussionTotalInteractions == 0 ? "no posts in the discussions"
						: discussionTotalInteractions + " posts in the discussions";
			case "attendance_rate" -> "attended " + Math.round(orZero(attendanceRate)) + "% of the scheduled hours";
			case "sessions_missed_recent" ->
				"missed " + orZero(sessionsMissedRecent) + " of the last " + orZero(sessionsRecent) + " sessions";
			case "sessions_late" -> "late to " + orZero(sessionsLate) + " sessions";
			case "assessments_not_competent" -> orZero(assessmentsNotCompetent) + " assessments not yet competent";
			default -> throw new IllegalArgumentException(input);
		};
	}

	private static double orZero(@Nullable Double value) {
		return value == null ? 0 : value;
	}

	private static int orZero(@Nullable Integer value) {
		return value == null ? 0 : value;
	}

}
