package io.cohort.gateway;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import io.cohort.jobs.JobCancellations;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes TPGateway jobs in the transaction of the change that causes them, for tenants
 * that have the gateway switched on. The listeners per kind of record ({@link RunOutbox},
 * {@link EnrolmentOutbox}, {@link AttendanceOutbox}, {@link AssessmentOutbox}) decide
 * what to send ({@link SyncOperation}); this class keeps each record's jobs in order: a
 * record's first job waits for the record it belongs to (an enrolment for its run's
 * publication), every later one for the record's previous job, so changes reach the
 * gateway in the order they were made. The domain facades lock the record they change, so
 * two changes of one record never read the same previous job. Payloads are snapshots
 * without national ids: the worker reads those, audited, when it sends.
 */
@Component
class GatewayOutbox {

	static final String TARGET = TpGateway.TARGET;

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

	/**
	 * The key of an enrolment's creation: what its attendance uploads and assessments
	 * wait for.
	 */
	static String enrolmentKey(UUID enrolmentId) {
		return SyncOperation.CREATE_ENROLMENT.key(enrolmentId, null);
	}

	/** A job's payload snapshot as the record its operation writes. */
	static <T> T payload(Job job, Class<T> type) {
		return JSON.readValue(job.payload(), type);
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
	 * Writes a job in the caller's transaction, keyed by its operation
	 * ({@link SyncOperation#key}, with {@code nth} telling a record's jobs of one
	 * operation apart); {@code payload}, the operation's own record, is turned into its
	 * JSON snapshot. A job that would wait for a cancelled change waits for the job
	 * before it; one that could never succeed (it waits for a cancelled creation, or its
	 * run is being deleted on the gateway) is written and cancelled at once, with the
	 * reason.
	 */
	void enqueue(UUID tenant, SyncOperation operation, UUID entityId, @Nullable Object nth, Object payload,
			@Nullable UUID waitsFor, UUID runId) {
		if (!operation.payloadType().isInstance(payload)) {
			throw new IllegalArgumentException(operation + " takes a " + operation.payloadType().getSimpleName());
		}
		JobCancellations.Predecessor after = cancellations.predecessor(tenant, waitsFor);
		Job job = queue.enqueue(new JobQueue.NewJob(tenant, TARGET, operation.name(), operation.entityType(), entityId,
				operation.key(entityId, nth), JSON.writeValueAsString(payload), after.id(), runId));
		gatewayCancellations.hopeless(tenant, operation, after, runId)
			.ifPresent(reason -> cancellations.cancel(tenant, List.of(job.id()), reason));
	}

	/**
	 * The run was cancelled: drops what of it and its records need not or cannot be sent
	 * any more.
	 */
	void runCancelled(UUID tenant, UUID runId, String reason) {
		gatewayCancellations.runCancelled(tenant, runId, reason);
	}

	/**
	 * The run's publication that stands: the latest one not cancelled (a cancelled
	 * publication is written again when the run changes), which its records' creations
	 * wait for.
	 */
	Optional<Job> publication(UUID tenant, UUID runId) {
		return history(tenant, RunOutbox.ENTITY, runId).publication();
	}

	/** A record's jobs, oldest first. */
	record History(List<Job> jobs) {

		/** A run's latest publication that was not cancelled. */
		Optional<Job> publication() {
			Job found = null;
			for (Job job : jobs) {
				if (job.operation().equals(SyncOperation.PUBLISH_RUN.name()) && job.status() != JobStatus.CANCELLED) {
					found = job;
				}
			}
			return Optional.ofNullable(found);
		}

		Optional<Job> latest() {
			return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(jobs.size() - 1));
		}

		/**
		 * How many jobs the record has had: numbers its changes, so each change's key is
		 * its own.
		 */
		int count() {
			return jobs.size();
		}

		boolean isEmpty() {
			return jobs.isEmpty();
		}

	}

}
