package io.cohort.jobs;

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
import java.util.UUID;

import io.cohort.shared.AuditFact;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Cancels jobs that can no longer succeed, each audited with its reason, so that none
 * waits forever or goes DEAD for a record that is gone. What waits for a cancelled job
 * depends on what that job was:
 * <ul>
 * <li>a creation (its {@link JobTarget} says which operations create a record: a run's
 * publication, an enrolment's creation) never happened, so every job after it — which
 * needs the record's reference — is cancelled with it;</li>
 * <li>any other change only kept its place in the record's order, so the jobs after it
 * now wait for the job before it (it is taken out of the chain) and still run, in
 * order.</li>
 * </ul>
 * What else a target cancels when its records end (TPGateway: a run's deletion) is the
 * target's to say, through these same calls.
 */
@Component
public class JobCancellations {

	private final JobRepository jobs;

	private final JobTargets targets;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JobCancellations(JobRepository jobs, JobTargets targets, ApplicationEventPublisher events, Clock clock) {
		this.jobs = jobs;
		this.targets = targets;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The job a new job should wait for instead of {@code waitsFor}: cancelled changes
	 * are passed over to the job before them; a cancelled creation is kept and named,
	 * since the new job cannot succeed after it.
	 */
	public record Predecessor(@Nullable UUID id, @Nullable Job cancelledCreation) {

		/**
		 * Why a job written after this predecessor could never succeed, if it could not.
		 */
		public Optional<String> hopeless() {
			return cancelledCreation == null ? Optional.empty() : Optional.of(waitsForCancelled(cancelledCreation));
		}

	}

	/**
	 * Cancels these jobs of the tenant (those not finished and not running) and whatever
	 * can no longer succeed without them, in the caller's transaction; returns those of
	 * {@code ids} that were cancelled.
	 */
	public List<UUID> cancel(UUID tenant, Collection<UUID> ids, String reason) {
		List<UUID> cancelled = new ArrayList<>();
		for (UUID id : ids) {
			if (cancelWithFollowers(tenant, id, reason)) {
				cancelled.add(id);
			}
		}
		return cancelled;
	}

	/** What a new job should wait for instead of {@code waitsFor}. */
	public Predecessor predecessor(UUID tenant, @Nullable UUID waitsFor) {
		UUID at = waitsFor;
		for (int depth = 0; at != null && depth < 10_000; depth++) {
			Optional<Job> job = jobs.find(tenant, at);
			if (job.isEmpty() || job.get().status() != JobStatus.CANCELLED) {
				return new Predecessor(at, null);
			}
			if (targets.creates(job.get())) {
				return new Predecessor(at, job.get());
			}
			at = job.get().waitsFor();
		}
		return new Predecessor(at, null);
	}

	private boolean cancelWithFollowers(UUID tenant, UUID id, String reason) {
		Optional<Job> cancelled = jobs.cancel(tenant, id, reason, now());
		cancelled.ifPresent(job -> cancelled(job, reason));
		return cancelled.isPresent();
	}

	/**
	 * Audits a job that was just cancelled (here, or by the worker) and deals with those
	 * that waited for it: after a creation (or a job cancelled because of one) they are
	 * cancelled too, after any other change they wait for the job before it.
	 */
	void cancelled(Job job, String reason) {
		Deque<Cancelled> work = new ArrayDeque<>();
		work.push(new Cancelled(job, reason, targets.creates(job)));
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
	private record Cancelled(Job job, String reason, boolean followersToo) {
	}

	private static String waitsForCancelled(Job cancelled) {
		return "It waits for " + cancelled.operation() + " " + cancelled.id() + ", which was cancelled";
	}

	private void audit(Job job, String reason) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("reason", reason);
		summary.put("operation", job.operation());
		summary.put("entity_type", job.entityType());
		summary.put("entity_id", job.entityId().toString());
		events.publishEvent(AuditFact.of(job.tenantId(), "job.cancelled", "sync_job", job.id(), summary));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
