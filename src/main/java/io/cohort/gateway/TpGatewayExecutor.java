package io.cohort.gateway;

import java.util.List;
import java.util.Optional;

import io.cohort.learners.LearnerManagement;
import org.springframework.stereotype.Component;

/**
 * Carries out TPGateway jobs with the tenant's own connection, handing each operation to the handlers of
 * its kind of record ({@link RunJobs}, {@link EnrolmentJobs}, {@link AttendanceJobs},
 * {@link AssessmentJobs}). TPGateway has no idempotency key, so a create first searches for the record
 * and adopts it when an earlier attempt reached the gateway although its answer was lost. National ids
 * are read at send time, through the audited {@link LearnerManagement}, never stored in a job. The
 * attempts of one claimed batch share their reads ({@link BatchReads}).
 */
@Component
class TpGatewayExecutor implements SyncExecutor {

	private final GatewaySettingsManagement settings;

	private final RunJobs runs;

	private final EnrolmentJobs enrolments;

	private final AttendanceJobs attendance;

	private final AssessmentJobs assessments;

	private final SyncJobRepository jobs;

	private final LearnerManagement learners;

	private final TpGatewayClients clients;

	TpGatewayExecutor(GatewaySettingsManagement settings, RunJobs runs, EnrolmentJobs enrolments,
			AttendanceJobs attendance, AssessmentJobs assessments, SyncJobRepository jobs, LearnerManagement learners,
			TpGatewayClients clients) {
		this.settings = settings;
		this.runs = runs;
		this.enrolments = enrolments;
		this.attendance = attendance;
		this.assessments = assessments;
		this.jobs = jobs;
		this.learners = learners;
		this.clients = clients;
	}

	@Override
	public SyncOutcome execute(SyncJob job) {
		return forBatch(List.of(job)).execute(job);
	}

	@Override
	public SyncExecutor forBatch(List<SyncJob> batch) {
		BatchReads reads = new BatchReads(batch, settings, jobs, learners);
		return job -> {
			SyncOutcome outcome = execute(job, reads);
			reads.attempted(job, outcome);
			return outcome;
		};
	}

	private SyncOutcome execute(SyncJob job, BatchReads reads) {
		Optional<GatewaySettingsManagement.Versioned> connection = reads.connection(job.tenantId());
		if (connection.isEmpty()) {
			return new SyncOutcome.Permanent("TPGateway is not switched on for this tenant");
		}
		TpGatewayClient client = clients.of(job.tenantId(), connection.get());
		String uen = connection.get().connection().uen();
		return switch (job.operation()) {
			case GatewayOutbox.PUBLISH_RUN -> runs.publish(client, job, reads);
			case GatewayOutbox.UPDATE_RUN -> runs.update(client, job, reads);
			case GatewayOutbox.DELETE_RUN -> runs.delete(client, job, reads);
			case GatewayOutbox.CREATE_ENROLMENT -> enrolments.create(client, uen, job, reads);
			case GatewayOutbox.UPDATE_ENROLMENT -> enrolments.update(client, job, reads);
			case GatewayOutbox.UPDATE_FEE_COLLECTION -> enrolments.updateFeeCollection(client, job, reads);
			case GatewayOutbox.CANCEL_ENROLMENT -> enrolments.cancel(client, job, reads);
			case GatewayOutbox.UPLOAD_ATTENDANCE -> attendance.upload(client, job, reads);
			case GatewayOutbox.CREATE_ASSESSMENT -> assessments.create(client, uen, job, reads);
			case GatewayOutbox.UPDATE_ASSESSMENT -> assessments.update(client, uen, job, reads);
			case GatewayOutbox.VOID_ASSESSMENT -> assessments.voidIt(client, job, reads);
			default -> new SyncOutcome.Permanent("Unknown operation " + job.operation());
		};
	}

}
