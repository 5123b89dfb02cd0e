package io.cohort.analytics;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.cohort.identity.CurrentActor;
import io.cohort.system.RequestActivity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Rescores a tenant's linked runs after its model was trained, off the request path: on a
 * thread of its own, one run at a time and each in a transaction of its own, waiting
 * before each run (a bounded while) until this instance serves no request, so that a full
 * recomputation takes the CPU the API leaves idle (ADR 38). The model records when its
 * rescoring was done; one cut short by a stop or a failure is queued again by the next
 * scheduled pass, and finds done the runs whose digests already hold the model version.
 */
@Component
class Rescoring implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Rescoring.class);

	/** The longest a run waits for the requests in flight to finish. */
	static final Duration YIELD = Duration.ofMillis(200);

	private final RunCourses courses;

	private final FeatureRows features;

	private final DropoutModels models;

	private final RequestActivity requests;

	private @Nullable ExecutorService thread;

	Rescoring(RunCourses courses, FeatureRows features, DropoutModels models, RequestActivity requests) {
		this.courses = courses;
		this.features = features;
		this.models = models;
		this.requests = requests;
	}

	/**
	 * Queues a rescoring of the tenant's linked runs after the training of the model
	 * stored as {@code version}, which records when it is done.
	 */
	synchronized void submit(UUID tenant, String version) {
		if (thread == null) {
			throw new IllegalStateException("Rescoring is stopped");
		}
		thread.execute(() -> rescore(tenant, version));
	}

	private void rescore(UUID tenant, String version) {
		int runs = 0;
		int changed = 0;
		for (RunCourses.Linked linked : courses.all()) {
			if (!linked.tenant().equals(tenant)) {
				continue;
			}
			pause();
			if (Thread.currentThread().isInterrupted()) {
				log.info("Rescoring of tenant {} stopped after {} runs; the next scheduled pass rescores them again",
						tenant, runs);
				return;
			}
			try {
				changed += CurrentActor.asSystem(tenant,
						() -> features.recompute(tenant, linked.run(), linked.course(), this::pause));
				runs++;
			}
			catch (RuntimeException ex) {
				log.warn("Rescoring run {} failed; the next scheduled pass rescores the tenant's runs again",
						linked.run(), ex);
				return;
			}
		}
		models.rescored(tenant, version);
		log.info("Rescored {} runs of tenant {} after training {}: {} feature rows changed", runs, tenant, version,
				changed);
	}

	private void pause() {
		requests.awaitQuiet(YIELD);
	}

	@Override
	public synchronized void start() {
		if (thread == null) {
			thread = Executors.newSingleThreadExecutor(r -> {
				Thread t = new Thread(r, "analytics-rescore");
				t.setDaemon(true);
				return t;
			});
		}
	}

	@Override
	public synchronized void stop() {
		if (thread != null) {
			thread.shutdownNow();
			try {
				thread.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			thread = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return thread != null;
	}

}
