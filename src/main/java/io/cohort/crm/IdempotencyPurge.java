package io.cohort.crm;

import java.time.Duration;

import io.cohort.system.ClusterLock;
import io.cohort.system.PeriodicPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes expired idempotency keys every {@code cohort.crm.purge-interval} (10 minutes by
 * default).
 */
@Component
class IdempotencyPurge extends PeriodicPass {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

	private final IdempotencyKeys keys;

	IdempotencyPurge(IdempotencyKeys keys, CrmSettings settings, ClusterLock lock) {
		super("crm-idempotency-purge", settings.purgeInterval(), Duration.ofMinutes(1), lock);
		this.keys = keys;
	}

	@Override
	protected void scheduledPass() {
		int purged = keys.purgeExpired();
		if (purged > 0) {
			log.info("Purged {} expired CRM idempotency keys", purged);
		}
	}

}
