package io.cohort.analytics;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.system.ClusterLock;
import io.cohort.system.PeriodicPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Every {@code cohort.analytics.interval} (default 1 h; 0 switches it off) ingests each
 * linked run again (incremental: only what changed is rewritten), leaving a failed one to
 * the job that resumes it with the queue's backoff — and retrains each such tenant's
 * model once a day ({@code cohort.analytics.retrain-every}), or queues again the
 * rescoring of a model trained over an interval ago whose rescoring a stop or failure cut
 * short. A run another instance is ingesting is left to it.
 */
@Component
class AnalyticsSchedule extends PeriodicPass {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsSchedule.class);

	/** {@code cohort.analytics.*}. */
	@ConfigurationProperties("cohort.analytics")
	record Settings(@DefaultValue("1h") Duration interval, @DefaultValue("24h") Duration retrainEvery) {
	}

	private final RunCourses courses;

	private final IngestionManagement ingestion;

	private final AnalyticsManagement analytics;

	private final DropoutModels models;

	private final Rescoring rescoring;

	private final Settings settings;

	private final java.time.Clock clock;

	AnalyticsSchedule(RunCourses courses, IngestionManagement ingestion, AnalyticsManagement analytics,
			DropoutModels models, Rescoring rescoring, Settings settings, java.time.Clock clock, ClusterLock lock) {
		super("analytics", settings.interval(), settings.interval(), lock);
		this.courses = courses;
		this.ingestion = ingestion;
		this.analytics = analytics;
		this.models = models;
		this.rescoring = rescoring;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	protected void scheduledPass() {
		java.util.Set<UUID> tenants = new java.util.LinkedHashSet<>();
		for (RunCourses.Linked linked : courses.all()) {
			tenants.add(linked.tenant());
			if (ingestion.queued(linked.tenant(), linked.run())) {
				continue; // the job queue resumes it, with its backoff
			}
			try {
				CurrentActor.asSystem(linked.tenant(), () -> ingestion.ingest(linked.run()));
			}
			catch (RuntimeException ex) {
				log.info("Scheduled ingestion of run {} skipped: {}", linked.run(), ex.getMessage());
			}
		}
		for (UUID tenant : tenants) {
			Optional<DropoutModels.Stored> latest = models.latest(tenant, false);
			if (latest.map(m -> m.trainedAt().plus(settings.retrainEvery()).isBefore(clock.instant())).orElse(true)) {
				CurrentActor.asSystem(tenant, analytics::train);
			}
			else if (latest.get().rescoredAt() == null
					&& latest.get().trainedAt().plus(settings.interval()).isBefore(clock.instant())) {
				rescoring.submit(tenant, latest.get().version());
			}
		}
	}

}
