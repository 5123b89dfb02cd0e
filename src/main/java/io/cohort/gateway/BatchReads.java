package io.cohort.gateway;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobOutcome;
import io.cohort.jobs.JobQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.system.CohortException;

/**
 * What the attempts of one claimed batch read once and share, so that a batch costs a few
 * queries rather than a few per job: each tenant's connection; the jobs up the batch's
 * chains (the jobs it waits for, read for the whole batch in one query per step up, and
 * the run's publication then known to all); and the trainees its attendance uploads,
 * enrolment creations and assessment creations name, with their national ids read, and
 * each read audited, for all the batch's jobs of that kind at once, before any of them is
 * sent.
 * <p>
 * One batch's reads live as long as its attempts (seconds), on one worker's thread.
 */
final class BatchReads {

	/** How far a chain is followed. */
	private static final int MAX_CHAIN = 10_000;

	private final List<Job> batch;

	private final GatewaySettingsManagement settings;

	private final JobQueue jobs;

	private final LearnerManagement learners;

	private final Map<UUID, Optional<GatewaySettingsManagement.Versioned>> connections = new HashMap<>();

	private final Map<UUID, Optional<JobQueue.Link>> links = new HashMap<>();

	private final Map<Kind, Map<UUID, LearnerManagement.Submission>> trainees = new HashMap<>();

	/** A tenant's jobs of one operation in the batch. */
	private record Kind(UUID tenantId, String operation) {
	}

	/**
	 * The runs published by this batch's attempts so far, whose outcomes are not written
	 * yet.
	 */
	private final List<Published> published = new ArrayList<>();

	private record Published(UUID tenantId, UUID runId, String gatewayId) {
	}

	BatchReads(List<Job> batch, GatewaySettingsManagement settings, JobQueue jobs, LearnerManagement learners) {
		this.batch = batch;
		this.settings = settings;
		this.jobs = jobs;
		this.learners = learners;
	}

	/** The tenant's TPGateway connection, if it has switched the gateway on. */
	Optional<GatewaySettingsManagement.Versioned> connection(UUID tenant) {
		return connections.computeIfAbsent(tenant, settings::connection);
	}

	/**
	 * The gateway reference of the nearest job with {@code operation} among those
	 * {@code job} waits for, directly or through others: the run id from the run's
	 * publication, an enrolment's or an assessment's reference number from its creation.
	 */
	Optional<String> reference(Job job, SyncOperation operation) {
		UUID at = job.waitsFor();
		for (int depth = 0; at != null && depth < MAX_CHAIN; depth++) {
			Optional<JobQueue.Link> link = link(at).filter(found -> found.tenantId().equals(job.tenantId()));
			if (link.isEmpty()) {
				return Optional.empty();
			}
			if (link.get().operation().equals(operation.name())) {
				return Optional.ofNullable(link.get().reference());
			}
			at = link.get().waitsFor();
		}
		return Optional.empty();
	}

	/**
	 * A link not read yet is read together with every other one the batch is known to
	 * need next: the jobs the batch waits for, and those the links read so far wait for.
	 */
	private Optional<JobQueue.Link> link(UUID id) {
		if (!links.containsKey(id)) {
			Set<UUID> wanted = new HashSet<>();
			wanted.add(id);
			batch.stream().map(Job::waitsFor).filter(this::unread).forEach(wanted::add);
			links.values()
				.stream()
				.flatMap(Optional::stream)
				.map(JobQueue.Link::waitsFor)
				.filter(this::unread)
				.forEach(wanted::add);
			Map<UUID, JobQueue.Link> read = jobs.links(wanted);
			wanted.forEach(each -> links.put(each, Optional.ofNullable(read.get(each))));
		}
		return links.get(id);
	}

	private boolean unread(UUID id) {
		return id != null && !links.containsKey(id);
	}

	/**
	 * Takes note of an attempt's outcome, which the batch's later attempts must know
	 * before it is written.
	 */
	void attempted(Job job, JobOutcome outcome) {
		if (job.operation().equals(SyncOperation.PUBLISH_RUN.name()) && outcome instanceof JobOutcome.Succeeded ok
				&& ok.reference() != null) {
			published.add(new Published(job.tenantId(), job.entityId(), ok.reference()));
		}
	}

	/**
	 * The TPGateway ids of the tenant's other runs, those published by earlier attempts
	 * of this batch included: a run found at the gateway with one of them is not
	 * {@code run}.
	 */
	Set<String> publishedRunIds(UUID tenant, UUID run) {
		Set<String> ids = jobs.references(tenant, SyncOperation.PUBLISH_RUN.name(), run);
		published.stream()
			.filter(other -> other.tenantId().equals(tenant) && !other.runId().equals(run))
			.forEach(other -> ids.add(other.gatewayId()));
		return ids;
	}

	/**
	 * The learner a job names ({@code learner_id}), with the clear national id: read, for
	 * the first such job of its tenant and operation in the batch, for all of them. Only
	 * the operations that send a national id may ask.
	 */
	LearnerManagement.Submission trainee(Job job, UUID learnerId) {
		String purpose = SyncOperation.find(job.operation()).map(SyncOperation::nationalIdPurpose).orElse(null);
		if (purpose == null) {
			throw new IllegalArgumentException(job.operation() + " sends no national id");
		}
		Map<UUID, LearnerManagement.Submission> read = trainees
			.computeIfAbsent(new Kind(job.tenantId(), job.operation()), kind -> CurrentActor.asSystem(kind.tenantId(),
					() -> learners.forSubmission(learnersOf(kind), purpose)));
		LearnerManagement.Submission trainee = read.get(learnerId);
		if (trainee == null) {
			throw CohortException.notFound("learner", learnerId);
		}
		return trainee;
	}

	private Collection<UUID> learnersOf(Kind kind) {
		return batch.stream()
			.filter(job -> job.tenantId().equals(kind.tenantId()) && job.operation().equals(kind.operation()))
			.map(job -> GatewayOutbox.JSON.readTree(job.payload()).get("learner_id"))
			.filter(id -> id != null && !id.isNull())
			.map(id -> UUID.fromString(id.asString()))
			.distinct()
			.toList();
	}

}
