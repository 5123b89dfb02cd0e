package io.cohort.ui;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.cohort.IntegrationTest;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The training core in a real browser: a learner enrols from the portal and finds the run
 * in their schedule; a trainer marks a session's sheet with one learner absent.
 */
@ExtendWith(Chromium.class)
class TrainingBrowserTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	JdbcClient jdbc;

	private BrowserContext context;

	private Page page;

	private TrainingFixture fixture;

	@BeforeEach
	void openPage(Browser browser) {
		fixture = TrainingFixture.in(application);
		context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900));
		page = context.newPage();
	}

	@AfterEach
	void closePage() {
		context.close();
	}

	@Test
	void learnerEnrolsFromThePortal() {
		signIn("learner");
		nav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Available runs")).click();
		String reference = fixture.run.reference();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enrol in " + reference)).click();

		assertThat(page.getByRole(AriaRole.STATUS)).containsText("You are enrolled in run " + reference + ".");
		assertThat(page.locator("tr[data-run='" + reference + "']")).containsText("Enrolled");
		assertThat(page.locator("tr[data-enrolment='" + reference + "']")).containsText("Confirmed");

		nav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My schedule")).click();
		Locator upcoming = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Upcoming sessions"));
		assertThat(upcoming.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(reference)))
			.containsText("Tan Trainer");

		// the confirmation reaches the learner in-app, written after the enrolment's
		// commit
		nav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My messages")).click();
		Locator unread = page.locator("li[data-read='false']")
			.filter(new Locator.FilterOptions().setHasText("Enrolment confirmed"));
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (unread.count() == 0) {
				page.reload();
			}
			return unread.count() > 0;
		});
		assertThat(page.getByTestId("unread-count")).not().hasText("0 unread messages");
	}

	@Test
	void trainerMarksASessionWithOneLearnerAbsent() {
		signIn("trainer");
		nav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My sessions")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mark " + fixture.run.reference())).click();

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.containsText("Attendance: " + fixture.run.reference());
		assertThat(page.getByTestId("check-in-code")).not().isEmpty();
		String absentee = fixture.rosterNames.get(1);
		page.getByLabel("Absent " + absentee).check();
		page.waitForFunction(
				"() => { const qr = document.querySelector('#check-in img'); return qr.complete && qr.naturalWidth > 0; }");
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/attendance-sheet.png"))
			.setFullPage(true));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save attendance")).click();

		assertThat(page.getByTestId("sheet-result")).hasText("Attendance saved: 3 new, 0 corrected, 0 unchanged.");
		assertThat(page.getByLabel("Absent " + absentee)).isChecked();
		assertThat(page.getByLabel("Absent " + fixture.rosterNames.get(0))).not().isChecked();
		List<String> statuses = jdbc.sql("SELECT status FROM attendance WHERE session_id = :id ORDER BY status")
			.param("id", fixture.sessionId)
			.query(String.class)
			.list();
		assertThat(statuses).containsExactly("ABSENT", "PRESENT", "PRESENT");

		signOutAndIn("ops");
		page.navigate("/runs/" + fixture.run.id());
		assertThat(page.locator("tr[data-learner='" + absentee + "']")).containsText("0.0%");
		page.screenshot(
				new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/run-detail.png")).setFullPage(true));
	}

	private void signIn(String who) {
		Chromium.signIn(page, fixture.tenant.slug(), fixture.email(who), fixture.password(who));
		assertThat(page.getByTestId("signed-in-user")).hasText(fixture.email(who));
	}

	private void signOutAndIn(String who) {
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
		signIn(who);
	}

	private Locator nav() {
		return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
	}

}
