package io.cohort.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Periodic passes on several schedulers (as on several instances, each with its own
 * {@link ClusterLock} on the shared database): a pass runs once per interval across them
 * all, never twice at a time, and runs again once its interval has passed.
 */
class ClusterLockIntegrationTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoSchedulersFiringTogetherRunAPassOncePerInterval() throws Exception {
		ClusterLock first = new ClusterLock(dataSource);
		ClusterLock second = new ClusterLock(dataSource);
		String pass = "pass-" + UUID.randomUUID();
		AtomicInteger runs = new AtomicInteger();
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService schedulers = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> ran = new ArrayList<>();
			for (ClusterLock scheduler : List.of(first, second)) {
				ran.add(schedulers.submit(() -> {
					int here = 0;
					for (int tick = 0; tick < 20; tick++) {
						together.await(10, TimeUnit.SECONDS);
						if (scheduler.runOnce(pass, Duration.ofHours(1), runs::incrementAndGet)) {
							here++;
						}
					}
					return here;
				}));
			}
			assertThat(ran.get(0).get(1, TimeUnit.MINUTES) + ran.get(1).get(1, TimeUnit.MINUTES)).isEqualTo(1);
		}
		finally {
			schedulers.shutdownNow();
		}
		assertThat(runs).hasValue(1);
	}

	@Test
	void aPassStillRunningOnOneSchedulerIsNotStartedOnAnotherEvenWhenItsSlotIsFree() throws Exception {
		ClusterLock first = new ClusterLock(dataSource);
		ClusterLock second = new ClusterLock(dataSource);
		String pass = "pass-" + UUID.randomUUID();
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		ExecutorService scheduler = Executors.newSingleThreadExecutor();
		try {
			Future<Boolean> long_ = scheduler.submit(() -> first.runOnce(pass, Duration.ZERO, () -> {
				running.countDown();
				await(finish);
			}));
			await(running);

			assertThat(second.runOnce(pass, Duration.ZERO, () -> {
			})).as("locked by the first scheduler").isFalse();

			finish.countDown();
			assertThat(long_.get(1, TimeUnit.MINUTES)).isTrue();
		}
		finally {
			scheduler.shutdownNow();
		}
		assertThat(second.runOnce(pass, Duration.ZERO, () -> {
		})).as("free again, and a zero interval's slot is always free").isTrue();
	}

	@Test
	void aPassRunsAgainOnAnySchedulerOnceItsIntervalHasPassed() {
		ClusterLock first = new ClusterLock(dataSource);
		ClusterLock second = new ClusterLock(dataSource);
		String pass = "pass-" + UUID.randomUUID();
		assertThat(first.runOnce(pass, Duration.ofMinutes(10), () -> {
		})).isTrue();
		assertThat(second.runOnce(pass, Duration.ofMinutes(10), () -> {
		})).isFalse();

		// as if the pass had started 9 minutes ago: 90% of the interval frees the slot
		jdbc.sql("UPDATE periodic_pass SET last_started_at = now() - interval '9 minutes' WHERE name = :name")
			.param("name", pass)
			.update();

		assertThat(second.runOnce(pass, Duration.ofMinutes(10), () -> {
		})).isTrue();
		assertThat(first.runOnce(pass, Duration.ofMinutes(10), () -> {
		})).isFalse();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
