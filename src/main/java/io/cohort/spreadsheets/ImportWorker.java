package io.cohort.spreadsheets;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes import jobs on a small pool of background threads, as the user who submitted
 * them. Each row is its own transaction: it is locked, handled and its outcome recorded
 * with the job's counts in one commit, so progress is visible row by row, a bad row never
 * blocks the rest, and a row is processed once even when two instances resume the same
 * job.
 */
@Component
class ImportWorker implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

	private static final int THREADS = 2;

	private static final int BATCH = 200;

	private final ImportRepository imports;

	private final Map<ImportKind, RowHandler> handlers = new EnumMap<>(ImportKind.class);

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS,
			new CustomizableThreadFactory("import-"));

	private final Map<UUID, CompletableFuture<ImportJobView>> running = new ConcurrentHashMap<>();

	ImportWorker(ImportRepository imports, List<RowHandler> handlers, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.imports = imports;
		handlers.forEach(handler -> this.handlers.put(handler.kind(), handler));
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/** A processed row, and whether its outcome is recorded already. */
	private record Attempt(RowHandler.Result result, boolean recorded) {
	}

	/**
	 * Processes a job in the background as the caller of the given security context.
	 * @return completes with the job once it is done or failed; cancelled when the
	 * instance shuts down first (the job then resumes on the next start)
	 */
	CompletableFuture<ImportJobView> dispatch(UUID job, SecurityContext caller, String correlationId) {
		CompletableFuture<ImportJobView> done = new CompletableFuture<>();
		CompletableFuture<ImportJobView> already = running.putIfAbsent(job, done);
		if (already != null) {
			return already;
		}
		try {
			executor.execute(new DelegatingSecurityContextRunnable(() -> run(job, done, correlationId), caller));
		}
		catch (RejectedExecutionException ex) {
			running.remove(job);
			done.cancel(false);
		}
		return done;
	}

	/** The completion of a job this instance is processing. */
	Optional<CompletableFuture<ImportJobView>> running(UUID job) {
		return Optional.ofNullable(running.get(job));
	}

	private void run(UUID job, CompletableFuture<ImportJobView> done, String correlationId) {
		MDC.put(RequestMetadata.MDC_KEY, correlationId);
		UUID tenant = CurrentActor.tenantId();
		try {
			ImportJobView result = process(tenant, job);
			running.remove(job);
			if (result == null) {
				done.cancel(false);
			}
			else {
				done.complete(result);
			}
		}
		catch (RuntimeException ex) {
			running.remove(job);
			if (executor.isShutdown()) {
				log.info("Import job {} stopped by the shutdown; it resumes on the next start", job);
				done.cancel(false);
				return;
			}
			log.error("Import job {} failed", job, ex);
			try {
				imports.fail(tenant, job, "The import stopped unexpectedly; upload the remaining rows again", now());
				done.complete(imports.find(tenant, job).orElseThrow());
			}
			catch (RuntimeException again) {
				ex.addSuppressed(again);
				done.completeExceptionally(ex);
			}
		}
		finally {
			MDC.remove(RequestMetadata.MDC_KEY);
		}
	}

	/**
	 * Processes every pending row; answers the finished job, or nothing when interrupted
	 * by a shutdown.
	 */
	private @Nullable ImportJobView process(UUID tenant, UUID id) {
		imports.start(tenant, id, now());
		ImportJobView job = imports.find(tenant, id).orElseThrow();
		if (job.status().finished()) {
			return job;
		}
		RowHandler handler = handlers.get(job.kind());
		int after = 0;
		for (List<ImportRepository.Pending> batch = imports.pending(tenant, id, after, BATCH); !batch
			.isEmpty(); batch = imports.pending(tenant, id, after, BATCH)) {
			for (ImportRepository.Pending row : batch) {
				if (Thread.currentThread().isInterrupted()) {
					return null;
				}
				process(tenant, job, handler, row);
				after = row.number();
			}
		}
		transactions.executeWithoutResult(status -> {
			if (imports.finish(tenant, id, now())) {
				ImportJobView finished = imports.find(tenant, id).orElseThrow();
				Map<String, Object> counts = new LinkedHashMap<>();
				counts.put("file_name", finished.fileName());
				counts.put("total_rows", finished.totalRows());
				counts.put("created", finished.created());
				counts.put("duplicates", finished.duplicates());
				counts.put("invalid", finished.invalid());
				counts.put("skipped", finished.skipped());
				events.publishEvent(AuditFact.of(tenant, "import.completed", "import_job", id, counts));
			}
		});
		return imports.find(tenant, id).orElseThrow();
	}

	private void process(UUID tenant, ImportJobView job, RowHandler handler, ImportRepository.Pending row) {
		Attempt attempt;
		if (row.parseError() != null) {
			attempt = new Attempt(new RowHandler.Result(RowOutcome.INVALID, "row: " + row.parseError(), null), false);
		}
		else if (row.values().values().stream().allMatch(String::isEmpty)) {
			attempt = new Attempt(new RowHandler.Result(RowOutcome.SKIPPED, "The row is blank", null), false);
		}
		else {
			try {
				attempt = transactions.execute(status -> {
					if (!imports.claim(tenant, job.id(), row.number())) {
						return null;
					}
					try {
						RowHandler.Result result = handler.handle(job, row.values());
						imports.record(tenant, job.id(), row, result, now());
						return new Attempt(result, true);
					}
					catch (CohortException ex) {
						status.setRollbackOnly();
						return new Attempt(handler.failed(ex), false);
					}
				});
			}
			catch (RuntimeException ex) {
				if (Thread.currentThread().isInterrupted()) {
					throw ex;
				}
				log.error("Row {} of import job {} could not be processed", row.number(), job.id(), ex);
				attempt = new Attempt(new RowHandler.Result(RowOutcome.INVALID,
						"internal-error: the row could not be processed; import it again", null), false);
			}
		}
		if (attempt != null && !attempt.recorded()) {
			RowHandler.Result result = attempt.result();
			transactions.executeWithoutResult(status -> imports.record(tenant, job.id(), row, result, now()));
		}
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	@Override
	public void destroy() throws InterruptedException {
		executor.shutdownNow();
		executor.awaitTermination(10, TimeUnit.SECONDS);
	}

}
