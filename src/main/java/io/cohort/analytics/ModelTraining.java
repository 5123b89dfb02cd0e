package io.cohort.analytics;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a tenant's dropout model on its labelled feature rows with Tribuo's logistic
 * regression, and judges it beside the baseline on a held-out share of the rows: the
 * model is chosen only when its held-out AUC beats the baseline's.
 */
final class ModelTraining {

	/**
	 * Fewer labelled rows than this, or fewer than {@link #MIN_CLASS} of either class:
	 * too short a history.
	 */
	static final int MIN_ROWS = 40;

	static final int MIN_CLASS = 5;

	private static final String DROPOUT = "DROPOUT";

	private static final String STAYED = "STAYED";

	private ModelTraining() {
	}

	/** A labelled row; {@code key} orders the deterministic held-out split. */
	record Labelled(String key, Features features, boolean dropout) {
	}

	/**
	 * What training found: the model (none while the history is too short), and the
	 * held-out evaluations of the model and of the baseline.
	 */
	record Outcome(@Nullable DropoutModel model, @Nullable Evaluation modelEvaluation,
			@Nullable Evaluation baselineEvaluation, int trainingRows, int heldOutRows, String note) {

		boolean modelWins() {
			return model != null && modelEvaluation != null && baselineEvaluation != null
					&& modelEvaluation.auc() > baselineEvaluation.auc();
		}

	}

	static Outcome train(String version, List<Labelled> rows) {
		long dropouts = rows.stream().filter(Labelled::dropout).count();
		if (rows.size() < MIN_ROWS || dropouts < MIN_CLASS || rows.size() - dropouts < MIN_CLASS) {
			return new Outcome(null, null, null, rows.size(), 0,
					"history too short: " + rows.size() + " finished learners (" + dropouts + " dropouts); at least "
							+ MIN_ROWS + " needed, " + MIN_CLASS + " of each outcome");
		}
		List<Labelled> training = new ArrayList<>();
		List<Labelled> heldOut = new ArrayList<>();
		for (Labelled row : rows) {
			// a stable three-in-ten share by key, whatever order the rows came in
			(Math.floorMod(row.key().hashCode() * 31 + 7, 10) < 3 ? heldOut : training).add(row);
		}
		if (heldOut.stream().noneMatch(Labelled::dropout) || heldOut.stream().allMatch(Labelled::dropout)) {
			return new Outcome(null, null, null, rows.size(), heldOut.size(),
					"the held-out share has only one outcome; more history is needed");
		}
		DropoutModel model = fit(version, training);
		double[] modelRisks = new double[heldOut.size()];
		double[] baselineRisks = new double[heldOut.size()];
		boolean[] dropped = new boolean[heldOut.size()];
		for (int i = 0; i < heldOut.size(); i++) {
			modelRisks[i] = model.score(heldOut.get(i).features()).risk();
			baselineRisks[i] = BaselineRules.score(heldOut.get(i).features()).risk();
			dropped[i] = heldOut.get(i).dropout();
		}
		Evaluation modelEvaluation = Evaluation.of(modelRisks, dropped);
		Evaluation baselineEvaluation = Evaluation.of(baselineRisks, dropped);
		return new Outcome(model, modelEvaluation, baselineEvaluation, training.size(), heldOut.size(),
				modelEvaluation.auc() > baselineEvaluation.auc() ? "the model beats the baseline on held-out data"
						: "the model does not beat the baseline on held-out data; the baseline scores");
	}

	/** Fits the logistic weights with Tribuo and reads them back as Cohort keeps them. */
	static DropoutModel fit(String version, List<Labelled> rows) {
		LabelFactory labels = new LabelFactory();
		MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("cohort-analytics", labels),
				labels);
		String[] names = Features.INPUTS.toArray(String[]::new);
		double[] stayedSum = new double[names.length];
		int stayed = 0;
		for (Labelled row : rows) {
			double[] x = row.features().vector();
			dataset.add(new ArrayExample<>(new Label(row.dropout() ? DROPOUT : STAYED), names, x));
			if (!row.dropout()) {
				stayed++;
				for (int i = 0; i < x.length; i++) {
					stayedSum[i] += x[i];
				}
			}
		}
		Model<Label> trained = new LogisticRegressionTrainer().train(dataset);
		LinearSGDModel linear = (LinearSGDModel) trained;
		DenseMatrix w = linear.getWeightsCopy();
		int dropoutRow = trained.getOutputIDInfo().getID(new Label(DROPOUT));
		int stayedRow = trained.getOutputIDInfo().getID(new Label(STAYED));
		int biasColumn = w.getDimension2Size() - 1;
		double[] weights = new double[names.length];
		double[] reference = new double[names.length];
		for (int i = 0; i < names.length; i++) {
			int id = trained.getFeatureIDMap().getID(names[i]);
			// two-class softmax is the logistic of the difference of the two rows
			weights[i] = id < 0 ? 0 : w.get(dropoutRow, id) - w.get(stayedRow, id);
			reference[i] = stayed == 0 ? 0 : stayedSum[i] / stayed;
		}
		double bias = w.get(dropoutRow, biasColumn) - w.get(stayedRow, biasColumn);
		DropoutModel model = new DropoutModel(version, Features.INPUTS, weights, bias, reference);
		// the weights read back must score as Tribuo does
		Labelled first = rows.get(0);
		double tribuo = trained.predict(new ArrayExample<>(new Label(STAYED), names, first.features().vector()))
			.getOutputScores()
			.get(DROPOUT)
			.getScore();
		if (Math.abs(tribuo - model.score(first.features()).risk()) > 1e-6) {
			throw new IllegalStateException("The model's weights were not read back as Tribuo scores them");
		}
		return model;
	}

}
