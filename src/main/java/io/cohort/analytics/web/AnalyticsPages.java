package io.cohort.analytics.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.cohort.analytics.AnalyticsManagement;
import io.cohort.analytics.AnalyticsSettingsManagement;
import io.cohort.analytics.Reason;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The analytics pages (staff of the run's tenant; a learner sees none): per run the risk
 * distribution, the learners at risk with their reasons, progress and grades, and the CSV
 * export of the feature table; per learner the trajectory. Charts are SVG rendered here,
 * readable without JavaScript.
 */
@Controller
@RequestMapping("/analytics/runs/{runId}")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
class AnalyticsPages {

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final List<String> COLUMNS = List.of("mooc_user_id", "learner_id", "name", "progress_percent",
			"mooc_grade_percentage", "video_watched_percent", "h5p_overall_percentage", "discussion_total_interactions",
			"days_since_activity", "attendance_rate", "sessions_missed_recent", "sessions_recent", "sessions_late",
			"assessments_not_competent", "is_dropout", "dropout_risk", "reasons", "model_version");

	private final AnalyticsManagement analytics;

	private final AnalyticsSettingsManagement settings;

	AnalyticsPages(AnalyticsManagement analytics, AnalyticsSettingsManagement settings) {
		this.analytics = analytics;
		this.settings = settings;
	}

	@GetMapping
	String run(@PathVariable UUID runId, Model model) {
		AnalyticsManagement.RunCourse course = analytics.course(runId);
		List<AnalyticsManagement.LearnerRisk> learners = analytics.learners(runId);
		double threshold = settings.threshold().doubleValue();
		model.addAttribute("runId", runId);
		model.addAttribute("course", course);
		model.addAttribute("learners", learners);
		model.addAttribute("atRisk",
				learners.stream().filter(l -> l.dropoutRisk().doubleValue() >= threshold).toList());
		model.addAttribute("threshold", threshold);
		model.addAttribute("riskChart", Charts.riskDistribution(learners, threshold));
		model.addAttribute("progressChart", Charts.progressAndGrades(learners));
		return "analytics/run";
	}

	@GetMapping("/learners/{userId}")
	String learner(@PathVariable UUID runId, @PathVariable long userId, Model model) {
		List<AnalyticsManagement.Point> points = analytics.trajectory(runId, userId);
		model.addAttribute("runId", runId);
		model.addAttribute("learner",
				analytics.learners(runId).stream().filter(l -> l.moocUserId() == userId).findFirst().orElse(null));
		model.addAttribute("points", points);
		model.addAttribute("trajectoryChart", Charts.trajectory(points));
		return "analytics/learner";
	}

	@GetMapping("/features.csv")
	ResponseEntity<byte[]> csv(@PathVariable UUID runId) {
		StringWriter out = new StringWriter();
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
			for (AnalyticsManagement.LearnerRisk l : analytics.learners(runId)) {
				csv.printRecord(l.moocUserId(), l.learnerId(), cell(l.name()), l.progressPercent(),
						l.moocGradePercentage(), l.videoWatchedPercent(), l.h5pOverallPercentage(),
						l.discussionTotalInteractions(), l.daysSinceActivity(), l.attendanceRate(),
						l.sessionsMissedRecent(), l.sessionsRecent(), l.sessionsLate(), l.assessmentsNotCompetent(),
						l.isDropout(), l.dropoutRisk(),
						String.join("; ", l.reasons().stream().map(Reason::text).toList()), l.modelVersion());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("run-" + runId + "-features.csv").build().toString())
			.cacheControl(CacheControl.noStore())
			.body(out.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** A name as a spreadsheet will not run it as a formula. */
	private static @Nullable String cell(@Nullable String text) {
		return text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

}
