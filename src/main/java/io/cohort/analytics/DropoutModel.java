package io.cohort.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A trained logistic model as Cohort keeps it: one weight per input of
 * {@link Features#INPUTS}, a bias, and each input's mean among learners who stayed (the
 * reference a reason is measured from). A reason is an input whose value, against that
 * reference, pushes the learner's log-odds of dropping out up the most.
 */
record DropoutModel(String version, List<String> inputs, double[] weights, double bias, double[] reference) {

	Score score(Features features) {
		double[] x = features.vector();
		double logit = bias;
		for (int i = 0; i < x.length; i++) {
			logit += weights[i] * x[i];
		}
		double risk = 1 / (1 + Math.exp(-logit));
		List<Reason> reasons = new ArrayList<>();
		for (int i = 0; i < x.length; i++) {
			double push = weights[i] * (x[i] - reference[i]);
			if (weights[i] > 0 && push > 0.1) {
				reasons.add(new Reason(inputs.get(i), features.words(inputs.get(i)), Math.round(push * 100) / 100.0));
			}
		}
		reasons.sort(Comparator.comparingDouble(Reason::weight).reversed());
		return new Score(risk, List.copyOf(reasons.subList(0, Math.min(3, reasons.size()))), version);
	}

}
