package io.cohort.enrolment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunCancelled;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolling learners into class runs. A seat is taken by one guarded statement, so the
 * confirmed enrolments of a run never exceed its capacity under any concurrency; a full
 * run refuses (409 {@code class-run-full}) or puts the learner on its first-come
 * waitlist. A withdrawal frees the seat and promotes the head of the waitlist in the same
 * transaction.
 */
@Service
public class EnrolmentManagement {

	private final EnrolmentRepository enrolments;

	private final ClassRunManagement runs;

	private final LearnerManagement learners;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EnrolmentManagement(EnrolmentRepository enrolments, ClassRunManagement runs, LearnerManagement learners,
			ApplicationEventPublisher events, Clock clock) {
		this.enrolments = enrolments;
		this.runs = runs;
		this.learners = learners;
		this.events = events;
		this.clock = clock;
	}

	/** Staff enrol a learner; fees default to none, pending. */
	public record NewEnrolment(UUID learnerId, UUID classRunId, SponsorshipType sponsorshipType,
			@Nullable String employerUen, @Nullable BigDecimal feeAmount, @Nullable BigDecimal discountAmount,
			@Nullable FeeCollectionStatus feeCollectionStatus) {
	}

	/** Where an enrolment came from. */
	public enum Source {

		STAFF, SELF, IMPORT, CRM

	}

	@Transactional
	public EnrolmentView enrol(NewEnrolment request, Source source) {
		UUID tenant = CurrentActor.tenantId();
		ClassRunView run = runs.get(request.classRunId());
		LearnerView learner = learners.get(request.learnerId());
		if (!run.status().takesEnrolments()) {
			throw EnrolmentTransitions.notOpen(run);
		}
		// the CRM reports enrolments its staff already made: the registration window does
		// not bind them
		if (source != Source.CRM && !run.registrationOpenOn(runs.today(tenant))) {
			throw new CohortException(ProblemCode.REGISTRATION_CLOSED, "Registration for run " + run.reference()
					+ " is open from " + run.registrationOpens() + " to " + run.registrationCloses());
		}
		if (request.sponsorshipType() == SponsorshipType.EMPLOYER
				&& (request.employerUen() == null || request.employerUen().isBlank())) {
			throw CohortException.invalidField("employer_uen", "is required for an employer-sponsored enrolment");
		}
		if (enrolments.hasLive(tenant, run.id(), learner.id())) {
			throw alreadyEnrolled();
		}
		EnrolmentStatus status = EnrolmentTransitions.onEnrol(run, runs.takeSeat(run.id()), source);
		Instant now = now();
		EnrolmentRepository.Row row = new EnrolmentRepository.Row(UUID.randomUUID(), run.id(), learner.id(), status,
				null, request.sponsorshipType(), blankToNull(request.employerUen()),
				request.feeAmount() == null ? BigDecimal.ZERO : request.feeAmount(),
				request.discountAmount() == null ? BigDecimal.ZERO : request.discountAmount(),
				request.feeCollectionStatus() == null ? FeeCollectionStatus.PENDING : request.feeCollectionStatus(),
				source.name(), now, status == EnrolmentStatus.CONFIRMED ? now : null, null, null, now);
		try {
			enrolments.insert(tenant, row);
		}
		catch (DuplicateKeyException ex) {
			throw alreadyEnrolled();
		}
		Integer position = status == EnrolmentStatus.WAITLISTED ? enrolments.waitlistPosition(tenant, row.id()) : null;
		EnrolmentView view = view(row, position, run.reference(), learner);
		if (status == EnrolmentStatus.CONFIRMED) {
			events.publishEvent(new EnrolmentConfirmed(tenant, row.id(), run.id(), learner.id(), false));
		}
		else {
			events.publishEvent(new EnrolmentWaitlisted(tenant, row.id(), run.id(), learner.id(),
					view.waitlistPosition() == null ? 0 : view.waitlistPosition()));
		}
		events.publishEvent(AuditFact.of(tenant, "enrolment.created", "enrolment", row.id(),
				Map.of("class_run_id", run.id().toString(), "learner_id", learner.id().toString(), "status",
						status.name(), "source", source.name(), "sponsorship_type", row.sponsorshipType().name())));
		return view;
	}

	/** A LEARNER enrols themself into an open run. */
	@Transactional
	public EnrolmentView enrolSelf(UUID classRunId) {
		LearnerView me = learners.me()
			.orElseThrow(() -> new CohortException(ProblemCode.NO_LEARNER_PROFILE,
					"Your account is not linked to a learner profile; ask the training provider"));
		return enrol(new NewEnrolment(me.id(), classRunId, SponsorshipType.INDIVIDUAL, null, null, null, null),
				Source.SELF);
	}

	/**
	 * Withdraws a live enrolment. A confirmed learner's seat goes to the oldest
	 * waitlisted learner of the run, or back to the run when nobody waits.
	 */
	@Transactional
	public EnrolmentView withdraw(UUID id, @Nullable String reason) {
		return withdrawNamingSuccessor(id, reason).withdrawn();
	}

	/** A withdrawal and the waitlisted enrolment it gave the seat to, if any. */
	public record Withdrawal(EnrolmentView withdrawn, @Nullable EnrolmentView promoted) {
	}

	/**
	 * Withdraws as {@link #withdraw} does and says who took the seat from the waitlist.
	 */
	@Transactional
	public Withdrawal withdrawNamingSuccessor(UUID id, @Nullable String reason) {
		UUID tenant = CurrentActor.tenantId();
		EnrolmentRepository.Row found = enrolments.find(tenant, id, false)
			.orElseThrow(() -> CohortException.notFound("enrolment", id));
		runs.lockSeats(found.runId());
		EnrolmentRepository.Row enrolment = enrolments.find(tenant, id, true).orElseThrow();
		boolean heldSeat = EnrolmentTransitions.withdrawalFreesSeat(enrolment.status());
		Instant now = now();
		enrolments.end(tenant, id, EnrolmentStatus.WITHDRAWN, blankToNull(reason), now);
		@Nullable UUID successor = null;
		if (heldSeat) {
			successor = enrolments.waitlistHead(tenant, enrolment.runId()).orElse(null);
			if (successor != null) {
				enrolments.confirm(tenant, successor, now);
				EnrolmentRepository.Row promoted = enrolments.find(tenant, successor, false).orElseThrow();
				events.publishEvent(
						new EnrolmentConfirmed(tenant, successor, promoted.runId(), promoted.learnerId(), true));
				events.publishEvent(AuditFact.of(tenant, "enrolment.promoted", "enrolment", successor,
						Map.of("status", Map.of("from", "WAITLISTED", "to", "CONFIRMED"), "seat_of", id.toString())));
			}
			else {
				runs.releaseSeat(enrolment.runId());
			}
		}
		events.publishEvent(new EnrolmentWithdrawn(tenant, id, enrolment.runId(), enrolment.learnerId(), heldSeat));
		Changes changes = Changes.of().field("status", enrolment.status().name(), EnrolmentStatus.WITHDRAWN.name());
		if (reason != null && !reason.isBlank()) {
			changes.note("reason", reason.trim());
		}
		events.publishEvent(AuditFact.of(tenant, "enrolment.withdrawn", "enrolment", id, changes.toMap()));
		return new Withdrawal(get(id), successor == null ? null : get(successor));
	}

	/** A LEARNER withdraws one of their own enrolments. */
	@Transactional
	public EnrolmentView withdrawSelf(UUID id, @Nullable String reason) {
		requireOwn(id);
		return withdraw(id, reason);
	}

	@Transactional
	public EnrolmentView updateFees(UUID id, @Nullable BigDecimal feeAmount, @Nullable BigDecimal discountAmount,
			@Nullable FeeCollectionStatus status) {
		UUID tenant = CurrentActor.tenantId();
		EnrolmentRepository.Row before = enrolments.find(tenant, id, true)
			.orElseThrow(() -> CohortException.notFound("enrolment", id));
		BigDecimal fee = feeAmount == null ? before.feeAmount() : feeAmount;
		BigDecimal discount = discountAmount == null ? before.discountAmount() : discountAmount;
		if (discount.compareTo(fee) > 0) {
			throw CohortException.invalidField("discount_amount", "must not exceed the fee");
		}
		FeeCollectionStatus collection = status == null ? before.feeCollectionStatus() : status;
		enrolments.updateFees(tenant, id, fee, discount, collection, now());
		Changes changes = Changes.of()
			.field("fee_amount", before.feeAmount().toPlainString(), fee.toPlainString())
			.field("discount_amount", before.discountAmount().toPlainString(), discount.toPlainString())
			.field("fee_collection_status", before.feeCollectionStatus().name(), collection.name());
		if (!changes.isEmpty()) {
			events.publishEvent(new EnrolmentFeesUpdated(tenant, id, before.runId(), before.learnerId(),
					before.discountAmount(), discount, before.feeCollectionStatus(), collection));
			events.publishEvent(AuditFact.of(tenant, "enrolment.fees.updated", "enrolment", id, changes.toMap()));
		}
		return get(id);
	}

	@Transactional(readOnly = true)
	public EnrolmentView get(UUID id) {
		UUID tenant = CurrentActor.tenantId();
		return views(List
			.of(enrolments.find(tenant, id, false).orElseThrow(() -> CohortException.notFound("enrolment", id))))
			.get(0);
	}

	/** An enrolment of the calling learner; another learner's is "not found". */
	@Transactional(readOnly = true)
	public EnrolmentView getOwn(UUID id) {
		requireOwn(id);
		return get(id);
	}

	@Transactional(readOnly = true)
	public PageView<EnrolmentView> search(@Nullable UUID runId, @Nullable UUID learnerId,
			@Nullable EnrolmentStatus status, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(views(enrolments.search(tenant, runId, learnerId, status, page, size)), page, size,
				enrolments.count(tenant, runId, learnerId, status));
	}

	/**
	 * A run's roster: every enrolment of the run in these statuses (every status when
	 * none is named).
	 */
	@Transactional(readOnly = true)
	public List<EnrolmentView> roster(UUID runId, EnrolmentStatus... statuses) {
		return views(enrolments.all(CurrentActor.tenantId(), runId, null, Set.of(statuses)));
	}

	/**
	 * The ids of the enrolments of these runs in these statuses, by run, in queue order,
	 * in one query (every run given has an entry): for pages about many runs.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, List<UUID>> enrolmentIds(Collection<UUID> runIds, EnrolmentStatus... statuses) {
		Map<UUID, List<UUID>> byRun = enrolments.idsByRun(CurrentActor.tenantId(), runIds, Set.of(statuses));
		return runIds.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(), run -> byRun.getOrDefault(run, List.of())));
	}

	/**
	 * How many learners wait on each of these runs' waitlists, in one query (every run
	 * given has an entry).
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Integer> waitlistLengths(Collection<UUID> runIds) {
		Map<UUID, Integer> counts = enrolments.countsByRun(CurrentActor.tenantId(), runIds, EnrolmentStatus.WAITLISTED);
		return runIds.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(), run -> counts.getOrDefault(run, 0)));
	}

	/**
	 * A run's confirmed or completed enrolments whose fees are not paid in full.
	 *
	 * @param enrolments how many enrolments have a net fee pending or partly paid
	 * @param amount the sum of their net fees (fee less discount): what is owed, before
	 * any partial payment
	 */
	public record FeesOutstanding(UUID runId, String runReference, int enrolments, BigDecimal amount) {
	}

	/**
	 * The tenant's runs with enrolments whose fees are pending or partly paid, by run
	 * reference.
	 */
	@Transactional(readOnly = true)
	public List<FeesOutstanding> feesOutstanding() {
		UUID tenant = CurrentActor.tenantId();
		return enrolments.feesDue(tenant)
			.stream()
			.map(due -> new FeesOutstanding(due.runId(), runs.get(tenant, due.runId()).reference(), due.enrolments(),
					due.amount()))
			.sorted(Comparator.comparing(FeesOutstanding::runReference, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	/** Every enrolment of one learner, in any status. */
	@Transactional(readOnly = true)
	public List<EnrolmentView> ofLearner(UUID learnerId) {
		return views(enrolments.all(CurrentActor.tenantId(), null, learnerId, Set.of()));
	}

	/** The calling learner's enrolments. */
	@Transactional(readOnly = true)
	public List<EnrolmentView> mine() {
		return learners.me().map(me -> ofLearner(me.id())).orElse(List.of());
	}

	/** Cancels the enrolments of a cancelled run, inside the cancelling transaction. */
	@EventListener
	void on(ClassRunCancelled event) {
		for (EnrolmentRepository.Row row : enrolments.cancelRun(event.tenantId(), event.runId(), event.reason(),
				now())) {
			events.publishEvent(new EnrolmentCancelled(event.tenantId(), row.id(), row.runId(), row.learnerId()));
			events.publishEvent(AuditFact.of(event.tenantId(), "enrolment.cancelled", "enrolment", row.id(),
					Map.of("reason", event.reason(), "cause", "class_run.cancelled")));
		}
	}

	private void requireOwn(UUID id) {
		LearnerView me = learners.me().orElseThrow(() -> CohortException.notFound("enrolment", id));
		enrolments.find(CurrentActor.tenantId(), id, false)
			.filter(e -> e.learnerId().equals(me.id()))
			.orElseThrow(() -> CohortException.notFound("enrolment", id));
	}

	private List<EnrolmentView> views(List<EnrolmentRepository.Row> rows) {
		Map<UUID, LearnerView> byLearner = learners
			.findAll(rows.stream().map(EnrolmentRepository.Row::learnerId).toList());
		Map<UUID, String> references = new java.util.HashMap<>();
		rows.stream()
			.map(EnrolmentRepository.Row::runId)
			.distinct()
			.forEach(run -> references.put(run, runs.get(run).reference()));
		return rows.stream()
			.map(row -> view(row, row.waitlistPosition(), references.get(row.runId()), byLearner.get(row.learnerId())))
			.toList();
	}

	private static EnrolmentView view(EnrolmentRepository.Row row, @Nullable Integer position, String runReference,
			@Nullable LearnerView learner) {
		return new EnrolmentView(row.id(), row.runId(), runReference, row.learnerId(),
				learner == null ? "" : learner.fullName(), learner == null ? "" : learner.nationalIdMasked(),
				row.status(), position, row.sponsorshipType(), row.employerUen(), row.feeAmount(), row.discountAmount(),
				row.feeCollectionStatus(), row.source(), row.enrolledAt(), row.confirmedAt(), row.endedAt(),
				row.endReason(), row.updatedAt());
	}

	private static CohortException alreadyEnrolled() {
		return new CohortException(ProblemCode.ALREADY_ENROLLED, "The learner is already enrolled in this run");
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
