package io.cohort.system;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the database whether it answers, within a bounded time: while PostgreSQL is down a
 * connection from the pool waits up to the pool's own timeout, so the check runs on a
 * thread of its own and the probe answers DOWN with the reason when it has not finished
 * within {@code patience}. At most one check is in flight: probes arriving meanwhile wait
 * for the same one, so a database that hangs costs one waiting thread, not one per probe.
 */
final class DatabaseProbe {

	private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

	/** The probe's answer: up, or down with the reason. */
	record Answer(boolean up, @Nullable String reason) {

		static final Answer UP = new Answer(true, null);

		static Answer down(String reason) {
			return new Answer(false, reason);
		}

	}

	private final DataSource dataSource;

	private final Duration patience;

	private @Nullable CompletableFuture<Answer> inFlight;

	DatabaseProbe(DataSource dataSource, Duration patience) {
		this.dataSource = dataSource;
		this.patience = patience;
	}

	/** Checks the database, waiting at most the probe's patience. */
	Answer check() {
		CompletableFuture<Answer> check = current();
		try {
			return check.get(patience.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return Answer.down("no answer from the database within " + patience.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Answer.down("interrupted");
		}
		catch (ExecutionException ex) {
			return Answer.down("the check failed (" + ex.getCause().getClass().getSimpleName() + ")");
		}
	}

	private synchronized CompletableFuture<Answer> current() {
		if (inFlight == null || inFlight.isDone()) {
			inFlight = CompletableFuture.supplyAsync(this::ask, runnable -> {
				Thread thread = new Thread(runnable, "database-probe");
				thread.setDaemon(true);
				thread.start();
			});
		}
		return inFlight;
	}

	private Answer ask() {
		try (Connection connection = dataSource.getConnection()) {
			return connection.isValid((int) Math.max(1, patience.toSeconds())) ? Answer.UP
					: Answer.down("the database connection is not valid");
		}
		catch (Exception ex) {
			log.warn("Readiness: the database does not answer", ex);
			return Answer.down("the database does not answer (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
