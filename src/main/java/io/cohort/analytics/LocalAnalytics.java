package io.cohort.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.cohort.analytics.simulator.AnalyticsSimulator;
import io.cohort.analytics.simulator.SimulatedLearner;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.shared.PageView;
import io.cohort.system.Installation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * For the local run's demo tenant, once the application is ready: connects the tenant to
 * the analytics simulator inside this application (unless an ADMIN pointed it elsewhere;
 * the same simulator under another address is followed), links the run in progress today
 * ({@code WSH-101-R01}) to a simulated MOOC course holding its learners and a few guests,
 * and ingests it on a thread of its own, so start-up does not wait. Each finished run is
 * linked to a finished simulated course of {@value #FINISHED_GUESTS} guests and ingested
 * too; then, if the tenant has no model yet, the model is trained on that history. The
 * simulator keeps its sites in memory and regenerates the courses from the same seeds on
 * every start, so ingesting again changes nothing.
 */
@Component
class LocalAnalytics {

	private static final Logger log = LoggerFactory.getLogger(LocalAnalytics.class);

	static final String PATH = "/simulators/analytics/";

	static final String RUN = "WSH-101-R01";

	static final String COURSE = "course-v1:CohortDemo+WSH101+R01";

	/** The MOOC users of each finished run's simulated course. */
	static final int FINISHED_GUESTS = 60;

	private static final long SEED = 20_260_101L;

	private final AnalyticsSimulator simulator;

	private final AnalyticsSettingsManagement settings;

	private final AnalyticsManagement analytics;

	private final IngestionManagement ingestion;

	private final DropoutModels models;

	private final TenantManagement tenants;

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	private final Installation installation;

	private final Environment environment;

	LocalAnalytics(AnalyticsSimulator simulator, AnalyticsSettingsManagement settings, AnalyticsManagement analytics,
			IngestionManagement ingestion, DropoutModels models, TenantManagement tenants, ClassRunManagement runs,
			EnrolmentManagement enrolments, LearnerManagement learners, Installation installation,
			Environment environment) {
		this.simulator = simulator;
		this.settings = settings;
		this.analytics = analytics;
		this.ingestion = ingestion;
		this.models = models;
		this.tenants = tenants;
		this.runs = runs;
		this.enrolments = enrolments;
		this.learners = learners;
		this.installation = installation;
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void demo() {
		if (!installation.demoData() || !simulator.enabled() || environment.getProperty("local.server.port") == null) {
			return;
		}
		Optional<TenantView> demo = tenants.findBySlug("demo");
		if (demo.isEmpty()) {
			return;
		}
		UUID tenant = demo.get().id();
		Thread thread = new Thread(() -> {
			try {
				CurrentActor.asSystem(tenant, () -> connect(demo.get().slug()));
			}
			catch (RuntimeException ex) {
				log.warn("The demo tenant's analytics were not set up", ex);
			}
		}, "analytics-demo");
		thread.setDaemon(true);
		thread.start();
	}

	private boolean connect(String siteName) {
		UUID tenant = CurrentActor.tenantId();
		Optional<ClassRunView> run = runs.live().stream().filter(r -> RUN.equalsIgnoreCase(r.reference())).findFirst();
		if (run.isEmpty()) {
			return false;
		}
		String base = baseUrl(siteName);
		AnalyticsSettingsManagement.AnalyticsSettingsView current = settings.get();
		if (current.configured()) {
			if (current.moocBaseUrl() == null || !current.moocBaseUrl().contains(PATH)) {
				return false;
			}
			simulator.site(siteName, settings.sources(tenant).orElseThrow().mooc().token());
			if (!current.moocBaseUrl().startsWith(base)) {
				// the same simulator under another port: the stored tokens stay
				settings.update(new AnalyticsSettingsManagement.SettingsChange(base + "mooc", null, base + "h5p", null,
						current.riskThreshold(), current.pageSize()));
			}
		}
		else {
			String token = simulator.createSite(siteName);
			settings.update(new AnalyticsSettingsManagement.SettingsChange(base + "mooc", token, base + "h5p", token,
					null, null));
		}
		simulator.addCourse(siteName, COURSE, SEED, known(run.get()), 8, Instant.now(), false);
		IngestionManagement.IngestionView done = follow(run.get(), COURSE);
		log.info("The demo tenant's run {} was ingested from the built-in analytics simulator: {}", RUN, done.state());
		List<ClassRunView> finished = finished();
		for (ClassRunView past : finished) {
			String course = "course-v1:CohortDemo+" + past.reference().replace("-", "") + "+done";
			Instant end = past.endDate().atTime(17, 0).atZone(tenants.zone(tenant)).toInstant();
			simulator.addCourse(siteName, course, SEED + 1 + Math.floorMod(past.reference().hashCode(), 997),
					known(past), FINISHED_GUESTS, end, true);
			follow(past, course);
		}
		if (!finished.isEmpty() && models.latest(tenant, false).isEmpty()) {
			AnalyticsManagement.ModelView model = analytics.train();
			log.info("The demo tenant's dropout model was trained on {} finished runs: {} scores ({})", finished.size(),
					model.activeVersion(), model.note());
		}
		return true;
	}

	private List<SimulatedLearner> known(ClassRunView run) {
		List<SimulatedLearner> known = new ArrayList<>();
		for (EnrolmentView enrolment : enrolments.roster(run.id(), EnrolmentStatus.values())) {
			learners.find(enrolment.learnerId())
				.ifPresent(learner -> known.add(new SimulatedLearner(learner.email(), learner.fullName())));
		}
		return known;
	}

	private IngestionManagement.IngestionView follow(ClassRunView run, String course) {
		if (analytics.course(run.id()).moocCourseId() == null) {
			analytics.link(run.id(), course);
		}
		return ingestion.ingest(run.id());
	}

	/** The tenant's finished runs, every page of them. */
	private List<ClassRunView> finished() {
		List<ClassRunView> finished = new ArrayList<>();
		for (int page = 0;; page++) {
			PageView<ClassRunView> found = runs.list(null, RunStatus.COMPLETED, page, 100);
			finished.addAll(found.items());
			if (found.items().isEmpty() || finished.size() >= found.total()) {
				return finished;
			}
		}
	}

	private String baseUrl(String siteName) {
		String port = Objects.requireNonNull(environment.getProperty("local.server.port"), "the server's port");
		@Nullable String contextPath = environment.getProperty("server.servlet.context-path");
		return "http://localhost:" + port + (contextPath == null ? "" : contextPath) + PATH + siteName + "/";
	}

}
