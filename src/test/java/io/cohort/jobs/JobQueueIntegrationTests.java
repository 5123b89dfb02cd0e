package io.cohort.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cohort.IntegrationTest;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.testing.MovableClock;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobQueueIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JobQueue queue;

	@Autowired
	JobRepository repository;

	@Autowired
	JobSettings settings;

	@Autowired
	RetryPolicies policies;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	JdbcClient jdbc;

	MovableClock clock;

	ManualWorker worker;

	UUID tenant;

	CohortPrincipal ops;

	@BeforeEach
	void freshTenantAndClock() {
		Tenants.TestTenant test = new Tenants(tenantManagement).create("jobs");
		tenant = test.id();
		ops = test.as(Role.OPS);
		clock = new MovableClock(Instant.now().plus(Duration.ofDays(1))); // ahead of jobs
																			// other tests
																			// left behind
		worker = ManualWorker.on(context, clock, tenant);
	}

	@Test
	void aJobIsWrittenOnlyInsideTheTransactionOfItsChangeAndOncePerKey() {
		assertThatThrownBy(() -> queue.enqueue(job("run:1:publish", null)))
			.isInstanceOf(IllegalTransactionStateException.class);

		Job first = inTransaction(() -> queue.enqueue(job("run:1:publish", null)));
		Job again = inTransaction(() -> queue.enqueue(job("run:1:publish", null)));

		assertThat(again.id()).isEqualTo(first.id());
		assertThat(count("SELECT count(*) FROM sync_job WHERE tenant_id = :t", tenant)).isEqualTo(1);
	}

	@Test
	void aSuccessRecordsTheGatewayReferenceAndIsAudited() {
		Job job = inTransaction(() -> queue.enqueue(job("run:2:publish", null)));

		assertThat(worker.drainOnce("w1", 10, j -> new JobOutcome.Succeeded("223389"))).isEqualTo(1);

		Job done = Tenants.as(ops, () -> queue.get(job.id()));
		assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(done.reference()).isEqualTo("223389");
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'job.succeeded' AND entity_id = :id",
				job.id().toString()))
			.isEqualTo(1);
	}

	@Test
	void aWorkerScopedToATenantLeavesTheJobsOfOtherTenantsAlone() {
		Job mine = inTransaction(() -> queue.enqueue(job("run:9:publish", null)));
		tenant = new Tenants(tenantManagement).create("jobs-other").id();
		Job theirs = inTransaction(() -> queue.enqueue(job("run:9:publish", null)));

		assertThat(worker.drainOnce("w1", 10, j -> new JobOutcome.Succeeded("1"))).isEqualTo(1);

		assertThat(jdbc.sql("SELECT id, status FROM sync_job WHERE id IN (:ids)")
			.param("ids", List.of(mine.id(), theirs.id()))
			.query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("status")))
			.list()).containsExactlyInAnyOrder(Map.entry(mine.id(), "SUCCEEDED"), Map.entry(theirs.id(), "PENDING"));
	}

	@Test
	void aStoppingWorkerFinishesTheAttemptUnderWayAndHandsBackTheJobsItHasNotStarted() {
		List<Job> queued = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String key = "enrolment:stop" + i + ":create";
			queued.add(inTransaction(() -> queue.enqueue(job(key, null))));
		}
		List<UUID> attempted = new ArrayList<>();

		int claimed = worker.drainOnce("w1", 10, job -> {
			attempted.add(job.id());
			worker.stopping(); // SIGTERM arrives during the first attempt
			return new JobOutcome.Succeeded("ref-" + job.id());
		});

		assertThat(claimed).isEqualTo(5);
		assertThat(attempted).hasSize(1);
		for (Job job : queued) {
			Job now = Tenants.as(ops, () -> queue.get(job.id()));
			if (attempted.contains(job.id())) {
				assertThat(now.status()).isEqualTo(JobStatus.SUCCEEDED);
				assertThat(now.attempts()).isEqualTo(1);
			}
			else {
				assertThat(now.status()).as("handed back, due at once").isEqualTo(JobStatus.PENDING);
				assertThat(now.attempts()).isZero();
				assertThat(now.leaseUntil()).isNull();
				assertThat(now.nextAttemptAt()).isBeforeOrEqualTo(clock.instant());
			}
		}
		ManualWorker another = ManualWorker.on(context, clock, tenant);
		assertThat(another.drainOnce("w2", 10, j -> new JobOutcome.Succeeded("ok"))).as("taken at once by another")
			.isEqualTo(4);
	}

	@Test
	void retriesBackOffHonourRetryAfterAndEndDeadAfterTheLastAttempt() {
		Job job = inTransaction(() -> queue.enqueue(job("enrolment:3:create", null)));
		JobExecutor down = j -> new JobOutcome.Retryable("503 Service Unavailable", Duration.ofMinutes(5));

		worker.drainOnce("w1", 10, down);
		Job retrying = Tenants.as(ops, () -> queue.get(job.id()));
		assertThat(retrying.status()).isEqualTo(JobStatus.RETRYING);
		assertThat(retrying.nextAttemptAt())
			.isAfterOrEqualTo(clock.instant().plus(Duration.ofMinutes(5)).minusMillis(1));
		assertThat(worker.drainOnce("w1", 10, down)).as("not due yet").isZero();

		Instant givesUp = retrying.firstFailedAt().plus(settings.retryBudget());
		assertThat(retrying.firstFailedAt()).as("the budget counts from the first failure")
			.isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		for (int hour = 1; hour <= 30
				&& Tenants.as(ops, () -> queue.get(job.id())).status() != JobStatus.DEAD; hour++) {
			Job waiting = Tenants.as(ops, () -> queue.get(job.id()));
			assertThat(waiting.nextAttemptAt()).as("never later than the budget allows").isBeforeOrEqualTo(givesUp);
			clock.advance(Duration.ofHours(1));
			assertThat(worker.drainOnce("w1", 10, down)).isEqualTo(1);
		}
		Job dead = Tenants.as(ops, () -> queue.get(job.id()));
		assertThat(dead.status()).isEqualTo(JobStatus.DEAD);
		assertThat(dead.finishedAt()).as("given up once the budget had passed, not before")
			.isAfterOrEqualTo(givesUp)
			.isBefore(givesUp.plus(Duration.ofHours(1)));
		assertThat(dead.attempts()).as("patience is measured in time: far more than a handful of attempts")
			.isGreaterThanOrEqualTo(24);
		assertThat(dead.lastError()).startsWith("Gave up after " + dead.attempts() + " attempts over ")
			.endsWith(": 503 Service Unavailable");
	}

	@Test
	void theBackoffGrowsExponentiallyWithJitterUpToTheCap() {
		for (int attempt = 1; attempt <= 12; attempt++) {
			long expected = Math.min(settings.baseDelay().toMillis() << (attempt - 1), settings.maxDelay().toMillis());
			Duration delay = JobWorker.delay(policies.of(tenant), attempt, null);
			assertThat(delay.toMillis()).isBetween(expected / 2, expected);
		}
		assertThat(JobWorker.delay(policies.of(tenant), 1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void aPermanentErrorIsDeadAtOnceWithTheGatewaysMessageAndCanBeRetriedOrCancelled() {
		Job job = inTransaction(() -> queue.enqueue(job("assessment:4:create", null)));

		worker.drainOnce("w1", 10, j -> new JobOutcome.Permanent("trainee.idType: must be one of SP, SB, SO, FP, OT"));

		Job dead = Tenants.as(ops, () -> queue.get(job.id()));
		assertThat(dead.status()).isEqualTo(JobStatus.DEAD);
		assertThat(dead.attempts()).isEqualTo(1);
		assertThat(dead.lastError()).contains("idType");

		assertThat(Tenants.as(ops, () -> queue.retry(List.of(job.id())))).containsExactly(job.id());
		assertThat(Tenants.as(ops, () -> queue.get(job.id())).status()).isEqualTo(JobStatus.PENDING);
		assertThat(Tenants.as(ops, () -> queue.cancel(List.of(job.id())))).containsExactly(job.id());
		assertThat(Tenants.as(ops, () -> queue.get(job.id())).status()).isEqualTo(JobStatus.CANCELLED);
		assertThat(count(
				"SELECT count(*) FROM audit_event WHERE entity_id = :id AND action IN ('job.dead', 'job.retried', 'job.cancelled')",
				job.id().toString()))
			.isEqualTo(3);

		CohortPrincipal stranger = new Tenants(tenantManagement).create("other").as(Role.OPS);
		assertThat(Tenants.as(stranger, () -> queue.retry(List.of(job.id())))).isEmpty();
	}

	@Test
	void aJobWaitsUntilTheJobItDependsOnSucceeded() {
		Job run = inTransaction(() -> queue.enqueue(job("run:5:publish", null)));
		Job enrolment = inTransaction(() -> queue.enqueue(job("enrolment:5:create", run.id())));
		List<UUID> order = new ArrayList<>();
		JobExecutor recorder = j -> {
			order.add(j.id());
			return j.id().equals(run.id()) && order.size() == 1 ? new JobOutcome.Retryable("timeout", null)
					: new JobOutcome.Succeeded("ref");
		};

		worker.drainOnce("w1", 10, recorder);
		assertThat(order).containsExactly(run.id());
		clock.advance(Duration.ofMinutes(1));
		worker.drainOnce("w1", 10, recorder);
		worker.drainOnce("w1", 10, recorder);

		assertThat(order).containsExactly(run.id(), run.id(), enrolment.id());
	}

	@Test
	void aJobWhoseWorkerDiedIsTakenOverWhenItsLeaseRunsOutAndTheDeadWorkersLateAnswerIsIgnored() {
		Job job = inTransaction(() -> queue.enqueue(job("attendance:6:upload", null)));
		List<Job> claimedByDeadWorker = inTransaction(() -> repository.claim("dead-worker", 10, clock.instant(),
				clock.instant().plus(settings.lease()), new WorkerScope(Set.of(tenant))));
		assertThat(claimedByDeadWorker).extracting(Job::id).containsExactly(job.id());
		assertThat(worker.drainOnce("w2", 10, j -> new JobOutcome.Succeeded("x"))).as("lease still held").isZero();

		clock.advance(settings.lease().plusSeconds(1));
		assertThat(worker.drainOnce("w2", 10, j -> new JobOutcome.Succeeded("taken-over"))).isEqualTo(1);
		boolean lateAnswerWritten = inTransaction(() -> repository.finish(job.id(), "dead-worker", JobStatus.DEAD,
				"late", null, clock.instant(), clock.instant()));

		assertThat(lateAnswerWritten).isFalse();
		Job done = Tenants.as(ops, () -> queue.get(job.id()));
		assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(done.reference()).isEqualTo("taken-over");
		assertThat(done.attempts()).isEqualTo(2);
	}

	@Test
	void workersDrainingTogetherRunEveryJobExactlyOnce() throws Exception {
		int count = 300;
		inTransaction(() -> {
			for (int i = 0; i < count; i++) {
				queue.enqueue(job("attendance:" + i + ":bulk", null));
			}
			return null;
		});
		Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
		JobExecutor counting = j -> {
			runs.computeIfAbsent(j.id(), id -> new AtomicInteger()).incrementAndGet();
			return new JobOutcome.Succeeded(null);
		};
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			String name = "w" + w;
			workers.add(pool.submit(() -> {
				start.await();
				while (worker.drainOnce(name, 7, counting) > 0) {
					// keep draining until nothing is due
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> f : workers) {
			f.get(120, TimeUnit.SECONDS);
		}
		pool.shutdown();

		assertThat(runs).hasSize(count);
		assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
		assertThat(count("SELECT count(*) FROM sync_job WHERE tenant_id = :t AND status = 'SUCCEEDED'", tenant))
			.isEqualTo(count);
	}

	private JobQueue.NewJob job(String key, UUID waitsFor) {
		return new JobQueue.NewJob(tenant, "TEST", key.split(":")[2].toUpperCase(), key.split(":")[0],
				UUID.nameUUIDFromBytes((tenant + key).getBytes()), key, "{\"key\":\"" + key + "\"}", waitsFor, null);
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return new TransactionTemplate(transactions).execute(status -> work.get());
	}

	private long count(String sql, Object param) {
		String name = sql.contains(":t") ? "t" : "id";
		return jdbc.sql(sql).param(name, param).query(Long.class).single();
	}

}
