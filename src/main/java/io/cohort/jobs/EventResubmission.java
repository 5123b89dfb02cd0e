package io.cohort.jobs;

import java.time.Duration;

import io.cohort.system.ClusterLock;
import io.cohort.system.PeriodicPass;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Resubmits the incomplete event publications (a durable listener that failed, or an
 * instance that died before its listeners ran) every
 * {@code cohort.events.resubmit-interval} (5 minutes by default; 0 off).
 */
@Component
class EventResubmission extends PeriodicPass {

	private final EventPublications publications;

	EventResubmission(EventPublications publications, @Value("${cohort.events.resubmit-interval:5m}") Duration interval,
			ClusterLock lock) {
		super("event-resubmission", interval, Duration.ofMinutes(1), lock);
		this.publications = publications;
	}

	@Override
	protected void scheduledPass() {
		publications.resubmitStale();
	}

}
