package io.cohort.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A pass that runs every {@code interval} on a daemon thread of its own while the
 * application runs; a zero or negative interval switches it off (as the tests do, which
 * call the pass themselves). The first pass comes after the interval or
 * {@code firstWithin}, whichever is sooner; a failed pass is logged and the next one
 * comes on time. With several instances a pass runs on one of them at a time, about once
 * per interval across them all ({@link ClusterLock}).
 */
public abstract class PeriodicPass implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PeriodicPass.class);

	private final String name;

	private final Duration interval;

	private final Duration firstWithin;

	private final ClusterLock lock;

	private @Nullable ScheduledExecutorService timer;

	protected PeriodicPass(String name, Duration interval, Duration firstWithin, ClusterLock lock) {
		this.name = name;
		this.interval = interval;
		this.firstWithin = firstWithin;
		this.lock = lock;
	}

	/** One scheduled pass. */
	protected abstract void scheduledPass();

	@Override
	public synchronized void start() {
		if (interval.isZero() || interval.isNegative() || timer != null) {
			return;
		}
		ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, name);
			thread.setDaemon(true);
			return thread;
		});
		long every = interval.toMillis();
		pool.scheduleWithFixedDelay(this::safely, Math.min(every, firstWithin.toMillis()), every,
				TimeUnit.MILLISECONDS);
		timer = pool;
	}

	private void safely() {
		try {
			if (!lock.runOnce(name, interval, this::scheduledPass)) {
				log.debug("The {} pass ran elsewhere or recently; skipped here", name);
			}
		}
		catch (RuntimeException ex) {
			log.error("The {} pass failed; it runs again in {}", name, interval, ex);
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
