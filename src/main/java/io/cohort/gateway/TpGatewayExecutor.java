package io.cohort.gateway;

import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobExecutor;
import io.cohort.jobs.JobOutcome;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobTarget;
import java.util.List;
import java.util.Optional;

import io.cohort.learners.LearnerManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Carries out TPGateway jobs with the tenant's own connection, handing each operation to
 * the handlers of its kind of record ({@link RunJobs}, {@link EnrolmentJobs},
 * {@link AttendanceJobs}, {@link AssessmentJobs}). TPGateway has no idempotency key, so a
 * create first searches for the record and adopts it when an earlier attempt reached the
 * gateway although its answer was lost. National ids are read at send time, through the
 * audited {@link LearnerManagement}, never stored in a job. The attempts of one claimed
 * batch share their reads ({@link BatchReads}).
 */
@Component
class TpGatewayExecutor implements JobTarget {

	private final GatewaySettingsManagement settings;

	private final RunJobs runs;

	private final EnrolmentJobs enrolments;

	private final AttendanceJobs attendance;

	private final AssessmentJobs assessments;

	private final JobQueue jobs;

	private final GatewayCancellations cancellations;

	private final GatewayReferences references;

	private final LearnerManagement learners;

	private final TpGatewayClients clients;

	TpGatewayExecutor(GatewaySettingsManagement settings, RunJobs runs, EnrolmentJobs enrolments,
			AttendanceJobs attendance, AssessmentJobs assessments, JobQueue jobs, GatewayCancellations cancellations,
			GatewayReferences references, LearnerManagement learners, TpGatewayClients clients) {
		this.settings = settings;
		this.runs = runs;
		this.enrolments = enrolments;
		this.attendance = attendance;
		this.assessments = assessments;
		this.jobs = jobs;
		this.cancellations = cancellations;
		this.references = references;
		this.learners = learners;
		this.clients = clients;
	}

	@Override
	public String name() {
		return GatewayOutbox.TARGET;
	}

	@Override
	public boolean creates(String operation) {
		return SyncOperation.find(operation).filter(SyncOperation::creates).isPresent();
	}

	@Override
	public Optional<String> mootAfterFailure(Job job) {
		return cancellations.mootAfterFailure(job);
	}

	@Override
	public void succeeded(Job job, @Nullable String reference) {
		cancellations.succeeded(job);
		references.succeeded(job, reference);
	}

	@Override
	public JobExecutor forBatch(List<Job> batch) {
		BatchReads reads = new BatchReads(batch, settings, jobs, learners);
		return job -> {
			JobOutcome outcome = execute(job, reads);
			reads.attempted(job, outcome);
			return outcome;
		};
	}

	private JobOutcome execute(Job job, BatchReads reads) {
		Optional<GatewaySettingsManagement.Versioned> connection = reads.connection(job.tenantId());
		if (connection.isEmpty()) {
			return new JobOutcome.Permanent("TPGateway is not switched on for this tenant");
		}
		TpGatewayClient client = clients.of(job.tenantId(), connection.get());
		String uen = connection.get().connection().uen();
		Optional<SyncOperation> known = SyncOperation.find(job.operation());
		if (known.isEmpty()) {
			return new JobOutcome.Permanent("Unknown operation " + job.operation());
		}
		return switch (known.get()) {
			case PUBLISH_RUN -> runs.publish(client, job, reads);
			case UPDATE_RUN -> runs.update(client, job, reads);
			case DELETE_RUN -> runs.delete(client, job, reads);
			case CREATE_ENROLMENT -> enrolments.create(client, uen, job, reads);
			case UPDATE_ENROLMENT -> enrolments.update(client, job, reads);
			case UPDATE_FEE_COLLECTION -> enrolments.updateFeeCollection(client, job, reads);
			case CANCEL_ENROLMENT -> enrolments.cancel(client, job, reads);
			case UPLOAD_ATTENDANCE -> attendance.upload(client, job, reads);
			case CREATE_ASSESSMENT -> assessments.create(client, uen, job, reads);
			case UPDATE_ASSESSMENT -> assessments.update(client, uen, job, reads);
			case VOID_ASSESSMENT -> assessments.voidIt(client, job, reads);
		};
	}

}
