package io.cohort.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each tenant's dropout models: trained on its finished learners (those with a label),
 * kept with their held-out evaluation beside the baseline's, and the active one — the
 * model when it beats the baseline, else the baseline — scores the tenant's learners.
 */
@Component
class DropoutModels {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
		.withZone(ZoneOffset.UTC);

	private final JdbcClient jdbc;

	private final Clock clock;

	DropoutModels(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The weights as stored. */
	record Weights(List<String> inputs, double[] weights, double bias, double[] reference) {
	}

	/** What a training found, as stored and shown. */
	record Metrics(int trainingRows, int heldOutRows, @Nullable Evaluation model, @Nullable Evaluation baseline,
			String note) {
	}

	/**
	 * A stored model: its version, kind, whether it scores, when trained, and its
	 * metrics.
	 */
	record Stored(String version, String kind, boolean active, Instant trainedAt, @Nullable Instant rescoredAt,
			Metrics metrics, @Nullable Weights weights) {
	}

	/** The tenant's active logistic model; empty while the baseline scores. */
	Optional<DropoutModel> active(UUID tenant) {
		return latest(tenant, true).filter(s -> s.weights() != null)
			.map(s -> new DropoutModel(s.version(), s.weights().inputs(), s.weights().weights(), s.weights().bias(),
					s.weights().reference()));
	}

	/** The model trained last, whether it scores or not. */
	Optional<Stored> latest(UUID tenant, boolean activeOnly) {
		return jdbc
			.sql("SELECT * FROM analytics_model WHERE tenant_id = :tenant" + (activeOnly ? " AND active" : "")
					+ " ORDER BY trained_at DESC LIMIT 1")
			.param("tenant", tenant)
			.query((rs, n) -> {
				String weights = rs.getString("weights");
				Timestamp rescored = rs.getTimestamp("rescored_at");
				return new Stored(rs.getString("version"), rs.getString("kind"), rs.getBoolean("active"),
						rs.getTimestamp("trained_at").toInstant(), rescored == null ? null : rescored.toInstant(),
						JSON.readValue(rs.getString("metrics"), Metrics.class),
						weights == null ? null : JSON.readValue(weights, Weights.class));
			})
			.optional();
	}

	/**
	 * Trains on the tenant's labelled feature rows and stores the outcome; the model
	 * becomes active only when it beats the baseline on held-out data.
	 */
	@Transactional
	Stored train(UUID tenant) {
		List<ModelTraining.Labelled> rows = jdbc.sql("""
				SELECT user_id, course_id, days_since_activity, progress_percent, video_watched_percent,
				    h5p_overall_percentage, discussion_total_interactions, attendance_rate, sessions_missed_recent,
				    sessions_recent, is_dropout
				FROM raw_data WHERE tenant_id = :tenant AND is_dropout IS NOT NULL ORDER BY course_id, user_id""")
			.param("tenant", tenant)
			.query((rs, n) -> new ModelTraining.Labelled(rs.getString("course_id") + ":" + rs.getLong("user_id"),
					new Features(FeatureRows.integer(rs, "days_since_activity"),
							FeatureRows.number(rs, "progress_percent"), FeatureRows.number(rs, "video_watched_percent"),
							FeatureRows.number(rs, "h5p_overall_percentage"),
							FeatureRows.integer(rs, "discussion_total_interactions"),
							FeatureRows.number(rs, "attendance_rate"),
							FeatureRows.integer(rs, "sessions_missed_recent"),
							FeatureRows.integer(rs, "sessions_recent"), null, null),
					rs.getBoolean("is_dropout")))
			.list();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String version = "lr-" + STAMP.format(now);
		ModelTraining.Outcome outcome = ModelTraining.train(version, rows);
		Metrics metrics = new Metrics(outcome.trainingRows(), outcome.heldOutRows(), outcome.modelEvaluation(),
				outcome.baselineEvaluation(), outcome.note());
		boolean wins = outcome.modelWins();
		jdbc.sql("UPDATE analytics_model SET active = FALSE WHERE tenant_id = :tenant AND active")
			.param("tenant", tenant)
			.update();
		DropoutModel model = outcome.model();
		Weights weights = model == null ? null
				: new Weights(model.inputs(), model.weights(), model.bias(), model.reference());
		String stored = model == null ? BaselineRules.VERSION + "@" + STAMP.format(now) : version;
		jdbc.sql("""
				INSERT INTO analytics_model (tenant_id, version, kind, weights, metrics, trained_at, active)
				VALUES (:tenant, :version, :kind, CAST(:weights AS JSONB), CAST(:metrics AS JSONB), :now, :active)
				ON CONFLICT (tenant_id, version) DO UPDATE SET weights = EXCLUDED.weights, metrics = EXCLUDED.metrics,
				    trained_at = EXCLUDED.trained_at, active = EXCLUDED.active, rescored_at = NULL""")
			.param("tenant", tenant)
			.param("version", stored)
			.param("kind", model == null ? "BASELINE" : "LOGISTIC")
			.param("weights", weights == null ? null : JSON.writeValueAsString(weights))
			.param("metrics", JSON.writeValueAsString(metrics))
			.param("now", Timestamp.from(now))
			.param("active", wins)
			.update();
		return new Stored(stored, model == null ? "BASELINE" : "LOGISTIC", wins, now, null, metrics, weights);
	}

	/**
	 * Records that every linked run of the tenant was rescored after the model's
	 * training.
	 */
	void rescored(UUID tenant, String version) {
		jdbc.sql("UPDATE analytics_model SET rescored_at = :now WHERE tenant_id = :tenant AND version = :version")
			.param("now", Timestamp.from(clock.instant()))
			.param("tenant", tenant)
			.param("version", version)
			.update();
	}

}
