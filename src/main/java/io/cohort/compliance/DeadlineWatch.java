package io.cohort.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The daily deadline pass ({@code cohort.compliance.deadlines.interval}, default 24 h; 0 switches it off,
 * as the tests do, which call it themselves): for every tenant, records each run's deadline states on
 * the tenant's today and audits those that became DUE_SOON or OVERDUE. Every instance may run it; a
 * change is recorded once (see {@link ComplianceManagement#recordDeadlines}).
 */
@Component
class DeadlineWatch implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

	/** {@code cohort.compliance.deadlines.*}. */
	@ConfigurationProperties("cohort.compliance.deadlines")
	record Settings(@DefaultValue("24h") Duration interval) {
	}

	private final ComplianceManagement compliance;

	private final TenantManagement tenants;

	private final Settings settings;

	private final Clock clock;

	private @Nullable ScheduledExecutorService timer;

	DeadlineWatch(ComplianceManagement compliance, TenantManagement tenants, Settings settings, Clock clock) {
		this.compliance = compliance;
		this.tenants = tenants;
		this.settings = settings;
		this.clock = clock;
	}

	/** One pass over every tenant; returns how many deadline states changed. */
	int pass() {
		int changed = 0;
		for (TenantView tenant : tenants.list()) {
			changed += pass(tenant.id());
		}
		return changed;
	}

	/** One tenant's pass on its today (in its time zone). */
	int pass(UUID tenant) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), tenants.zone(tenant));
		return compliance.recordDeadlines(tenant, today, clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

	@Override
	public synchronized void start() {
		if (settings.interval().isZero() || settings.interval().isNegative() || timer != null) {
			return;
		}
		ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "deadline-watch");
			thread.setDaemon(true);
			return thread;
		});
		long every = settings.interval().toMillis();
		pool.scheduleWithFixedDelay(this::safely, Math.min(every, Duration.ofMinutes(1).toMillis()), every,
				TimeUnit.MILLISECONDS);
		timer = pool;
	}

	private void safely() {
		try {
			log.info("Deadline pass recorded {} change(s)", pass());
		}
		catch (RuntimeException ex) {
			log.error("The deadline pass failed; it runs again in {}", settings.interval(), ex);
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
