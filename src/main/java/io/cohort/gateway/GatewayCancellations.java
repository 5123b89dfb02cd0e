package io.cohort.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobCancellations;
import io.cohort.jobs.JobQueue;
import org.springframework.stereotype.Component;

/**
 * What a run's end means for TPGateway's jobs. Deleting a run on the gateway ends its
 * enrolments, so enrolment creations, updates and cancellations, attendance uploads and
 * assessments of the run that were not sent (or failed) are cancelled when the run is
 * cancelled, again when its deletion succeeds, and whenever one is written or fails
 * afterwards. Fee collection updates are kept: fees of an ended enrolment may still be
 * collected or refunded. The cancelling itself, with what waits for a cancelled job, is
 * {@link JobCancellations}'.
 */
@Component
class GatewayCancellations {

	/** The operations that cannot succeed once their run is deleted on the gateway. */
	private static final Set<String> ENDED_WITH_RUN = Arrays.stream(SyncOperation.values())
		.filter(SyncOperation::endedWithRun)
		.map(SyncOperation::name)
		.collect(Collectors.toUnmodifiableSet());

	static final String RUN_DELETED = "The run is deleted on TPGateway";

	private final JobQueue jobs;

	private final JobCancellations cancellations;

	GatewayCancellations(JobQueue jobs, JobCancellations cancellations) {
		this.jobs = jobs;
		this.cancellations = cancellations;
	}

	/**
	 * The run was cancelled in Cohort: its publication, if never attempted, and the run's
	 * changes not yet sent are cancelled, and so is every job of its records that its
	 * deletion on the gateway makes moot.
	 */
	void runCancelled(UUID tenant, UUID runId, String reason) {
		List<UUID> moot = new ArrayList<>(jobs.unfinishedOfRun(tenant, runId, ENDED_WITH_RUN));
		moot.addAll(jobs.unfinishedOfRun(tenant, runId, Set.of(SyncOperation.UPDATE_RUN.name())));
		jobs.unsent(tenant, runId, SyncOperation.PUBLISH_RUN.name()).ifPresent(moot::add);
		cancellations.cancel(tenant, moot, "The run was cancelled: " + reason);
	}

	/**
	 * After a job succeeded: a run's deletion cancels what is left of its records' jobs.
	 */
	void succeeded(Job job) {
		if (job.operation().equals(SyncOperation.DELETE_RUN.name())) {
			cancellations.cancel(job.tenantId(), jobs.unfinishedOfRun(job.tenantId(), job.entityId(), ENDED_WITH_RUN),
					RUN_DELETED);
		}
	}

	/**
	 * Why a failed attempt should end the job as CANCELLED rather than be retried or
	 * DEAD, if it should.
	 */
	Optional<String> mootAfterFailure(Job job) {
		if (!ENDED_WITH_RUN.contains(job.operation())) {
			return Optional.empty();
		}
		return jobs.runOf(job.tenantId(), job.id())
			.filter(run -> runDeleting(job.tenantId(), run))
			.map(run -> RUN_DELETED);
	}

	/**
	 * Why a job about to be written after {@code predecessor} could never succeed, if it
	 * could not.
	 */
	Optional<String> hopeless(UUID tenant, SyncOperation operation, JobCancellations.Predecessor predecessor,
			UUID runId) {
		return predecessor.hopeless()
			.or(() -> operation.endedWithRun() && runDeleting(tenant, runId) ? Optional.of(RUN_DELETED)
					: Optional.empty());
	}

	private boolean runDeleting(UUID tenant, UUID runId) {
		return jobs.anyLive(tenant, runId, SyncOperation.DELETE_RUN.name());
	}

}
