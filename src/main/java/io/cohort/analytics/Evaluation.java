package io.cohort.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * How well risks predicted dropout on held-out learners: AUC (the chance a dropout is
 * ranked above a learner who stayed), Brier score (mean squared error of the risk), and a
 * calibration table of five risk bands.
 */
public record Evaluation(int learners, int dropouts, double auc, double brier, List<Band> calibration) {

	/**
	 * One band of predicted risk: how many fell in it, their mean risk, and how many
	 * dropped out.
	 */
	public record Band(double from, double to, int learners, double meanRisk, double observedRate) {
	}

	static Evaluation of(double[] risks, boolean[] dropped) {
		int n = risks.length;
		int positives = 0;
		double brier = 0;
		for (int i = 0; i < n; i++) {
			positives += dropped[i] ? 1 : 0;
			double error = risks[i] - (dropped[i] ? 1 : 0);
			brier += error * error;
		}
		double auc = auc(risks, dropped, positives);
		List<Band> bands = new ArrayList<>();
		for (int b = 0; b < 5; b++) {
			double from = b / 5.0;
			double to = (b + 1) / 5.0;
			int count = 0;
			int observed = 0;
			double sum = 0;
			for (int i = 0; i < n; i++) {
				if (risks[i] >= from && (risks[i] < to || b == 4)) {
					count++;
					sum += risks[i];
					observed += dropped[i] ? 1 : 0;
				}
			}
			bands.add(new Band(from, to, count, count == 0 ? 0 : round(sum / count),
					count == 0 ? 0 : round(observed / (double) count)));
		}
		return new Evaluation(n, positives, round(auc), round(n == 0 ? 0 : brier / n), List.copyOf(bands));
	}

	/**
	 * Mann–Whitney: over every (dropout, stayer) pair, the share ranked right (ties
	 * half).
	 */
	private static double auc(double[] risks, boolean[] dropped, int positives) {
		int negatives = risks.length - positives;
		if (positives == 0 || negatives == 0) {
			return 0.5;
		}
		double right = 0;
		for (int i = 0; i < risks.length; i++) {
			if (!dropped[i]) {
				continue;
			}
			for (int j = 0; j < risks.length; j++) {
				if (!dropped[j]) {
					right += risks[i] > risks[j] ? 1 : risks[i] == risks[j] ? 0.5 : 0;
				}
			}
		}
		return right / ((double) positives * negatives);
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

}
