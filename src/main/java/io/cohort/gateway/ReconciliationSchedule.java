package io.cohort.gateway;

import java.time.Duration;

import io.cohort.system.ClusterLock;
import io.cohort.system.PeriodicPass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Runs the scheduled reconciliation every {@code cohort.gateway.reconciliation.interval}
 * (default 6 h; 0 switches it off, as the tests do, which call the pass themselves).
 * Every instance runs the timer; a tenant is reconciled by only one of them per interval
 * (see {@link Reconciliations#scheduledPass}).
 */
@Component
class ReconciliationSchedule extends PeriodicPass {

	/** {@code cohort.gateway.reconciliation.*}. */
	@ConfigurationProperties("cohort.gateway.reconciliation")
	record Settings(@DefaultValue("6h") Duration interval) {
	}

	private final Reconciliations reconciliations;

	private final Settings settings;

	ReconciliationSchedule(Reconciliations reconciliations, Settings settings, ClusterLock lock) {
		super("reconciliation", settings.interval(), Duration.ofMinutes(5), lock);
		this.reconciliations = reconciliations;
		this.settings = settings;
	}

	@Override
	protected void scheduledPass() {
		reconciliations.scheduledPass(settings.interval());
	}

}
