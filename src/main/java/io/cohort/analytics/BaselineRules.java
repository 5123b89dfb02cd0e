package io.cohort.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The transparent baseline: a few rules on attendance and activity, each adding a fixed
 * weight to a small base risk. Used while a tenant's history is too short to train a
 * model, or when the model does not beat it on held-out data.
 */
final class BaselineRules {

	static final String VERSION = "baseline-1";

	private static final double BASE = 0.05;

	private BaselineRules() {
	}

	static Score score(Features f) {
		List<Reason> reasons = new ArrayList<>();
		if (f.daysSinceActivity() == null || f.daysSinceActivity() >= 7) {
			reasons.add(reason(f, "days_since_activity", 0.35));
		}
		if (f.sessionsRecent() != null && f.sessionsRecent() > 0 && f.sessionsMissedRecent() != null
				&& f.sessionsMissedRecent() * 2 >= f.sessionsRecent()) {
			reasons.add(reason(f, "sessions_missed_recent", 0.3));
		}
		else if (f.attendanceRate() != null && f.attendanceRate() < 75) {
			reasons.add(reason(f, "attendance_rate", 0.15));
		}
		if (f.videoWatchedPercent() == null || f.videoWatchedPercent() < 30) {
			reasons.add(reason(f, "video_watched_percent", 0.2));
		}
		if (f.progressPercent() == null || f.progressPercent() < 25) {
			reasons.add(reason(f, "progress_percent", 0.15));
		}
		if (f.assessmentsNotCompetent() != null && f.assessmentsNotCompetent() > 0) {
			reasons.add(reason(f, "assessments_not_competent", 0.1));
		}
		if (f.sessionsLate() != null && f.sessionsLate() >= 2) {
			reasons.add(reason(f, "sessions_late", 0.05));
		}
		double risk = Math.min(0.99, BASE + reasons.stream().mapToDouble(Reason::weight).sum());
		reasons.sort(Comparator.comparingDouble(Reason::weight).reversed());
		return new Score(risk, List.copyOf(reasons.subList(0, Math.min(3, reasons.size()))), VERSION);
	}

	private static Reason reason(Features f, String feature, double weight) {
		return new Reason(feature, f.words(feature), weight);
	}

}
