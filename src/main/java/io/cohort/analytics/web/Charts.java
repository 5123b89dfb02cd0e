package io.cohort.analytics.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import io.cohort.analytics.AnalyticsManagement;
import org.jspecify.annotations.Nullable;

/**
 * Server-rendered SVG charts, readable without JavaScript: each has a title and a
 * description for screen readers, and holds only numbers and fixed labels (no user text),
 * so it can be written into a page as it is.
 */
final class Charts {

	private static final int WIDTH = 520;

	private static final int HEIGHT = 180;

	private Charts() {
	}

	/**
	 * How many learners fall in each tenth of risk, bars at or above the threshold
	 * marked.
	 */
	static String riskDistribution(List<AnalyticsManagement.LearnerRisk> learners, double threshold) {
		int[] bins = new int[10];
		for (AnalyticsManagement.LearnerRisk learner : learners) {
			bins[Math.min(9, (int) (learner.dropoutRisk().doubleValue() * 10))]++;
		}
		int max = 1;
		for (int count : bins) {
			max = Math.max(max, count);
		}
		StringBuilder svg = open("risk-chart", "Risk distribution",
				"Learners per tenth of dropout risk, from 0 (left) to 1 (right); bars at or above the threshold are dark.");
		int bar = (WIDTH - 40) / 10;
		for (int i = 0; i < 10; i++) {
			int h = (int) Math.round((HEIGHT - 40) * bins[i] / (double) max);
			int x = 30 + i * bar;
			int y = HEIGHT - 20 - h;
			String fill = (i + 1) / 10.0 > threshold ? "#8b1a1a" : "#4a7ab0";
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%d learners at risk %.1f–%.1f</title></rect>",
					x + 2, y, bar - 4, h, fill, bins[i], i / 10.0, (i + 1) / 10.0));
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>", x + bar / 2, y - 3,
					bins[i]));
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.1f</text>", x + bar / 2,
					HEIGHT - 6, i / 10.0));
		}
		return svg.append("</svg>").toString();
	}

	/** Each learner's progress (bar) and grade (dot), riskiest first, up to forty. */
	static String progressAndGrades(List<AnalyticsManagement.LearnerRisk> learners) {
		List<AnalyticsManagement.LearnerRisk> shown = learners.subList(0, Math.min(40, learners.size()));
		StringBuilder svg = open("progress-chart", "Progress and grades",
				"Per learner, riskiest on the left: the bar is the course progress in percent, the dot the MOOC grade in percent.");
		int step = Math.max(1, (WIDTH - 40) / Math.max(1, shown.size()));
		for (int i = 0; i < shown.size(); i++) {
			AnalyticsManagement.LearnerRisk learner = shown.get(i);
			int x = 30 + i * step;
			double progress = value(learner.progressPercent());
			int h = (int) Math.round((HEIGHT - 40) * progress / 100);
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#9bb8d8\"><title>progress %.0f%%</title></rect>",
					x, HEIGHT - 20 - h, Math.max(1, step - 2), h, progress));
			if (learner.moocGradePercentage() != null) {
				double grade = learner.moocGradePercentage().doubleValue();
				svg.append(String.format(Locale.ROOT,
						"<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#222\"><title>grade %.0f%%</title></circle>",
						x + Math.max(1, step - 2) / 2, HEIGHT - 20 - (int) Math.round((HEIGHT - 40) * grade / 100),
						grade));
			}
		}
		axis(svg);
		return svg.append("</svg>").toString();
	}

	/** A learner's risk and progress over time. */
	static String trajectory(List<AnalyticsManagement.Point> points) {
		StringBuilder svg = open("trajectory-chart", "Trajectory",
				"Dropout risk (dark line, 0 to 100 percent) and course progress (light line, percent) at each computation, oldest on the left.");
		StringBuilder risk = new StringBuilder();
		StringBuilder progress = new StringBuilder();
		int n = points.size();
		for (int i = 0; i < n; i++) {
			int x = 30 + (n == 1 ? (WIDTH - 40) / 2 : i * (WIDTH - 40) / (n - 1));
			risk.append(x).append(',').append(y(points.get(i).dropoutRisk().doubleValue() * 100)).append(' ');
			progress.append(x).append(',').append(y(value(points.get(i).progressPercent()))).append(' ');
			svg.append(String.format(Locale.ROOT,
					"<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#8b1a1a\"><title>risk %.2f</title></circle>", x,
					y(points.get(i).dropoutRisk().doubleValue() * 100), points.get(i).dropoutRisk().doubleValue()));
		}
		svg.append("<polyline fill=\"none\" stroke=\"#8b1a1a\" stroke-width=\"2\" points=\"")
			.append(risk.toString().trim())
			.append("\"/>");
		svg.append("<polyline fill=\"none\" stroke=\"#9bb8d8\" stroke-width=\"2\" points=\"")
			.append(progress.toString().trim())
			.append("\"/>");
		axis(svg);
		return svg.append("</svg>").toString();
	}

	private static int y(double percent) {
		return HEIGHT - 20 - (int) Math.round((HEIGHT - 40) * Math.max(0, Math.min(100, percent)) / 100);
	}

	private static void axis(StringBuilder svg) {
		for (int p = 0; p <= 100; p += 50) {
			svg.append(String.format(Locale.ROOT,
					"<text x=\"2\" y=\"%d\" font-size=\"10\">%d</text><line x1=\"26\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>",
					y(p) + 3, p, WIDTH - 10, y(p), y(p)));
		}
	}

	private static double value(@Nullable BigDecimal value) {
		return value == null ? 0 : value.doubleValue();
	}

	private static StringBuilder open(String id, String title, String description) {
		return new StringBuilder().append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"100%%\" style=\"max-width:%dpx\" aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">%s</title><desc id=\"%s-desc\">%s</desc>",
				WIDTH, HEIGHT, WIDTH, id, id, id, title, id, description));
	}

}
