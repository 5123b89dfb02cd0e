package io.cohort.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A job worker on the shared context's beans but with a clock of the test's own, so a
 * test drives the queue by hand (the context's own workers are off) and moves time past
 * backoffs, leases and cool-downs.
 */
public final class ManualWorker {

	private final JobWorker worker;

	private final JobTargets targets;

	private ManualWorker(JobWorker worker, JobTargets targets) {
		this.worker = worker;
		this.targets = targets;
	}

	/**
	 * A worker that claims only the jobs of {@code tenants}: jobs other tests left in the
	 * shared database stay as they are.
	 */
	public static ManualWorker on(ApplicationContext context, Clock clock, UUID... tenants) {
		return on(context, clock, context.getBean(JobSettings.class).lease(), tenants);
	}

	/**
	 * The same, with leases of {@code lease} instead of the context's: a test whose
	 * workers must never lose a job to lease expiry, however slow the machine.
	 */
	public static ManualWorker on(ApplicationContext context, Clock clock, Duration lease, UUID... tenants) {
		JobSettings shared = context.getBean(JobSettings.class);
		JobSettings settings = new JobSettings(shared.baseDelay(), shared.maxDelay(), shared.retryBudget(), lease,
				shared.workers(), shared.pollInterval(), shared.breakerFailures(), shared.breakerCoolDown());
		JobTargets targets = context.getBean(JobTargets.class);
		return new ManualWorker(new JobWorker(context.getBean(JobRepository.class), settings,
				context.getBean(RetryPolicies.class), context.getBean(CircuitBreaker.class), context,
				context.getBean(JobCancellations.class), targets, context.getBean(PlatformTransactionManager.class),
				clock, new WorkerScope(Set.of(tenants)), context.getBeanProvider(RecordDeadlines.class)), targets);
	}

	/**
	 * Claims and runs up to {@code batch} due jobs as {@code name} through their targets;
	 * how many it claimed.
	 */
	public int drainOnce(String name, int batch) {
		return worker.drainOnce(name, batch, targets::forBatch);
	}

	/**
	 * The same, with every attempt made by {@code executor} instead of the jobs' targets.
	 */
	public int drainOnce(String name, int batch, JobExecutor executor) {
		return worker.drainOnce(name, batch, claimed -> executor);
	}

	/**
	 * As when the instance is sent SIGTERM: the attempt under way finishes and the rest
	 * of the batch is handed back.
	 */
	public void stopping() {
		worker.stopping();
	}

}
