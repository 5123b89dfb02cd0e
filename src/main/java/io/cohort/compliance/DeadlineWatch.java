package io.cohort.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import io.cohort.system.ClusterLock;
import io.cohort.system.PeriodicPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The daily deadline pass ({@code cohort.compliance.deadlines.interval}, default 24 h; 0
 * switches it off, as the tests do, which call it themselves): for every tenant, records
 * each run's deadline states on the tenant's today and audits those that became DUE_SOON
 * or OVERDUE. One instance at a time runs it ({@link ClusterLock}); a change is recorded
 * once (see {@link ComplianceManagement#recordDeadlines}).
 */
@Component
class DeadlineWatch extends PeriodicPass {

	private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

	/** {@code cohort.compliance.deadlines.*}. */
	@ConfigurationProperties("cohort.compliance.deadlines")
	record Settings(@DefaultValue("24h") Duration interval) {
	}

	private final ComplianceManagement compliance;

	private final TenantManagement tenants;

	private final Clock clock;

	DeadlineWatch(ComplianceManagement compliance, TenantManagement tenants, Settings settings, Clock clock,
			ClusterLock lock) {
		super("deadline-watch", settings.interval(), Duration.ofMinutes(1), lock);
		this.compliance = compliance;
		this.tenants = tenants;
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
	protected void scheduledPass() {
		log.info("Deadline pass recorded {} change(s)", pass());
	}

}
