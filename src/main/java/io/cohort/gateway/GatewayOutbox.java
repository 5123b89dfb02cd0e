package io.cohort.gateway;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobCancellations;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes TPGateway jobs in the transaction of the change that causes them, for tenants that have the
 * gateway switched on. The listeners per kind of record ({@link RunOutbox}, {@link EnrolmentOutbox},
 * {@link AttendanceOutbox}, {@link AssessmentOutbox}) decide what to send; this class names the
 * operations and keeps each record's jobs in order: a record's first job waits for the record it
 * belongs to (an enrolment for its run's publication), every later one for the record's previous job,
 * so changes reach the gateway in the order they were made. The domain facades lock the record they
 * change, so two changes of one record never read the same previous job. Payloads are snapshots without
 * national ids: the worker reads those, audited, when it sends.
 */
@Component
class GatewayOutbox {

	static final String TARGET = TpGateway.TARGET;

	static final String PUBLISH_RUN = "PUBLISH_RUN";

	static final String UPDATE_RUN = "UPDATE_RUN";

	static final String DELETE_RUN = "DELETE_RUN";

	static final String CREATE_ENROLMENT = "CREATE_ENROLMENT";

	static final String UPDATE_ENROLMENT = "UPDATE_ENROLMENT";

	static final String UPDATE_FEE_COLLECTION = "UPDATE_FEE_COLLECTION";

	static final String CANCEL_ENROLMENT = "CANCEL_ENROLMENT";

	static final String UPLOAD_ATTENDANCE = "UPLOAD_ATTENDANCE";

	static final String CREATE_ASSESSMENT = "CREATE_ASSESSMENT";

	static final String UPDATE_ASSESSMENT = "UPDATE_ASSESSMENT";

	static final String VOID_ASSESSMENT = "VOID_ASSESSMENT";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final GatewaySettingsManagement settings;

	private final JobQueue queue;

	private final JobCancellations cancellations;

	private final GatewayCancellations gatewayCancellations;

	GatewayOutbox(GatewaySettingsManagement settings, JobQueue queue, JobCancellations cancellations,
			GatewayCancellations gatewayCancellations) {
		this.settings = settings;
		this.queue = queue;
		this.cancellations = cancellations;
		this.gatewayCancellations = gatewayCancellations;
	}

	static String runKey(UUID runId) {
		return "run:" + runId + ":publish";
	}

	static String enrolmentKey(UUID enrolmentId) {
		return "enrolment:" + enrolmentId + ":create";
	}

	boolean enabled(UUID tenant) {
		return settings.enabled(tenant);
	}

	Optional<Job> byKey(UUID tenant, String key) {
		return queue.byKey(tenant, key);
	}

	/** The jobs written so far for one record, oldest first. */
	History history(UUID tenant, String entityType, UUID entityId) {
		return new History(queue.ofEntity(tenant, entityType, entityId));
	}

	/**
	 * Writes a job in the caller's transaction; {@code payload} is turned into its JSON snapshot. A job that
	 * would wait for a cancelled change waits for the job before it; one that could never succeed (it waits
	 * for a cancelled creation, or its run is being deleted on the gateway) is written and cancelled at once,
	 * with the reason.
	 */
	void enqueue(UUID tenant, String operation, String entityType, UUID entityId, String key, Object payload,
			@Nullable UUID waitsFor, UUID runId) {
		JobCancellations.Predecessor after = cancellations.predecessor(tenant, waitsFor);
		Job job = queue.enqueue(new JobQueue.NewJob(tenant, TARGET, operation, entityType, entityId, key,
				payload instanceof String json ? json : JSON.writeValueAsString(payload), after.id(), runId));
		gatewayCancellations.hopeless(tenant, operation, after, runId)
			.ifPresent(reason -> cancellations.cancel(tenant, List.of(job.id()), reason));
	}

	/** The run was cancelled: drops what of it and its records need not or cannot be sent any more. */
	void runCancelled(UUID tenant, UUID runId, String reason) {
		gatewayCancellations.runCancelled(tenant, runId, reason);
	}

	/** A record's jobs, oldest first. */
	record History(List<Job> jobs) {

		Optional<Job> latest() {
			return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(jobs.size() - 1));
		}

		/** How many jobs the record has had: numbers its changes, so each change's key is its own. */
		int count() {
			return jobs.size();
		}

		boolean isEmpty() {
			return jobs.isEmpty();
		}

	}

}
