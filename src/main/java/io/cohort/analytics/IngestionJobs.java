package io.cohort.analytics;

import java.util.List;

import io.cohort.identity.CurrentActor;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobExecutor;
import io.cohort.jobs.JobOutcome;
import io.cohort.jobs.JobTarget;
import io.cohort.system.CohortException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The outbound job queue's way into a failed ingestion: each attempt resumes the run's
 * ingestion from its cursor, so the queue adds backoff, a retry budget, a circuit breaker
 * and dead letters, not a second notion of progress. A source's 5xx, 429 or timeout is
 * retried; a refused token or a missing course is a dead letter for an ADMIN.
 */
@Component
class IngestionJobs implements JobTarget {

	private final IngestionManagement ingestion;

	IngestionJobs(IngestionManagement ingestion) {
		this.ingestion = ingestion;
	}

	@Override
	public String name() {
		return IngestionManagement.TARGET;
	}

	@Override
	public JobExecutor forBatch(List<Job> batch) {
		return this::execute;
	}

	@Override
	public boolean creates(String operation) {
		return false;
	}

	JobOutcome execute(Job job) {
		if (!IngestionManagement.OPERATION.equals(job.operation())) {
			return new JobOutcome.Permanent("Unknown operation " + job.operation());
		}
		try {
			IngestionManagement.Attempt attempt = CurrentActor.asSystem(job.tenantId(),
					() -> ingestion.resume(job.entityId(), job.createdAt()));
			IngestionManagement.IngestionView view = attempt.view();
			if ("DONE".equals(view.state())) {
				return new JobOutcome.Succeeded(view.pagesDone() + " pages, " + view.rowsChanged() + " rows changed");
			}
			String error = view.lastError() == null ? "The ingestion failed" : view.lastError();
			return attempt.retryable() ? new JobOutcome.Retryable(error, null) : new JobOutcome.Permanent(error);
		}
		catch (CohortException ex) {
			// another ingestion holds the run: try again later; anything else needs an
			// ADMIN
			return ex.status() == HttpStatus.CONFLICT ? new JobOutcome.Retryable(ex.getMessage(), null)
					: new JobOutcome.Permanent(ex.getMessage());
		}
	}

}
