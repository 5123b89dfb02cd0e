package io.cohort.ui;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.SelectOption;
import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.jobs.ManualWorker;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.RunStatus;
import io.cohort.testing.Chromium;
import io.cohort.testing.MovableClock;
import io.cohort.testing.Nrics;
import io.cohort.testing.RunFixture;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's journeys, each from the login page to the result, in Chromium and through
 * the pages alone (no API call): an OPS person takes a course from nothing to
 * certificates and a run synced with the TPGateway simulator; an ADMIN switches the
 * gateway on; a learner on a phone enrols and downloads a certificate. Fixtures make only
 * what no page of the journey can: the tenant, its users, the learner's earlier training,
 * and draining the outbound job queue (the test context runs no worker).
 */
@ExtendWith(Chromium.class)
class JourneyBrowserTests extends IntegrationTest {

	private static final String PASSWORD = "journey-password-2026";

	private static final String ADMIN_PASSWORD = "a-long-admin-password";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext application;

	@Autowired
	TenantManagement tenants;

	@Autowired
	UserManagement users;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AttendanceManagement attendance;

	@Autowired
	AssessmentManagement assessments;

	@Autowired
	GatewaySettingsManagement gatewaySettings;

	@Autowired
	TpGatewaySimulator simulator;

	@Test
	void opsTakesACourseFromNothingToCertificatesAndARunSyncedWithTheGateway(Browser browser) {
		Tenants.TestTenant tenant = new Tenants(tenants).create("journey-ops");
		String email = "ops@" + tenant.slug() + ".test";
		// a small provider's operations person, who also assesses
		Tenants.as(tenant.as(Role.ADMIN), () -> users
			.create(new UserManagement.NewUser(email, "Olivia Ops", PASSWORD, Set.of(Role.OPS, Role.ASSESSOR))));
		SimulatedProvider provider = onTheSimulator(tenant);
		LocalDate today = runs.today(tenant.id());
		String code = "FA-" + ThreadLocalRandom.current().nextInt(100, 1000);
		String reference = code + "-R01";
		List<String> names = List.of("Priya Nair", "Wei Ming Tan");

		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900))) {
			Page page = context.newPage();
			signIn(page, tenant.slug(), email, PASSWORD);

			// a course, published
			nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Courses")).click();
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New course")).click();
			page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill(code);
			page.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("First Aid at Work");
			page.getByLabel("SSG course reference").fill("TGS-2020002096");
			page.getByLabel("Module 1 code").fill("M1");
			page.getByLabel("Module 1 title").fill("Emergency response");
			page.getByLabel("Module 1 hours").fill("3");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create course")).click();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
			assertThat(page.getByTestId("course-status")).containsText("Published");

			// a run with every detail TPGateway needs, and a session; then published
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schedule a run")).click();
			page.getByLabel("Course", new Page.GetByLabelOptions().setExact(true))
				.selectOption(new SelectOption().setLabel(code + " First Aid at Work (Published)"));
			page.getByLabel("Reference").fill(reference);
			page.getByLabel("Start date").fill(today.toString());
			page.getByLabel("End date").fill(today.toString());
			page.getByLabel("Registration opens").fill(today.minusDays(7).toString());
			page.getByLabel("Registration closes").fill(today.toString());
			page.getByLabel("Capacity (seats)").fill("12");
			page.getByLabel("Venue", new Page.GetByLabelOptions().setExact(true)).fill("112 Robinson Road, #03-01");
			page.getByLabel("Venue postal code").fill("068902");
			page.getByLabel("Course admin email").fill("courses@" + tenant.slug() + ".test");
			page.getByLabel("Publish now (open for enrolment)").uncheck();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule run")).click();
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
				.hasText("Run " + reference);

			page.getByLabel("Date", new Page.GetByLabelOptions().setExact(true)).fill(today.toString());
			page.getByLabel("Starts").fill("09:00");
			page.getByLabel("Ends").fill("12:00");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add session")).click();
			assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Session on " + today + " added.");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish run")).click();
			assertThat(page.getByTestId("run-status")).hasText("Published");
			String runUrl = page.url();

			// two learners, registered with the form
			for (String name : names) {
				nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Learners")).click();
				page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New learner")).click();
				page.getByLabel("Full name").fill(name);
				page.getByLabel("Email").fill(name.toLowerCase().replace(' ', '.') + "@example.com");
				page.getByLabel("Phone").fill("+65 9123 4567");
				page.getByLabel("National id").fill(Nrics.next());
				page.getByLabel("Date of birth").fill("1990-12-31");
				page.getByLabel("The learner consents to their data being kept").check();
				page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register learner")).click();
				assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
					.containsText(name);
			}

			// both enrolled at once from the run page
			nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Runs")).click();
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(reference).setExact(true)).click();
			for (String name : names) {
				page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(name)).check();
			}
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enrol the chosen learners")).click();
			assertThat(page.getByTestId("enrol-report")).containsText(names.get(0));
			assertThat(page.getByTestId("enrol-report")).containsText(names.get(1));
			assertThat(page.getByTestId("run-seats")).containsText("2 taken of 12");

			// the sheet: both present
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Attendance sheet for " + today)).click();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save attendance")).click();
			assertThat(page.getByTestId("sheet-result")).hasText("Attendance saved: 2 new, 0 corrected, 0 unchanged.");

			// the gradebook: both competent
			page.navigate(runUrl);
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Gradebook").setExact(true)).click();
			for (String name : names) {
				page.getByLabel("M1 for " + name).selectOption(new SelectOption().setLabel("Competent"));
			}
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save results")).click();
			assertThat(page.getByTestId("notice")).hasText("Saved: 2 recorded, 0 changed, 0 unchanged.");

			// a certificate for each, on the run's certificates page
			page.navigate(runUrl);
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Certificates of this run")).click();
			for (String name : names) {
				assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name)))
					.containsText("Valid");
			}

			// the queue drained, the run page shows the run synced
			drain(ManualWorker.on(application, new MovableClock(Instant.now().plus(Duration.ofDays(2))), tenant.id()));
			page.navigate(runUrl);
			// the gateway module fills one placeholder per record, named by the record's
			// id
			Locator runSync = page.locator("#sync-" + runUrl.substring(runUrl.lastIndexOf('/') + 1));
			assertThat(runSync).hasAttribute("data-sync-state", "SYNCED");
			assertThat(runSync).containsText("Synced, ref ");
			for (String name : names) {
				assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Enrolments"))
					.getByRole(AriaRole.ROW)
					.filter(new Locator.FilterOptions().setHasText(name))).containsText("Synced, ref ");
			}
			assertThat(simulator.enrolments(provider.uen())).hasSize(2);
			page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/journey-ops-run.png"))
				.setFullPage(true));
		}
	}

	@Test
	void adminSwitchesTheGatewayOnFromTheSettingsPage(Browser browser) {
		Tenants.TestTenant tenant = new Tenants(tenants).create("journey-admin");
		SimulatedProvider provider = simulator.register(uen(), false);

		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900))) {
			Page page = context.newPage();
			signIn(page, tenant.slug(), "admin@" + tenant.slug() + ".test", ADMIN_PASSWORD);
			nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Integrations")).click();
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("TPGateway settings")).click();
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("TPGateway");

			page.getByLabel("Send records to TPGateway").check();
			page.getByLabel("Base URL").fill("http://localhost:" + port + "/simulators/tpgateway/" + provider.uen());
			page.getByLabel("Training provider UEN").fill(provider.uen());
			page.getByLabel("Payload encryption key").fill(provider.encryptionKey());
			page.getByLabel("Sign-in").selectOption(new SelectOption().setLabel("None (simulator)"));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
			assertThat(page.getByRole(AriaRole.STATUS).first())
				.hasText("TPGateway settings saved; sending records is on.");

			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection")).click();
			assertThat(page.getByTestId("gateway-test")).hasText("TPGateway answered for UEN " + provider.uen() + ".");
			assertThat(page.getByTestId("gateway-enabled")).hasText("On");
		}
		assertThat(Tenants.as(tenant.as(Role.ADMIN), gatewaySettings::get).enabled()).isTrue();
	}

	@Test
	void aLearnerOnAPhoneEnrolsAndDownloadsTheirCertificate(Browser browser) throws Exception {
		RunFixture earlier = new RunFixture("journey-learner", 1, 1, tenants, courses, runs, learners, enrolments);
		String email = "learner@" + earlier.tenant.slug() + ".test";
		UserView user = Tenants.as(earlier.admin,
				() -> users.create(new UserManagement.NewUser(email, "Lim Learner", PASSWORD, Set.of(Role.LEARNER))));
		Tenants.as(earlier.ops, () -> learners.update(earlier.roster.get(0).learnerId(),
				new LearnerManagement.LearnerChange(null, null, null, null, null, null, null, user.id())));
		// the training the learner already did: a certificate earned
		for (var session : earlier.sessions) {
			Tenants.as(earlier.ops, () -> attendance.markSheet(session.id(), List
				.of(new AttendanceManagement.Entry(earlier.roster.get(0).id(), AttendanceStatus.PRESENT, null))));
		}
		Tenants.as(earlier.assessor,
				() -> assessments.record(new AssessmentManagement.NewAssessment(earlier.roster.get(0).id(),
						earlier.module(0), AssessmentResult.COMPETENT, null, null, earlier.today(), null)));
		// and a run open for registration
		Tenants.run(earlier.ops, () -> courses.update(earlier.course.id(),
				new CourseManagement.CourseChange(null, null, null, null, CourseStatus.PUBLISHED)));
		LocalDate today = earlier.today();
		String next = "R2-" + earlier.tenant.slug();
		Tenants.run(earlier.ops,
				() -> runs.schedule(earlier.course.id(),
						new ClassRunManagement.NewRun(next, today.plusDays(14), today.plusDays(15), today.minusDays(1),
								today.plusDays(10), 10, "1", "Room 3", false, true, RunStatus.PUBLISHED)));

		try (BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
				.setViewportSize(360, 740)
				.setIsMobile(true)
				.setHasTouch(true)
				.setAcceptDownloads(true))) {
			Page page = context.newPage();
			signIn(page, earlier.tenant.slug(), email, PASSWORD);

			nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Available runs")).click();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enrol in " + next)).click();
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("You are enrolled in run " + next + ".");
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/journey-learner-enrolled.png"))
						.setFullPage(true));

			nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My certificates")).click();
			Locator row = page.getByRole(AriaRole.ROW)
				.filter(new Locator.FilterOptions().setHasText("Workplace Safety"));
			assertThat(row).containsText("Valid");
			String number = row.getAttribute("data-number");
			List<Response> responses = new ArrayList<>();
			page.onResponse(response -> {
				if (response.url().endsWith(".pdf")) {
					responses.add(response);
				}
			});
			Download download = page.waitForDownload(
					() -> row
						.getByRole(AriaRole.LINK,
								new Locator.GetByRoleOptions().setName("Download PDF of certificate " + number))
						.click());
			Path file = download.path();
			byte[] pdf = Files.readAllBytes(file);
			assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
			assertThat(download.suggestedFilename()).isEqualTo("certificate-" + number + ".pdf");
			assertThat(responses).singleElement()
				.satisfies(response -> assertThat(response.headerValue("content-type")).startsWith("application/pdf"));
		}
	}

	/**
	 * The main pages of each demo role, with axe-core injected: none may have a serious
	 * or critical violation; lesser ones are printed.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					admin    | /, /admin/users, /admin/api-keys, /settings/integrations, /settings/gateway, /settings/certificates, /settings/retry-policy, /settings/deadlines, /settings/notifications, /settings/events, /compliance, /audit, /jobs
					ops      | /, /courses, /courses/*, /runs, /runs/*, /runs/*/gradebook, /runs/*, /runs/*/certificates, /runs/*, /runs/*/edit, /learners, /learners/*, +/record, /calendar, /trainers, /imports, /my/notifications
					trainer  | /, /my/sessions, /sessions/*
					assessor | /, /assessments
					learner  | /, /portal, /my/schedule, /my/attendance, /my/certificates, /my/notifications
					""")
	void theMainPagesOfEachRoleHaveNoSeriousAccessibilityViolation(String role, String paths, Browser browser) {
		List<String> serious = new ArrayList<>();
		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900))) {
			context.addInitScript(AxeCore.script());
			Page page = context.newPage();
			page.navigate("/login");
			scan(page, "/login", serious);
			signIn(page, "demo", role + "@demo.cohort.local", "cohort-demo-2026");
			for (String path : paths.split(",\\s*")) {
				String url = path.startsWith("+") ? URI.create(page.url()).getPath() + path.substring(1)
						: path.contains("*") ? Chromium.firstLinkLike(page, path) : path;
				assertThat(page.navigate(url).status()).as(url).isEqualTo(200);
				scan(page, url, serious);
			}
		}
		assertThat(serious).as("serious or critical accessibility violations for " + role).isEmpty();
	}

	@Test
	void thePasswordPagesHaveNoSeriousAccessibilityViolation(Browser browser) {
		List<String> serious = new ArrayList<>();
		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900))) {
			context.addInitScript(AxeCore.script());
			Page page = context.newPage();
			PasswordPagesTour.walk(page, "demo", "assessor@demo.cohort.local", url -> scan(page, url, serious));
		}
		assertThat(serious).as("serious or critical accessibility violations on the password pages").isEmpty();
	}

	private SimulatedProvider onTheSimulator(Tenants.TestTenant tenant) {
		SimulatedProvider provider = simulator.register(uen(), false);
		Tenants.run(tenant.as(Role.ADMIN),
				() -> gatewaySettings.update(new GatewaySettingsManagement.SettingsChange(true,
						"http://localhost:" + port + "/simulators/tpgateway/" + provider.uen(), provider.uen(),
						provider.encryptionKey(), GatewaySettingsManagement.AuthMode.NONE, null, null, null, null, null,
						null, null)));
		return provider;
	}

	private static String uen() {
		return "20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K";
	}

	private static void drain(ManualWorker worker) {
		for (int pass = 0; pass < 10 && worker.drainOnce("journey", 20) > 0; pass++) {
			// a job that waits for another becomes due in the next pass
		}
	}

	/** Runs axe-core on the page once htmx has loaded its parts; prints what it finds. */
	private static void scan(Page page, String url, List<String> serious) {
		page.waitForLoadState(LoadState.NETWORKIDLE);
		Object found = page.evaluate(AxeCore.RUN);
		assertThat(found).as("axe's violations on " + url).isInstanceOf(List.class);
		for (Object violation : (List<?>) found) {
			String line = url + ": " + violation;
			System.out.println("axe " + line);
			if (line.contains("[serious]") || line.contains("[critical]")) {
				serious.add(line);
			}
		}
	}

	/** Signs in, and checks that the pages say who. */
	private static void signIn(Page page, String organisation, String email, String password) {
		Chromium.signIn(page, organisation, email, password);
		assertThat(page.getByTestId("signed-in-user")).hasText(email);
	}

	private static Locator nav(Page page) {
		return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
	}

}
