package io.cohort.ui;

import java.nio.file.Paths;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.cohort.IntegrationTest;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The gradebook in a real browser: an assessor enters two results with the keyboard alone
 * (a letter picks the result, Enter moves down), saves, and sees them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradebookBrowserTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	private Playwright playwright;

	private Browser browser;

	@BeforeAll
	void launch() {
		playwright = Playwright.create();
		browser = Chromium.launch(playwright);
	}

	@AfterAll
	void close() {
		browser.close();
		playwright.close();
	}

	@Test
	void anAssessorEntersTwoResultsWithTheKeyboard() {
		TrainingFixture fixture = TrainingFixture.in(application);
		BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900));
		Page page = context.newPage();
		page.navigate("/login");
		page.getByLabel("Organisation").fill(fixture.tenant.slug());
		page.getByLabel("Email").fill(fixture.email("assessor"));
		page.getByLabel("Password").fill(fixture.password("assessor"));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.navigate("/runs/" + fixture.run.id() + "/gradebook");

		String first = fixture.rosterNames.get(0);
		String second = fixture.rosterNames.get(1);
		Locator firstCell = page.getByLabel("M1 for " + first);
		firstCell.focus();
		page.keyboard().press("c");
		page.keyboard().press("Enter");
		assertThat(page.getByLabel("M1 for " + second)).isFocused();
		page.keyboard().press("n");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save results")).click();

		assertThat(page.getByTestId("notice")).hasText("Saved: 2 recorded, 0 changed, 0 unchanged.");
		assertThat(page.getByLabel("M1 for " + first).locator("option:checked")).hasText("Competent");
		assertThat(page.getByLabel("M1 for " + second).locator("option:checked")).hasText("Not yet competent");
		page.screenshot(
				new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/gradebook.png")).setFullPage(true));
		context.close();
	}

}
