package io.cohort.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the scheduled reconciliation every {@code cohort.gateway.reconciliation.interval} (default 6 h;
 * 0 switches it off, as the tests do, which call the pass themselves). Every instance runs the timer;
 * a tenant is reconciled by only one of them per interval (see {@link Reconciliations#scheduledPass}).
 */
@Component
class ReconciliationSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

	/** {@code cohort.gateway.reconciliation.*}. */
	@ConfigurationProperties("cohort.gateway.reconciliation")
	record Settings(@DefaultValue("6h") Duration interval) {
	}

	private final Reconciliations reconciliations;

	private final Settings settings;

	private @Nullable ScheduledExecutorService timer;

	ReconciliationSchedule(Reconciliations reconciliations, Settings settings) {
		this.reconciliations = reconciliations;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		if (settings.interval().isZero() || settings.interval().isNegative() || timer != null) {
			return;
		}
		ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "reconciliation");
			thread.setDaemon(true);
			return thread;
		});
		long every = settings.interval().toMillis();
		pool.scheduleWithFixedDelay(this::pass, Math.min(every, Duration.ofMinutes(5).toMillis()), every,
				TimeUnit.MILLISECONDS);
		timer = pool;
	}

	private void pass() {
		try {
			reconciliations.scheduledPass(settings.interval());
		}
		catch (RuntimeException ex) {
			log.error("The scheduled reconciliation failed; it runs again in {}", settings.interval(), ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (timer != null) {
			timer.shutdownNow();
			timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return timer != null;
	}

}
