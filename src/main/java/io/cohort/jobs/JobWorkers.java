package io.cohort.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs this instance's job workers ({@code cohort.jobs.workers}, default 2): each drains
 * due jobs until none is left, then looks again after {@code poll-interval}. Every
 * instance may run workers; the claims keep them apart. On stop (SIGTERM) the attempts
 * under way finish within 30 s and their outcomes are written; the jobs claimed but not
 * started are handed back at once rather than left until their lease runs out.
 */
@Component
class JobWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

	/**
	 * Jobs claimed at a time: a batch shares its reads and writes its outcomes in one
	 * transaction, and a job waits at most for the batch's other calls before its outcome
	 * is written (or half the lease).
	 */
	private static final int BATCH = 50;

	private final JobWorker worker;

	private final JobTargets targets;

	private final JobSettings settings;

	private final String instance;

	private @Nullable ScheduledExecutorService scheduler;

	JobWorkers(JobWorker worker, JobTargets targets, JobSettings settings) {
		this.worker = worker;
		this.targets = targets;
		this.settings = settings;
		this.instance = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Override
	public synchronized void start() {
		if (settings.workers() <= 0 || scheduler != null) {
			return;
		}
		ScheduledExecutorService pool = Executors.newScheduledThreadPool(settings.workers());
		for (int i = 0; i < settings.workers(); i++) {
			String name = instance + "-" + i;
			pool.scheduleWithFixedDelay(() -> drain(name), 0, settings.pollInterval().toMillis(),
					TimeUnit.MILLISECONDS);
		}
		scheduler = pool;
		log.info("Started {} outbound job worker(s) as {}", settings.workers(), instance);
	}

	private void drain(String name) {
		try {
			while (!worker.isStopping() && worker.drainOnce(name, BATCH, targets::forBatch) > 0) {
				// keep going while jobs are due
			}
		}
		catch (RuntimeException ex) {
			log.error("Outbound job worker {} failed; it will look again", name, ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (scheduler == null) {
			return;
		}
		worker.stopping(); // the attempts under way finish; claimed jobs not started are
							// handed back
		scheduler.shutdown();
		try {
			if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
				scheduler.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			scheduler.shutdownNow();
		}
		scheduler = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "cohort";
		}
	}

}
