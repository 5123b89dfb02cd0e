package io.cohort.learners;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.shared.IdType;
import io.cohort.shared.NationalId;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learner profiles. The national id is validated, encrypted, found by its keyed hash and
 * only ever shown masked; revealing it is a separate, audited action.
 */
@Service
public class LearnerManagement {

	private final LearnerRepository learners;

	private final PiiCipher cipher;

	private final UserManagement users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LearnerManagement(LearnerRepository learners, PiiCipher cipher, UserManagement users,
			ApplicationEventPublisher events, Clock clock) {
		this.learners = learners;
		this.cipher = cipher;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A new learner. The national id may be absent only with id type OT (a learner
	 * recorded before it is known, such as a CRM student); staff complete it later.
	 */
	public record NewLearner(String fullName, String email, @Nullable String phone, IdType idType,
			@Nullable String nationalId, @Nullable LocalDate dateOfBirth, boolean consent, @Nullable UUID userId) {
	}

	/** A partial change: absent fields stay as they are. */
	public record LearnerChange(@Nullable String fullName, @Nullable String email, @Nullable String phone,
			@Nullable IdType idType, @Nullable String nationalId, @Nullable LocalDate dateOfBirth,
			@Nullable Boolean consent, @Nullable UUID userId) {
	}

	@Transactional
	public LearnerView register(NewLearner request) {
		UUID tenant = CurrentActor.tenantId();
		boolean unknownId = request.nationalId() == null || request.nationalId().isBlank();
		if (unknownId && request.idType() != IdType.OT) {
			throw CohortException.invalidField("national_id", "is required unless id_type is OT");
		}
		@Nullable NationalId id = unknownId ? null : nationalId(request.idType(), request.nationalId());
		checkUser(request.userId());
		checkBirthDate(request.dateOfBirth());
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		LearnerView learner = new LearnerView(UUID.randomUUID(), request.fullName().trim(),
				request.email().trim().toLowerCase(Locale.ROOT), request.phone() == null ? "" : request.phone().trim(),
				request.idType(), id == null ? "" : id.masked(), request.dateOfBirth(), request.consent(),
				request.userId(), now, now);
		try {
			learners.insert(tenant, learner, id == null ? null : cipher.encrypt(id.value()),
					id == null ? null : cipher.lookupHash(id.value()));
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(ex);
		}
		events.publishEvent(new LearnerRegistered(tenant, learner.id()));
		events.publishEvent(AuditFact.of(tenant, "learner.registered", "learner", learner.id(),
				Map.of("full_name", learner.fullName(), "email", learner.email(), "id_type", learner.idType().name(),
						"national_id", learner.nationalIdMasked(), "consent", learner.consent())));
		return learner;
	}

	@Transactional(readOnly = true)
	public LearnerView get(UUID id) {
		return find(id).orElseThrow(() -> CohortException.notFound("learner", id));
	}

	/** The learner in the caller's tenant, if there is one. */
	@Transactional(readOnly = true)
	public Optional<LearnerView> find(UUID id) {
		return find(CurrentActor.tenantId(), id);
	}

	/**
	 * The learner in the tenant given, if there is one: for listeners that run after the
	 * request, where there is no caller.
	 */
	@Transactional(readOnly = true)
	public Optional<LearnerView> find(UUID tenant, UUID id) {
		return learners.find(tenant, id, false);
	}

	/** The learners of the caller's tenant with these ids, by id. */
	@Transactional(readOnly = true)
	public Map<UUID, LearnerView> findAll(Collection<UUID> ids) {
		return learners.findAll(CurrentActor.tenantId(), ids.stream().distinct().toList())
			.stream()
			.collect(Collectors.toMap(LearnerView::id, Function.identity()));
	}

	/** The learner profile linked to the calling user. */
	@Transactional(readOnly = true)
	public Optional<LearnerView> me() {
		return learners.findByUser(CurrentActor.tenantId(), CurrentActor.require().id());
	}

	/**
	 * The learner with this national id in the caller's tenant, found by its keyed hash.
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> findByNationalId(IdType type, String nationalId) {
		NationalId id = nationalId(type, nationalId);
		return learners.findByNationalIdHash(CurrentActor.tenantId(), cipher.lookupHash(id.value()));
	}

	@Transactional(readOnly = true)
	public PageView<LearnerView> list(@Nullable String query, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		String q = query == null || query.isBlank() ? null : query.trim();
		return new PageView<>(learners.page(tenant, q, page, size), page, size, learners.count(tenant, q));
	}

	@Transactional
	public LearnerView update(UUID id, LearnerChange change) {
		UUID tenant = CurrentActor.tenantId();
		LearnerView before = learners.find(tenant, id, true).orElseThrow(() -> CohortException.notFound("learner", id));
		if (change.userId() != null && !change.userId().equals(before.userId())) {
			checkUser(change.userId());
		}
		checkBirthDate(change.dateOfBirth());
		LearnerView after = new LearnerView(id, or(change.fullName(), before.fullName()).trim(),
				or(change.email(), before.email()).trim().toLowerCase(Locale.ROOT),
				or(change.phone(), before.phone()).trim(), before.idType(), before.nationalIdMasked(),
				or(change.dateOfBirth(), before.dateOfBirth()), or(change.consent(), before.consent()),
				or(change.userId(), before.userId()), before.createdAt(),
				clock.instant().truncatedTo(ChronoUnit.MICROS));
		try {
			learners.update(tenant, after);
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(ex);
		}
		Changes changes = Changes.of()
			.field("full_name", before.fullName(), after.fullName())
			.field("email", before.email(), after.email())
			.field("phone", before.phone(), after.phone())
			.field("date_of_birth", String.valueOf(before.dateOfBirth()), String.valueOf(after.dateOfBirth()))
			.field("consent", before.consent(), after.consent())
			.field("user_id", String.valueOf(before.userId()), String.valueOf(after.userId()));
		if (change.nationalId() != null || (change.idType() != null && change.idType() != before.idType())) {
			IdType type = or(change.idType(), before.idType());
			byte[] stored = change.nationalId() != null ? null : learners.cipher(tenant, id).orElse(null);
			if (change.nationalId() == null && stored == null) {
				throw CohortException.invalidField("national_id", "is required: the learner has none yet");
			}
			String clear = change.nationalId() != null ? change.nationalId() : cipher.decrypt(stored);
			NationalId nationalId = nationalId(type, clear);
			try {
				learners.updateNationalId(tenant, id, type, cipher.encrypt(nationalId.value()),
						cipher.lookupHash(nationalId.value()), nationalId.masked());
			}
			catch (DuplicateKeyException ex) {
				throw duplicate(ex);
			}
			changes.field("national_id", before.nationalIdMasked(), nationalId.masked())
				.field("id_type", before.idType().name(), type.name());
		}
		if (!changes.isEmpty()) {
			events.publishEvent(new LearnerUpdated(tenant, id, changes.toMap().keySet()));
			events.publishEvent(AuditFact.of(tenant, "learner.updated", "learner", id, changes.toMap()));
		}
		return get(id);
	}

	/** The clear national id, for an ADMIN; the read itself is audited. */
	@Transactional
	public String revealNationalId(UUID id) {
		UUID tenant = CurrentActor.tenantId();
		learners.find(tenant, id, false).orElseThrow(() -> CohortException.notFound("learner", id));
		byte[] stored = learners.cipher(tenant, id)
			.orElseThrow(() -> new CohortException(ProblemCode.NO_NATIONAL_ID, "The learner has no national id yet"));
		String clear = cipher.decrypt(stored);
		events.publishEvent(AuditFact.of(tenant, "learner.national_id.revealed", "learner", id,
				Map.of("national_id", NationalId.mask(clear))));
		return clear;
	}

	/** A learner as a regulated submission names them: with the clear national id. */
	public record Submission(LearnerView learner, NationalId nationalId) {
	}

	/**
	 * The learners of the caller's tenant with these ids, with their clear national ids,
	 * for another module's regulated submission (a batch of gateway uploads), read in one
	 * go; each learner's read is audited like a reveal. An id of no learner of the
	 * tenant, or of a learner without a national id yet, is left out.
	 */
	@Transactional
	public Map<UUID, Submission> forSubmission(Collection<UUID> ids, String purpose) {
		UUID tenant = CurrentActor.tenantId();
		Map<UUID, Submission> submissions = new LinkedHashMap<>();
		for (LearnerRepository.Sealed sealed : learners.findSealed(tenant, ids.stream().distinct().toList())) {
			LearnerView learner = sealed.learner();
			if (sealed.nationalIdCipher() == null) {
				continue; // recorded without a national id: nothing to submit until staff
							// complete it
			}
			String clear = cipher.decrypt(sealed.nationalIdCipher());
			events.publishEvent(AuditFact.of(tenant, "learner.national_id.read", "learner", learner.id(),
					Map.of("purpose", purpose, "national_id", NationalId.mask(clear))));
			submissions.put(learner.id(), new Submission(learner, NationalId.of(learner.idType(), clear)));
		}
		return submissions;
	}

	private void checkUser(@Nullable UUID userId) {
		if (userId == null) {
			return;
		}
		UserView user = users.find(userId)
			.orElseThrow(() -> CohortException.invalidField("user_id", "is not a user of this tenant"));
		if (!user.roles().contains(Role.LEARNER)) {
			throw CohortException.invalidField("user_id", "the user does not hold the LEARNER role");
		}
	}

	private void checkBirthDate(@Nullable LocalDate dateOfBirth) {
		if (dateOfBirth != null && dateOfBirth.isAfter(LocalDate.now(clock))) {
			throw CohortException.invalidField("date_of_birth", "must be in the past");
		}
	}

	private static NationalId nationalId(IdType type, String value) {
		try {
			return NationalId.of(type, value);
		}
		catch (IllegalArgumentException ex) {
			throw CohortException.invalidField("national_id", ex.getMessage());
		}
	}

	private static CohortException duplicate(DuplicateKeyException ex) {
		String message = String.valueOf(ex.getMostSpecificCause().getMessage());
		if (message.contains("learner_user_key")) {
			return new CohortException(ProblemCode.USER_ALREADY_LINKED,
					"That user is already linked to another learner");
		}
		return new CohortException(ProblemCode.NATIONAL_ID_TAKEN, "A learner with this national id already exists");
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return value == null ? fallback : value;
	}

}
