package io.cohort.gateway;

import java.time.Clock;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A job worker on the shared context's beans but with a clock of the test's own, so a test drives the
 * queue by hand (the context's own workers are off) and moves time past backoffs, leases and cool-downs.
 */
final class Workers {

	private Workers() {
	}

	static SyncWorker on(ApplicationContext context, Clock clock) {
		return new SyncWorker(context.getBean(SyncJobRepository.class), context.getBean(SyncJobSettings.class),
				context.getBean(RetryPolicies.class), context.getBean(CircuitBreaker.class), context,
				context.getBean(JobCancellations.class), context.getBean(PlatformTransactionManager.class), clock);
	}

}
