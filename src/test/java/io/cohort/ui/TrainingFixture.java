package io.cohort.ui;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.shared.IdType;
import io.cohort.testing.Nrics;
import io.cohort.testing.Tenants;
import org.springframework.context.ApplicationContext;

/**
 * A fresh tenant for the training pages: one user per role, a trainer profile for the
 * trainer, a learner account linked to a profile (not yet enrolled), a published course,
 * an open run with a session today led by the trainer, and three confirmed learners.
 */
final class TrainingFixture {

	static final String PASSWORD = "fixture-password-2026";

	static final String ADMIN_PASSWORD = "a-long-admin-password";

	final Tenants.TestTenant tenant;

	final UUID courseId;

	final ClassRunView run;

	final UUID sessionId;

	final UUID learnerId;

	final List<String> rosterNames = new ArrayList<>();

	private final LearnerManagement learners;

	private final CohortPrincipal ops;

	/** A new tenant with its training, made through the facades of the application. */
	static TrainingFixture in(ApplicationContext context) {
		return new TrainingFixture(context.getBean(TenantManagement.class), context.getBean(UserManagement.class),
				context.getBean(TrainerManagement.class), context.getBean(CourseManagement.class),
				context.getBean(ClassRunManagement.class), context.getBean(LearnerManagement.class),
				context.getBean(EnrolmentManagement.class));
	}

	private TrainingFixture(TenantManagement tenants, UserManagement users, TrainerManagement trainers,
			CourseManagement courses, ClassRunManagement runs, LearnerManagement learners,
			EnrolmentManagement enrolments) {
		this.learners = learners;
		tenant = new Tenants(tenants).create("pages");
		CohortPrincipal admin = tenant.as(Role.ADMIN);
		ops = tenant.as(Role.OPS);
		for (Role role : List.of(Role.OPS, Role.TRAINER, Role.ASSESSOR, Role.LEARNER)) {
			Tenants.as(admin, () -> users.create(new UserManagement.NewUser(email(role.name().toLowerCase()),
					"Page " + role.name().charAt(0) + role.name().substring(1).toLowerCase(), PASSWORD, Set.of(role))));
		}
		UUID trainerUser = Tenants.as(admin,
				() -> users.list(0, 50)
					.items()
					.stream()
					.filter(u -> u.email().equals(email("trainer")))
					.findFirst()
					.orElseThrow()
					.id());
		UUID learnerUser = Tenants.as(admin,
				() -> users.list(0, 50)
					.items()
					.stream()
					.filter(u -> u.email().equals(email("learner")))
					.findFirst()
					.orElseThrow()
					.id());
		UUID otherTrainerUser = Tenants
			.as(admin, () -> users
				.create(new UserManagement.NewUser(email("other"), "Other Trainer", PASSWORD, Set.of(Role.TRAINER))))
			.id();
		UUID trainer = Tenants.as(ops,
				() -> trainers.create(new TrainerManagement.NewTrainer("Tan Trainer", email("trainer"), trainerUser)))
			.id();
		Tenants.as(ops, () -> trainers
			.create(new TrainerManagement.NewTrainer("Other Trainer", email("other"), otherTrainerUser)));
		courseId = Tenants.as(ops, () -> courses.create(new CourseManagement.NewCourse("FA-" + tenant.slug(),
				"First Aid", null, null, List.of(new CourseManagement.NewModule("M1", "CPR", new BigDecimal("8"))))))
			.id();
		Tenants.as(ops, () -> courses.update(courseId,
				new CourseManagement.CourseChange(null, null, null, null, CourseStatus.PUBLISHED)));
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		run = Tenants.as(ops, () -> runs.schedule(courseId, new ClassRunManagement.NewRun("RUN-" + tenant.slug(), today,
				today.plusDays(1), today.minusDays(3), today, 10, "1", "Room 2", false, true, RunStatus.PUBLISHED)));
		sessionId = Tenants
			.as(ops, () -> runs.addSession(run.id(), new ClassRunManagement.NewSession(today, LocalTime.of(9, 0),
					LocalTime.of(17, 0), null, trainer, null)))
			.id();
		String nric = Nrics.next();
		learnerId = Tenants
			.as(ops, () -> learners.register(new LearnerManagement.NewLearner("Lee Learner", email("learner"), null,
					IdType.SP, nric, null, true, learnerUser)))
			.id();
		for (String name : List.of("Alice Ang", "Bala Bose", "Chen Chua")) {
			UUID learner = learner(name);
			Tenants.as(ops, () -> enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, run.id(),
					SponsorshipType.INDIVIDUAL, null, null, null, null), EnrolmentManagement.Source.STAFF));
			rosterNames.add(name);
		}
	}

	/**
	 * A new learner of the tenant, not enrolled, with a national id and email of its own;
	 * its id.
	 */
	UUID learner(String name) {
		String nric = Nrics.next();
		return Tenants
			.as(ops, () -> learners.register(new LearnerManagement.NewLearner(name, nric.toLowerCase() + "@example.com",
					null, IdType.SP, nric, null, true, null)))
			.id();
	}

	String email(String who) {
		return who + "@" + tenant.slug() + ".test";
	}

	String password(String who) {
		return who.equals("admin") ? ADMIN_PASSWORD : PASSWORD;
	}

}
