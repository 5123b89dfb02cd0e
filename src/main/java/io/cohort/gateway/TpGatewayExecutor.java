package io.cohort.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cohort.learners.LearnerManagement;
import org.springframework.stereotype.Component;

/**
 * Carries out TPGateway jobs with the tenant's own connection, handing each operation to the handlers of
 * its kind of record ({@link RunJobs}, {@link EnrolmentJobs}, {@link AttendanceJobs},
 * {@link AssessmentJobs}). TPGateway has no idempotency key, so a create first searches for the record
 * and adopts it when an earlier attempt reached the gateway although its answer was lost. National ids
 * are read at send time, through the audited {@link LearnerManagement#nationalIdForSubmission}, never
 * stored in a job.
 */
@Component
class TpGatewayExecutor implements SyncExecutor {

	private final GatewaySettingsManagement settings;

	private final RunJobs runs;

	private final EnrolmentJobs enrolments;

	private final AttendanceJobs attendance;

	private final AssessmentJobs assessments;

	private final Clock clock;

	private final Map<UUID, CachedClient> clients = new ConcurrentHashMap<>();

	/** A client and the settings version it was built from (it keeps its OAuth token). */
	private record CachedClient(Instant version, TpGatewayClient client) {
	}

	TpGatewayExecutor(GatewaySettingsManagement settings, RunJobs runs, EnrolmentJobs enrolments,
			AttendanceJobs attendance, AssessmentJobs assessments, Clock clock) {
		this.settings = settings;
		this.runs = runs;
		this.enrolments = enrolments;
		this.attendance = attendance;
		this.assessments = assessments;
		this.clock = clock;
	}

	@Override
	public SyncOutcome execute(SyncJob job) {
		Optional<GatewaySettingsManagement.Versioned> connection = settings.connection(job.tenantId());
		if (connection.isEmpty()) {
			return new SyncOutcome.Permanent("TPGateway is not switched on for this tenant");
		}
		TpGatewayClient client = clients
			.compute(job.tenantId(), (tenant, cached) -> cached != null && cached.version().equals(connection.get().version())
					? cached : new CachedClient(connection.get().version(), new TpGatewayClient(connection.get().connection(), clock)))
			.client();
		String uen = connection.get().connection().uen();
		return switch (job.operation()) {
			case GatewayOutbox.PUBLISH_RUN -> runs.publish(client, job);
			case GatewayOutbox.UPDATE_RUN -> runs.update(client, job);
			case GatewayOutbox.DELETE_RUN -> runs.delete(client, job);
			case GatewayOutbox.CREATE_ENROLMENT -> enrolments.create(client, uen, job);
			case GatewayOutbox.UPDATE_ENROLMENT -> enrolments.update(client, job);
			case GatewayOutbox.UPDATE_FEE_COLLECTION -> enrolments.updateFeeCollection(client, job);
			case GatewayOutbox.CANCEL_ENROLMENT -> enrolments.cancel(client, job);
			case GatewayOutbox.UPLOAD_ATTENDANCE -> attendance.upload(client, job);
			case GatewayOutbox.CREATE_ASSESSMENT -> assessments.create(client, uen, job);
			case GatewayOutbox.UPDATE_ASSESSMENT -> assessments.update(client, uen, job);
			case GatewayOutbox.VOID_ASSESSMENT -> assessments.voidIt(client, job);
			default -> new SyncOutcome.Permanent("Unknown operation " + job.operation());
		};
	}

}
