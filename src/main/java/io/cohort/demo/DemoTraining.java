package io.cohort.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.catalog.CourseView;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.gateway.LocalSimulator;
import io.cohort.identity.ApiKeyManagement;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.learners.LearnerManagement;
import io.cohort.lms.LocalMoodle;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.shared.IdType;
import io.cohort.system.Installation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo tenant's training data once (when it has no courses yet), through the
 * modules' own facades as the demo users would: OPS schedules and enrols, the trainer
 * marks attendance, the assessor records results (and so certificates issue).
 */
@Component
@Order(10)
class DemoTraining implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoTraining.class);

	/** Demo learners: name, NRIC (valid check letters), email. */
	private static final List<String[]> PEOPLE = List.of(new String[] { "Tan Wei Ming", "S8012345J" },
			new String[] { "Nur Aisyah binte Rahman", "S8123456F" }, new String[] { "Rajesh Kumar", "S7734567A" },
			new String[] { "Lim Hui Min", "T0212345I" }, new String[] { "Chen Jia Hui", "S9045678D" },
			new String[] { "Muhammad Faizal", "S8856789G" }, new String[] { "Priya Nair", "T0123456G" },
			new String[] { "Wong Kai Xuan", "S9567890D" }, new String[] { "Goh Siew Ling", "S7678901J" },
			new String[] { "Daniel Ong", "S8489012Z" }, new String[] { "Farah Hassan", "T0390123D" });

	/**
	 * The demo tenant's integration API key for trying seed 003's webhooks against the
	 * local run; it is published in the README, so it exists only where the demo data is
	 * seeded.
	 */
	static final String DEMO_CRM_KEY = "ck_demo00_zoho-crm-demo-key-2026";

	/** The demo learner's own account: name and NRIC. */
	private static final String[] DEMO_LEARNER = { "Demo Learner", "S1234567D" };

	/**
	 * A demo learner as seeded: name, NRIC and a mobile number drawn independently of the
	 * NRIC.
	 */
	record DemoPerson(String name, String nationalId, String phone) {
	}

	/**
	 * The demo learners (the demo account's own last), each with a Singapore mobile
	 * number (8 or 9 and seven digits) drawn from a seeded random, so the data is the
	 * same every run yet the phone reveals nothing of the NRIC that its mask hides.
	 */
	static List<DemoPerson> people() {
		java.util.Random random = new java.util.Random(20261206L);
		List<DemoPerson> people = new ArrayList<>();
		List<String[]> all = new ArrayList<>(PEOPLE);
		all.add(DEMO_LEARNER);
		for (String[] person : all) {
			String digits = person[1].replaceAll("\\D", "");
			String phone;
			do {
				phone = (random.nextBoolean() ? "8" : "9") + String.format("%07d", random.nextInt(10_000_000));
			}
			while (sharesFourDigits(phone, digits));
			people.add(new DemoPerson(person[0], person[1], "+65 " + phone.substring(0, 4) + " " + phone.substring(4)));
		}
		return List.copyOf(people);
	}

	private static boolean sharesFourDigits(String phone, String idDigits) {
		for (int i = 0; i + 4 <= idDigits.length(); i++) {
			if (phone.contains(idDigits.substring(i, i + 4))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The demo training centre's postal code and course admin, which TPGateway needs to
	 * publish a run.
	 */
	private static final String CENTRE_POSTAL_CODE = "068902";

	private static final String COURSE_ADMIN = "courses@demo.cohort.local";

	private final Installation installation;

	private final TenantManagement tenants;

	private final UserManagement users;

	private final CourseManagement courses;

	private final ClassRunManagement runs;

	private final TrainerManagement trainers;

	private final LearnerManagement learners;

	private final EnrolmentManagement enrolments;

	private final AttendanceManagement attendance;

	private final AssessmentManagement assessments;

	private final LocalSimulator simulator;

	private final LocalMoodle moodle;

	private final ApiKeyManagement apiKeys;

	private final TransactionTemplate tx;

	DemoTraining(Installation installation, TenantManagement tenants, UserManagement users, CourseManagement courses,
			ClassRunManagement runs, TrainerManagement trainers, LearnerManagement learners,
			EnrolmentManagement enrolments, AttendanceManagement attendance, AssessmentManagement assessments,
			LocalSimulator simulator, LocalMoodle moodle, ApiKeyManagement apiKeys, TransactionTemplate tx) {
		this.installation = installation;
		this.tenants = tenants;
		this.users = users;
		this.courses = courses;
		this.runs = runs;
		this.trainers = trainers;
		this.learners = learners;
		this.enrolments = enrolments;
		this.attendance = attendance;
		this.assessments = assessments;
		this.simulator = simulator;
		this.moodle = moodle;
		this.apiKeys = apiKeys;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!installation.demoData()) {
			return;
		}
		TenantView demo = tenants.findBySlug("demo").orElse(null);
		if (demo == null) {
			return;
		}
		Map<String, UserView> accounts = as(principal(demo, UUID.randomUUID(), "demo-seeder", Role.ADMIN),
				() -> users.list(0, 200)
					.items()
					.stream()
					.collect(Collectors.toMap(UserView::email, Function.identity())));
		UserView ops = accounts.get("ops@demo.cohort.local");
		UserView trainer = accounts.get("trainer@demo.cohort.local");
		UserView learner = accounts.get("learner@demo.cohort.local");
		UserView assessor = accounts.get("assessor@demo.cohort.local");
		UserView admin = accounts.get("admin@demo.cohort.local");
		if (admin != null && simulator.available()
				&& as(principal(demo, admin.id(), admin.email(), Role.ADMIN), () -> simulator.connect(demo.uen()))) {
			log.info("The demo tenant sends its records to the built-in TPGateway simulator");
		}
		if (admin != null && moodle.available()
				&& as(principal(demo, admin.id(), admin.email(), Role.ADMIN), () -> moodle.connect(demo.slug()))) {
			log.info("The demo tenant provisions its enrolments in the built-in Moodle simulator");
		}
		if (admin != null && as(principal(demo, admin.id(), admin.email(), Role.ADMIN),
				() -> apiKeys.register("Zoho CRM (demo)", DEMO_CRM_KEY))) {
			log.info("The demo tenant's CRM webhooks take the API key documented in the README");
		}
		if (ops == null || trainer == null || learner == null || assessor == null) {
			return;
		}
		CohortPrincipal opsPrincipal = principal(demo, ops.id(), ops.email(), Role.OPS);
		boolean seeded = as(opsPrincipal, () -> courses.list(null, null, 0, 1).total() > 0);
		if (seeded) {
			return;
		}
		tx.executeWithoutResult(
				status -> seed(demo, opsPrincipal, principal(demo, trainer.id(), trainer.email(), Role.TRAINER),
						principal(demo, assessor.id(), assessor.email(), Role.ASSESSOR), learner));
		log.info("Seeded the demo tenant's courses, runs, learners, enrolments and attendance");
	}

	private void seed(TenantView demo, CohortPrincipal ops, CohortPrincipal trainerUser, CohortPrincipal assessorUser,
			UserView learnerUser) {
		as(ops, () -> {
			LocalDate today = runs.today(demo.id());
			UUID trainer = trainers
				.create(new TrainerManagement.NewTrainer("Demo Trainer", "trainer@demo.cohort.local", trainerUser.id()))
				.id();
			trainers.create(new TrainerManagement.NewTrainer("Siti Aminah", "siti.trainer@demo.cohort.local", null));

			CourseView safety = course("WSH-101", "Workplace Safety and Health", "TGS-2020002096",
					new CourseManagement.NewModule("WSH-1", "Hazard identification", new BigDecimal("4")),
					new CourseManagement.NewModule("WSH-2", "Risk control measures", new BigDecimal("4")));
			CourseView analytics = course("DAF-201", "Data Analytics Fundamentals", "TGS-2021004455",
					new CourseManagement.NewModule("DAF-1", "Spreadsheets and pivots", new BigDecimal("7")),
					new CourseManagement.NewModule("DAF-2", "Dashboards", new BigDecimal("7")));
			CourseView service = course("CSE-110", "Customer Service Excellence", "TGS-2019503108",
					new CourseManagement.NewModule("CSE-1", "Service mindset", new BigDecimal("6")));

			List<UUID> people = new ArrayList<>();
			List<DemoPerson> everyone = people();
			// one learner's date of birth was never given, which TPGateway needs for an
			// enrolment: theirs are refused there, the dead letters on the compliance
			// page
			int withoutDateOfBirth = 8;
			for (DemoPerson person : everyone.subList(0, everyone.size() - 1)) {
				people.add(
						learners
							.register(new LearnerManagement.NewLearner(person.name(),
									person.name().toLowerCase().replaceAll("[^a-z]+", ".") + "@example.com",
									person.phone(),
									person.nationalId().startsWith("S") || person.nationalId().startsWith("T")
											? IdType.SP : IdType.SO,
									person.nationalId(),
									people.size() == withoutDateOfBirth ? null
											: LocalDate.of(1985, 1, 1).plusDays(people.size() * 400L),
									true, null))
							.id());
			}
			DemoPerson own = everyone.get(everyone.size() - 1);
			UUID me = learners
				.register(new LearnerManagement.NewLearner(own.name(), "learner@demo.cohort.local", own.phone(),
						IdType.SP, own.nationalId(), LocalDate.of(1995, 5, 17), true, learnerUser.id()))
				.id();

			// Today: a one-day run with a session in progress, marked by the trainer.
			ClassRunView now = runs.schedule(safety.id(),
					new ClassRunManagement.NewRun("WSH-101-R01", today, today, today, today, 12, "1",
							"Cohort Training Centre, Room 1", false, false, RunStatus.PUBLISHED, CENTRE_POSTAL_CODE,
							COURSE_ADMIN));
			SessionView session = runs.addSession(now.id(), new ClassRunManagement.NewSession(today, LocalTime.of(9, 0),
					LocalTime.of(17, 0), null, trainer, null));
			List<EnrolmentView> present = new ArrayList<>();
			present.add(enrol(me, now.id(), FeeCollectionStatus.FULL));
			for (UUID person : people.subList(0, 6)) {
				present.add(enrol(person, now.id(), FeeCollectionStatus.FULL));
			}
			runs.update(now.id(), new ClassRunManagement.RunChange(null, null, null, null, null, null, null, null, null,
					null, RunStatus.ONGOING));

			// Open for registration: a two-day run in two weeks, room left.
			ClassRunView open = runs.schedule(analytics.id(),
					new ClassRunManagement.NewRun("DAF-201-R03", today.plusDays(14), today.plusDays(15),
							today.minusDays(1), today.plusDays(10), 20, "1", "Cohort Training Centre, Lab 2", false,
							true, RunStatus.PUBLISHED, CENTRE_POSTAL_CODE, COURSE_ADMIN));
			runs.addSession(open.id(), new ClassRunManagement.NewSession(today.plusDays(14), LocalTime.of(9, 0),
					LocalTime.of(17, 0), null, trainer, null));
			runs.addSession(open.id(), new ClassRunManagement.NewSession(today.plusDays(15), LocalTime.of(9, 0),
					LocalTime.of(17, 0), null, trainer, null));
			for (UUID person : people.subList(6, 9)) {
				enrol(person, open.id(), FeeCollectionStatus.PENDING);
			}

			// Full, with a waitlist; online, with the training centre's postal code,
			// which
			// TPGateway asks for even then.
			ClassRunView full = runs.schedule(service.id(),
					new ClassRunManagement.NewRun("CSE-110-R07", today.plusDays(7), today.plusDays(7),
							today.minusDays(1), today.plusDays(5), 3, "9", "Online (Zoom)", false, true,
							RunStatus.PUBLISHED, CENTRE_POSTAL_CODE, COURSE_ADMIN));
			runs.addSession(full.id(), new ClassRunManagement.NewSession(today.plusDays(7), LocalTime.of(14, 0),
					LocalTime.of(18, 0), null, null, null));
			for (UUID person : people.subList(6, 11)) {
				enrol(person, full.id(), FeeCollectionStatus.PARTIAL);
			}

			// Finished: two past runs, whose MOOC courses the analytics simulator follows
			// (LocalAnalytics): the history the tenant's dropout model learns from.
			for (int i = 1; i <= 2; i++) {
				LocalDate start = today.minusDays(35L * i + 28);
				ClassRunView past = runs.schedule(safety.id(),
						new ClassRunManagement.NewRun("WSH-101-P0" + i, start, start.plusDays(27), start.minusDays(30),
								start.minusDays(1), 60, "1", "Cohort Training Centre, Room 1", false, false,
								RunStatus.PUBLISHED, CENTRE_POSTAL_CODE, COURSE_ADMIN),
						ClassRunManagement.Source.CRM);
				for (RunStatus next : List.of(RunStatus.ONGOING, RunStatus.COMPLETED)) {
					runs.update(past.id(), new ClassRunManagement.RunChange(null, null, null, null, null, null, null,
							null, null, null, next));
				}
			}

			// A draft run still being planned.
			runs.schedule(safety.id(),
					new ClassRunManagement.NewRun("WSH-101-R02", today.plusDays(30), today.plusDays(30),
							today.plusDays(1), today.plusDays(25), 15, "3", "Client site (in-house)", true, false,
							RunStatus.DRAFT));
			as(trainerUser, () -> attendance.markSheet(session.id(), present.stream()
				.map(e -> new AttendanceManagement.Entry(e.id(),
						e.learnerId().equals(people.get(3)) ? AttendanceStatus.ABSENT : AttendanceStatus.PRESENT, null))
				.toList()));

			// Results: everyone who attended is competent in both modules, so their
			// certificates issue.
			as(assessorUser, () -> {
				for (EnrolmentView enrolment : present) {
					if (enrolment.learnerId().equals(people.get(3))) {
						continue;
					}
					for (CourseView.ModuleView module : safety.modules()) {
						assessments.record(new AssessmentManagement.NewAssessment(enrolment.id(), module.id(),
								AssessmentResult.COMPETENT, new BigDecimal("80"), "B", today, null));
					}
				}
				return null;
			});
			return null;
		});
	}

	private CourseView course(String code, String title, String ref, CourseManagement.NewModule... modules) {
		CourseView course = courses.create(new CourseManagement.NewCourse(code, title,
				title + ": a demo course of the Cohort demo tenant.", ref, List.of(modules)));
		return courses.update(course.id(),
				new CourseManagement.CourseChange(null, null, null, null, CourseStatus.PUBLISHED));
	}

	private EnrolmentView enrol(UUID learner, UUID run, FeeCollectionStatus fees) {
		return enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, run, SponsorshipType.INDIVIDUAL, null,
				new BigDecimal("450.00"), BigDecimal.ZERO, fees), EnrolmentManagement.Source.STAFF);
	}

	private static CohortPrincipal principal(TenantView tenant, UUID id, String name, Role role) {
		return new CohortPrincipal(CohortPrincipal.Kind.USER, id, tenant.id(), tenant.slug(), name, EnumSet.of(role));
	}

	private static <T> T as(CohortPrincipal principal, java.util.function.Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
				principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

}
