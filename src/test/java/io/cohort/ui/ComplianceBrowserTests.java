package io.cohort.ui;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.cohort.IntegrationTest;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.identity.Role;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.Chromium;
import io.cohort.testing.SyncJobs;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compliance dashboard in a real browser: an admin finds a dead letter, retries it
 * with the row's button (an htmx post), and it leaves the dead list; the enrolment's own
 * state on the run page (filled in by htmx) follows.
 */
@ExtendWith(Chromium.class)
class ComplianceBrowserTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	GatewaySettingsManagement gateway;

	@Autowired
	JdbcClient jdbc;

	@Test
	void adminRetriesADeadLetterAndItLeavesTheDeadList(Browser browser) {
		TrainingFixture fixture = TrainingFixture.in(application);
		Tenants.as(fixture.tenant.as(Role.ADMIN),
				() -> gateway.update(new GatewaySettingsManagement.SettingsChange(true,
						"http://localhost:9/simulators/tpgateway/201912345K", "201912345K", SyncJobs.KEY,
						GatewaySettingsManagement.AuthMode.NONE, null, null, null, null, null, null, null)));
		EnrolmentView enrolment = Tenants.as(fixture.tenant.as(Role.OPS),
				() -> enrolments.search(fixture.run.id(), null, null, 0, 10).items().get(0));
		UUID dead = SyncJobs.insert(jdbc, fixture.tenant.id(), "enrolment", enrolment.id(), fixture.run.id(), "DEAD",
				"enrolment.trainee.id: is required", null, Duration.ofMinutes(10));

		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900))) {
			Page page = context.newPage();
			Chromium.signIn(page, fixture.tenant.slug(), fixture.email("admin"), fixture.password("admin"));

			page.navigate("/runs/" + fixture.run.id());
			assertThat(page.locator("#sync-" + enrolment.id()))
				.containsText("Sync failed: enrolment.trainee.id: is required");

			page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
				.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Compliance"))
				.click();
			assertThat(page.getByTestId("simulator")).containsText("Connected to the TPGateway simulator");
			Locator row = page.locator("tr[data-job='" + dead + "']");
			assertThat(row).containsText("enrolment.trainee.id: is required");
			assertThat(row.locator("td").nth(3)).hasText("1");
			page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/compliance.png"))
				.setFullPage(true));

			row.getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions().setName("Retry CREATE_ENROLMENT " + enrolment.id()))
				.click();

			assertThat(page.getByTestId("notice")).hasText("1 job put back in the queue.");
			assertThat(page.locator("tr[data-job='" + dead + "']")).hasCount(0);
			assertThat(page.getByTestId("no-dead-letters")).isVisible();
			assertThat(jdbc.sql("SELECT status FROM sync_job WHERE id = :id")
				.param("id", dead)
				.query(String.class)
				.single()).isEqualTo("PENDING");

			page.navigate("/runs/" + fixture.run.id());
			assertThat(page.locator("#sync-" + enrolment.id())).containsText("Sync pending");
		}
	}

}
