package io.cohort.scheduling;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trainers, and the sessions each one leads.
 */
@Service
public class TrainerManagement {

	private final ClassRunRepository runs;

	private final UserManagement users;

	private final TenantManagement tenants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TrainerManagement(ClassRunRepository runs, UserManagement users, TenantManagement tenants,
			ApplicationEventPublisher events, Clock clock) {
		this.runs = runs;
		this.users = users;
		this.tenants = tenants;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A new trainer; {@code userId} links the account a trainer logs in with (it must
	 * hold TRAINER).
	 */
	public record NewTrainer(String fullName, String email, @Nullable UUID userId) {
	}

	@Transactional
	public TrainerView create(NewTrainer request) {
		UUID tenant = CurrentActor.tenantId();
		if (request.userId() != null) {
			UserView user = users.find(request.userId())
				.orElseThrow(() -> CohortException.invalidField("user_id", "is not a user of this tenant"));
			if (!user.roles().contains(Role.TRAINER)) {
				throw CohortException.invalidField("user_id", "the user does not hold the TRAINER role");
			}
		}
		TrainerView trainer = new TrainerView(UUID.randomUUID(), request.fullName().trim(),
				request.email().trim().toLowerCase(Locale.ROOT), request.userId(),
				clock.instant().truncatedTo(ChronoUnit.MICROS));
		try {
			runs.insertTrainer(tenant, trainer);
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.TRAINER_EXISTS,
					"A trainer with this email, or linked to this user, already exists");
		}
		events.publishEvent(AuditFact.of(tenant, "trainer.created", "trainer", trainer.id(), Map.of("full_name",
				trainer.fullName(), "email", trainer.email(), "user_id", String.valueOf(trainer.userId()))));
		return trainer;
	}

	@Transactional(readOnly = true)
	public List<TrainerView> list() {
		return runs.trainers(CurrentActor.tenantId());
	}

	@Transactional(readOnly = true)
	public TrainerView get(UUID id) {
		return runs.trainer(CurrentActor.tenantId(), id).orElseThrow(() -> CohortException.notFound("trainer", id));
	}

	/**
	 * The trainers leading a session of the run; the tenant is given, for callers with no
	 * request (listeners).
	 */
	@Transactional(readOnly = true)
	public List<TrainerView> ofRun(UUID tenant, UUID runId) {
		return runs.trainersOfRun(tenant, runId);
	}

	/** The trainer profile of the calling user, if they have one. */
	@Transactional(readOnly = true)
	public Optional<TrainerView> me() {
		return runs.trainerOfUser(CurrentActor.tenantId(), CurrentActor.require().id());
	}

	/** The calling trainer's sessions from today on (tenant's zone). */
	@Transactional(readOnly = true)
	public List<SessionView> mySessions() {
		UUID tenant = CurrentActor.tenantId();
		LocalDate today = LocalDate.now(clock.withZone(tenants.zone(tenant)));
		return me().map(trainer -> runs.sessionsOfTrainer(tenant, trainer.id(), today)).orElse(List.of());
	}

	/**
	 * A trainer's bookings as staff see them: their sessions from today on (tenant's
	 * zone).
	 */
	@Transactional(readOnly = true)
	public List<SessionView> sessionsOf(UUID trainerId) {
		UUID tenant = CurrentActor.tenantId();
		TrainerView trainer = get(trainerId);
		return runs.sessionsOfTrainer(tenant, trainer.id(), LocalDate.now(clock.withZone(tenants.zone(tenant))));
	}

	/** Whether the calling user is the trainer of the session. */
	@Transactional(readOnly = true)
	public boolean leads(SessionView session) {
		return session.trainerId() != null && me().map(t -> t.id().equals(session.trainerId())).orElse(false);
	}

}
