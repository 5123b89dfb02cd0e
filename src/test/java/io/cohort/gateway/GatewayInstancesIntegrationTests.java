package io.cohort.gateway;

import io.cohort.jobs.ManualWorker;
import io.cohort.jobs.JobExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.cohort.gateway.simulator.RecordCalls;
import io.cohort.gateway.simulator.SimulatedCall;
import io.cohort.gateway.simulator.SimulatedEnrolment;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.system.Installation;
import io.cohort.testing.AppProcess;
import io.cohort.testing.ApiIntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cohort as separate processes on the test's database: a second instance shares the
 * outbound jobs with this one and no job runs twice, and an instance killed mid-job
 * leaves a job that its restart completes once. The gateway is the simulator of this test
 * JVM, which the child reaches over HTTP and which outlives it. An instance stopped with
 * SIGTERM exits 0 and leaves no job RUNNING: the attempt under way is finished and
 * recorded, the jobs it claimed but had not started are handed back and then drained once
 * by another worker. Children log to {@code target/processes/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayInstancesIntegrationTests extends ApiIntegrationTest {

	@Autowired
	TpGatewayExecutor executor;

	@Autowired
	ApplicationContext context;

	/**
	 * The lease of the instance killed mid-job: short, so that its restart takes the job
	 * over soon.
	 */
	static final Duration LEASE = Duration.ofSeconds(15);

	/**
	 * The lease of both instances sharing the jobs: far longer than the whole test, so
	 * that no lease runs out however loaded the machine (a job taken over after its lease
	 * ran out is attempted twice by design). A job attempted twice then means that two
	 * instances claimed it at once. GH-15: with 15 s leases, a load of 24–37 made calls
	 * slow enough for 11 and 18 jobs to be taken over.
	 */
	static final Duration LEASE_OUTLASTING_THE_TEST = Duration.ofMinutes(30);

	static final Duration STARTUP = Duration.ofMinutes(3);

	/**
	 * The attempt under way (5 s here) and Spring's graceful shutdown fit well inside.
	 */
	static final Duration STOP = Duration.ofMinutes(1);

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	Installation installation;

	@Autowired
	TpGatewaySimulator simulator;

	AppProcess child;

	/** The lease {@link #child} was started with. */
	Duration childLease = LEASE;

	int generation;

	@AfterAll
	void killChild() {
		if (child != null) {
			child.close();
		}
	}

	@Test
	@Order(1)
	void twoInstancesShareTheJobsAndNoJobRunsTwiceOrTwoAtOnce() throws Exception {
		runningChild(LEASE_OUTLASTING_THE_TEST);
		GatewayBacklog backlog = new GatewayBacklog(api, simulator, 30_000);
		Set<UUID> ranHere = ConcurrentHashMap.newKeySet();
		JobExecutor counting = job -> {
			ranHere.add(job.id());
			return executor.forBatch(List.of(job)).execute(job);
		};
		ManualWorker worker = ManualWorker.on(context, Clock.systemUTC(), LEASE_OUTLASTING_THE_TEST,
				backlog.tenantId());
		AtomicBoolean done = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<?>> workers = new ArrayList<>();
		int runs = 2;
		int learners = 150;
		try {
			for (int w = 0; w < 2; w++) {
				String name = "test-jvm-" + w;
				workers.add(pool.submit(() -> {
					while (!done.get()) {
						if (worker.drainOnce(name, 10, counting) == 0) {
							LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll,
																					// as
																					// the
																					// instance's
																					// workers
																					// do
						}
					}
					return null;
				}));
			}
			// both instances drain while the records arrive: each enrolment waits for its
			// run, each run's
			// attendance for its enrolments, then all of a run's uploads are due at once
			for (GatewayBacklog.Run run : backlog.runs(runs, learners, 1)) {
				backlog.enrol(run, learners, true);
			}
			await("the backlog drained").atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> backlog.open(jdbc) == 0);
		}
		finally {
			done.set(true);
			for (Future<?> future : workers) {
				future.get(1, TimeUnit.MINUTES);
			}
			pool.shutdownNow();
		}

		int total = runs + 2 * runs * learners;
		assertThat(backlog.statuses(jdbc)).isEqualTo(Map.of("SUCCEEDED", (long) total));
		assertThat(jdbc.sql("SELECT count(*) FROM sync_job WHERE tenant_id = :t AND attempts <> 1")
			.param("t", backlog.tenantId())
			.query(Long.class)
			.single()).as("every job was claimed exactly once (no lease ran out: only a double claim repeats one)")
			.isZero();
		assertThat(ranHere).as("this instance ran some of the jobs").isNotEmpty();
		assertThat(ranHere.size()).as("the other instance ran the rest").isLessThan(total);
		List<SimulatedEnrolment> enrolments = simulator.enrolments(backlog.provider.uen());
		assertThat(enrolments).hasSize(runs * learners);
		Map<String, RecordCalls> calls = simulator.recordCalls(backlog.provider.uen());
		assertThat(calls).hasSize(2 * runs * learners);
		calls.forEach((record, seen) -> {
			assertThat(seen.mostAtOnce()).as("calls about %s at one moment", record).isEqualTo(1);
			assertThat(seen.calls()).as("calls about %s", record).isEqualTo(record.startsWith("enrolment:") ? 2 : 1);
		});
	}

	@Test
	@Order(2)
	void anInstanceKilledMidJobLeavesTheJobToItsRestartWhichCompletesItOnce() {
		GatewayBacklog backlog = new GatewayBacklog(api, simulator, 30_000);
		// the gateway applies the create, then holds its answer (shorter than the lease)
		// while the instance waits
		simulator.stallAfterApplyingNext(backlog.provider.uen(), SimulatedCall.CREATE_ENROLMENT,
				Duration.ofSeconds(10));
		runningChild(LEASE);
		backlog.enrol(backlog.runs(1, 10, 1).get(0), 1, false);
		await("the child is inside the create").atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> simulator.enrolments(backlog.provider.uen()).size() == 1
					&& "RUNNING".equals(enrolmentJob(backlog).get("status")));
		Map<String, Object> stuck = enrolmentJob(backlog);
		assertThat(stuck.get("leased_by")).asString().doesNotStartWith("test-jvm");

		child.kill();
		assertThat(enrolmentJob(backlog)).as("the dead instance's job is still RUNNING under its lease")
			.containsEntry("status", "RUNNING");
		runningChild(LEASE);

		await("the restarted instance completed the job").atMost(LEASE.plus(Duration.ofMinutes(1)))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "SUCCEEDED".equals(enrolmentJob(backlog).get("status")));
		Map<String, Object> done = enrolmentJob(backlog);
		assertThat(done.get("attempts")).isEqualTo(2);
		List<SimulatedEnrolment> enrolments = simulator.enrolments(backlog.provider.uen());
		assertThat(enrolments).singleElement()
			.satisfies(e -> assertThat(e.referenceNumber()).isEqualTo(done.get("gateway_reference")));
		assertThat(simulator.recordCalls(backlog.provider.uen()).values()).singleElement()
			.as("search and create by the killed instance; one search, finding it, by its restart")
			.isEqualTo(new RecordCalls(3, 1));
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'job.succeeded' AND entity_id = :id")
			.param("id", done.get("id").toString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	@Order(3)
	void anInstanceStoppedWithSigtermFinishesItsAttemptHandsBackItsClaimedJobsAndExitsZero() { // GH-15
		if (child != null && child.alive()) {
			// no instance while the backlog is written, so that one batch claims it
			assertThat(child.terminate(STOP)).isZero();
		}
		int learners = 20;
		GatewayBacklog backlog = new GatewayBacklog(api, simulator, 30_000);
		backlog.enrol(backlog.runs(1, learners, 1).get(0), learners, false);
		// the first enrolment the instance creates is applied, and its answer held: it is
		// in flight, the rest of its batch claimed and waiting, when SIGTERM arrives
		simulator.stallAfterApplyingNext(backlog.provider.uen(), SimulatedCall.CREATE_ENROLMENT, Duration.ofSeconds(5));
		runningChild(LEASE);
		await("the instance is inside a create, with more jobs claimed").atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> simulator.enrolments(backlog.provider.uen()).size() == 1
					&& jobs(backlog, "RUNNING").size() > 1);
		List<Map<String, Object>> claimed = jobs(backlog, "RUNNING");

		assertThat(child.terminate(STOP)).as("exit code after SIGTERM").isZero();

		assertThat(jobs(backlog, "RUNNING")).as("left RUNNING").isEmpty();
		Map<String, Map<String, Object>> after = new HashMap<>();
		jobs(backlog, "SUCCEEDED", "PENDING").forEach(job -> after.put(job.get("id").toString(), job));
		assertThat(after).as("none lost, none dead or retrying").hasSize(1 + learners);
		List<Map<String, Object>> handedBack = claimed.stream()
			.map(job -> after.get(job.get("id").toString()))
			.filter(job -> "PENDING".equals(job.get("status")))
			.toList();
		assertThat(handedBack).as("claimed but not started: handed back, due at once, attempt not counted")
			.isNotEmpty()
			.allSatisfy(job -> {
				assertThat(job.get("attempts")).isEqualTo(0);
				assertThat(job.get("leased_by")).isNull();
			});
		assertThat(claimed).as("the attempt under way finished and was recorded")
			.anySatisfy(job -> assertThat(after.get(job.get("id").toString())).containsEntry("status", "SUCCEEDED")
				.containsEntry("attempts", 1));

		// another worker (this JVM's) drains what was handed back, at once
		ManualWorker worker = ManualWorker.on(context, Clock.systemUTC(), backlog.tenantId());
		while (worker.drainOnce("test-jvm-after-stop", 50) > 0) {
			// until none is due
		}
		assertThat(backlog.statuses(jdbc)).isEqualTo(Map.of("SUCCEEDED", 1L + learners));
		assertThat(jdbc.sql("SELECT count(*) FROM sync_job WHERE tenant_id = :t AND attempts <> 1")
			.param("t", backlog.tenantId())
			.query(Long.class)
			.single()).as("every job attempted exactly once").isZero();
		assertThat(simulator.enrolments(backlog.provider.uen())).as("each enrolment created once at the gateway")
			.hasSize(learners);
		assertThat(simulator.recordCalls(backlog.provider.uen()).values())
			.allSatisfy(calls -> assertThat(calls.mostAtOnce()).isEqualTo(1));
	}

	private List<Map<String, Object>> jobs(GatewayBacklog backlog, String... statuses) {
		return jdbc.sql("""
				SELECT id, status, attempts, leased_by FROM sync_job
				WHERE tenant_id = :t AND status IN (:statuses)""")
			.param("t", backlog.tenantId())
			.param("statuses", List.of(statuses))
			.query()
			.listOfRows();
	}

	private Map<String, Object> enrolmentJob(GatewayBacklog backlog) {
		return jdbc.sql("""
				SELECT id, status, attempts, leased_by, gateway_reference FROM sync_job
				WHERE tenant_id = :t AND operation = 'CREATE_ENROLMENT'""")
			.param("t", backlog.tenantId())
			.query()
			.singleRow();
	}

	/**
	 * The child instance with leases of {@code lease}, started (again) if it is not
	 * running, or stopped and started again if it runs with another lease.
	 */
	private AppProcess runningChild(Duration lease) {
		if (child != null && child.alive() && !childLease.equals(lease)) {
			assertThat(child.terminate(STOP)).as("exit code after SIGTERM").isZero();
		}
		if (child == null || !child.alive()) {
			childLease = lease;
			child = AppProcess.start("instance-" + (++generation),
					Map.ofEntries(
							Map.entry("COHORT_DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/cohort"),
							Map.entry("COHORT_DB_USER", "cohort_app"),
							Map.entry("COHORT_DB_MIGRATION_USER", "postgres"), Map.entry("COHORT_DB_POOL_SIZE", "8"),
							Map.entry("COHORT_JWT_SECRET", Base64.getEncoder().encodeToString(installation.jwtKey())),
							Map.entry("COHORT_PII_KEY", Base64.getEncoder().encodeToString(installation.piiKey())),
							Map.entry("COHORT_DATA_DIR", "target/processes/data-" + generation),
							Map.entry("COHORT_PUBLIC_URL", "http://localhost"), Map.entry("COHORT_JOBS_WORKERS", "4"),
							Map.entry("COHORT_JOBS_LEASE", lease.toSeconds() + "s"),
							Map.entry("COHORT_JOBS_POLL_INTERVAL", "100ms"),
							Map.entry("COHORT_GATEWAY_SIMULATOR_ENABLED", "false"),
							// an external database means production defaults; the
							// simulator here listens on localhost
							Map.entry("COHORT_OUTBOUND_ALLOW_PRIVATE", "true")),
					STARTUP);
		}
		return child;
	}

}
