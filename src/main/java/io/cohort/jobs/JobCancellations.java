package io.cohort.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cohort.shared.AuditFact;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Cancels jobs that can no longer succeed, each audited with its reason, so that none waits forever or
 * goes DEAD for a record that is gone. What waits for a cancelled job depends on what that job was:
 * <ul>
 * <li>a creation (a run's publication, an enrolment's or an assessment's creation) never happened, so
 * every job after it — which needs the record's gateway reference — is cancelled with it;</li>
 * <li>any other change only kept its place in the record's order, so the jobs after it now wait for the
 * job before it (it is taken out of the chain) and still run, in order.</li>
 * </ul>
 * A cancelled run takes the jobs of its records with it: deleting the run on the gateway ends its
 * enrolments, so enrolment creations, updates and cancellations, attendance uploads and assessments of the
 * run that were not sent (or failed) are cancelled when the run is cancelled, again when its deletion
 * succeeds, and whenever one is written or fails afterwards. Fee collection updates are kept: fees of an
 * ended enrolment may still be collected or refunded.
 */
@Component
class JobCancellations {

	/** The operations that create the record every later job of it (and of records within it) refers to. */
	static final Set<String> CREATIONS = Set.of(GatewayOutbox.PUBLISH_RUN, GatewayOutbox.CREATE_ENROLMENT,
			GatewayOutbox.CREATE_ASSESSMENT);

	/** The operations that cannot succeed once their run is deleted on the gateway. */
	static final Set<String> ENDED_WITH_RUN = Set.of(GatewayOutbox.CREATE_ENROLMENT, GatewayOutbox.UPDATE_ENROLMENT,
			GatewayOutbox.CANCEL_ENROLMENT, GatewayOutbox.UPLOAD_ATTENDANCE, GatewayOutbox.CREATE_ASSESSMENT,
			GatewayOutbox.UPDATE_ASSESSMENT, GatewayOutbox.VOID_ASSESSMENT);

	static final String RUN_DELETED = "The run is deleted on TPGateway";

	private final SyncJobRepository jobs;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JobCancellations(SyncJobRepository jobs, ApplicationEventPublisher events, Clock clock) {
		this.jobs = jobs;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The job a new job should wait for instead of {@code waitsFor}: cancelled changes are passed over to the
	 * job before them; a cancelled creation is kept and named, since the new job cannot succeed after it.
	 */
	record Predecessor(@Nullable UUID id, @Nullable SyncJob cancelledCreation) {
	}

	/**
	 * Cancels these jobs of the tenant (those not finished and not running) and whatever can no longer
	 * succeed without them, in the caller's transaction; returns those of {@code ids} that were cancelled.
	 */
	List<UUID> cancel(UUID tenant, Collection<UUID> ids, String reason) {
		List<UUID> cancelled = new ArrayList<>();
		for (UUID id : ids) {
			if (cancelWithFollowers(tenant, id, reason)) {
				cancelled.add(id);
			}
		}
		return cancelled;
	}

	/**
	 * The run was cancelled in Cohort: its publication, if never attempted, and the run's changes not yet
	 * sent are cancelled, and so is every job of its records that its deletion on the gateway makes moot.
	 */
	void runCancelled(UUID tenant, UUID runId, String reason) {
		List<UUID> moot = new ArrayList<>(jobs.unfinishedOfRun(tenant, runId, ENDED_WITH_RUN));
		moot.addAll(jobs.unfinishedOfRun(tenant, runId, Set.of(GatewayOutbox.UPDATE_RUN)));
		jobs.unsentPublication(tenant, runId).ifPresent(moot::add);
		cancel(tenant, moot, "The run was cancelled: " + reason);
	}

	/** After a job succeeded: a run's deletion cancels what is left of its records' jobs. */
	void succeeded(SyncJob job) {
		if (job.operation().equals(GatewayOutbox.DELETE_RUN)) {
			cancel(job.tenantId(), jobs.unfinishedOfRun(job.tenantId(), job.entityId(), ENDED_WITH_RUN), RUN_DELETED);
		}
	}

	/** Why a failed attempt should end the job as CANCELLED rather than be retried or DEAD, if it should. */
	Optional<String> mootAfterFailure(SyncJob job) {
		if (!ENDED_WITH_RUN.contains(job.operation())) {
			return Optional.empty();
		}
		return jobs.runOf(job.tenantId(), job.id())
			.filter(run -> jobs.runDeleting(job.tenantId(), run))
			.map(run -> RUN_DELETED);
	}

	/** What a new job should wait for instead of {@code waitsFor}. */
	Predecessor predecessor(UUID tenant, @Nullable UUID waitsFor) {
		UUID at = waitsFor;
		for (int depth = 0; at != null && depth < 10_000; depth++) {
			Optional<SyncJob> job = jobs.find(tenant, at);
			if (job.isEmpty() || job.get().status() != SyncJobStatus.CANCELLED) {
				return new Predecessor(at, null);
			}
			if (CREATIONS.contains(job.get().operation())) {
				return new Predecessor(at, job.get());
			}
			at = job.get().waitsFor();
		}
		return new Predecessor(at, null);
	}

	/** Why a job about to be written could never succeed, if it could not. */
	Optional<String> hopeless(UUID tenant, String operation, Predecessor predecessor, UUID runId) {
		SyncJob creation = predecessor.cancelledCreation();
		if (creation != null) {
			return Optional.of(waitsForCancelled(creation));
		}
		if (ENDED_WITH_RUN.contains(operation) && jobs.runDeleting(tenant, runId)) {
			return Optional.of(RUN_DELETED);
		}
		return Optional.empty();
	}

	private boolean cancelWithFollowers(UUID tenant, UUID id, String reason) {
		Optional<SyncJob> cancelled = jobs.cancel(tenant, id, reason, now());
		cancelled.ifPresent(job -> cancelled(job, reason));
		return cancelled.isPresent();
	}

	/**
	 * Audits a job that was just cancelled (here, or by the worker) and deals with those that waited for it:
	 * after a creation (or a job cancelled because of one) they are cancelled too, after any other change
	 * they wait for the job before it.
	 */
	void cancelled(SyncJob job, String reason) {
		Deque<Cancelled> work = new ArrayDeque<>();
		work.push(new Cancelled(job, reason, CREATIONS.contains(job.operation())));
		while (!work.isEmpty()) {
			Cancelled done = work.pop();
			audit(done.job(), done.reason());
			if (!done.followersToo()) {
				jobs.repoint(done.job().tenantId(), done.job().id(), done.job().waitsFor(), now());
				continue;
			}
			String because = waitsForCancelled(done.job());
			for (UUID follower : jobs.waitingFor(done.job().tenantId(), done.job().id())) {
				jobs.cancel(done.job().tenantId(), follower, because, now())
					.ifPresent(next -> work.push(new Cancelled(next, because, true)));
			}
		}
	}

	/** A cancelled job, why, and whether the jobs after it can only be cancelled too. */
	private record Cancelled(SyncJob job, String reason, boolean followersToo) {
	}

	private static String waitsForCancelled(SyncJob cancelled) {
		return "It waits for " + cancelled.operation() + " " + cancelled.id() + ", which was cancelled";
	}

	private void audit(SyncJob job, String reason) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("reason", reason);
		summary.put("operation", job.operation());
		summary.put("entity_type", job.entityType());
		summary.put("entity_id", job.entityId().toString());
		events.publishEvent(AuditFact.of(job.tenantId(), "gateway.job.cancelled", "sync_job", job.id(), summary));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
