package io.cohort.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.cohort.analytics.simulator.SimulatedUser;
import io.cohort.analytics.simulator.SyntheticCohorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the simulator's synthetic cohorts (dropout driven by a latent engagement), the model
 * trained with Tribuo beats the baseline rules on held-out learners, and its reasons name
 * the features that drove the simulated dropout.
 */
class DropoutModelTests {

	private static final Instant END = Instant.parse("2026-06-30T10:00:00Z");

	@Test
	void theModelBeatsTheBaselineOnHeldOutLearnersAndPrintsItsAuc() {
		List<ModelTraining.Labelled> rows = new ArrayList<>();
		for (int course = 0; course < 8; course++) {
			for (SimulatedUser user : SyntheticCohorts.cohort(100 + course, 40, END, true)) {
				rows.add(new ModelTraining.Labelled(course + ":" + user.userId(), features(user), user.dropout()));
			}
		}
		ModelTraining.Outcome outcome = ModelTraining.train("test-1", rows);
		System.out.printf("held-out AUC: model %.3f, baseline %.3f; Brier: model %.3f, baseline %.3f (%d held out)%n",
				outcome.modelEvaluation().auc(), outcome.baselineEvaluation().auc(), outcome.modelEvaluation().brier(),
				outcome.baselineEvaluation().brier(), outcome.heldOutRows());
		assertThat(outcome.modelWins()).isTrue();
		assertThat(outcome.modelEvaluation().auc()).isGreaterThan(0.8);
		assertThat(outcome.modelEvaluation().calibration()).hasSize(5);
	}

	@Test
	void aDriftingLearnersReasonsNameInactivityAndVideos() {
		List<ModelTraining.Labelled> rows = new ArrayList<>();
		for (int course = 0; course < 6; course++) {
			for (SimulatedUser user : SyntheticCohorts.cohort(200 + course, 40, END, true)) {
				rows.add(new ModelTraining.Labelled(course + ":" + user.userId(), features(user), user.dropout()));
			}
		}
		DropoutModel model = ModelTraining.fit("test-2", rows);
		Features drifting = new Features(12, 20.0, 12.0, null, 0, null, null, null, null, null);
		Score score = model.score(drifting);
		assertThat(score.risk()).isGreaterThan(0.6);
		assertThat(score.reasons()).extracting(Reason::feature)
			.containsAnyOf("days_since_activity", "video_watched_percent", "progress_percent");
		assertThat(score.reasons()).extracting(Reason::text)
			.anySatisfy(text -> assertThat(text).matches("no activity for 12 days|watched 12% of the videos|"
					+ "completed 20% of the course|attempted no H5P activity|no posts in the discussions"));
		Features engaged = new Features(1, 95.0, 90.0, 85.0, 9, null, null, null, null, null);
		assertThat(model.score(engaged).risk()).isLessThan(0.3);
		assertThat(model.score(engaged).reasons()).isEmpty();
	}

	@Test
	void aShortHistoryGivesNoModel() {
		List<ModelTraining.Labelled> rows = new ArrayList<>();
		for (SimulatedUser user : SyntheticCohorts.cohort(7, 20, END, true)) {
			rows.add(new ModelTraining.Labelled(String.valueOf(user.userId()), features(user), user.dropout()));
		}
		ModelTraining.Outcome outcome = ModelTraining.train("test-3", rows);
		assertThat(outcome.model()).isNull();
		assertThat(outcome.note()).startsWith("history too short");
	}

	@Test
	void theBaselineSaysWhyInWords() {
		Features f = new Features(9, 10.0, 12.0, null, 0, 60.0, 3, 4, 0, 1);
		Score score = BaselineRules.score(f);
		assertThat(score.modelVersion()).isEqualTo(BaselineRules.VERSION);
		assertThat(score.reasons()).extracting(Reason::text)
			.containsExactly("no activity for 9 days", "missed 3 of the last 4 sessions", "watched 12% of the videos");
		assertThat(score.risk()).isGreaterThan(0.8);
	}

	/** The features ingestion would build from what the simulated sources tell. */
	static Features features(SimulatedUser u) {
		int watched = 0;
		for (int w : u.videoWatched()) {
			watched += w;
		}
		int scored = 0;
		int max = 0;
		for (int s : u.h5pScores()) {
			if (s >= 0) {
				scored += s;
				max += SimulatedUser.MAX_SCORE;
			}
		}
		return new Features((int) ChronoUnit.DAYS.between(u.lastActivity(), END),
				u.completedBlocks() * 100.0 / u.totalBlocks(),
				watched * 100.0 / (u.videoWatched().length * SimulatedUser.VIDEO_SECONDS),
				max == 0 ? null : scored * 100.0 / max, u.threads() + u.comments(), null, null, null, null, null);
	}

}
