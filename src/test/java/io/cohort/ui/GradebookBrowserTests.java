package io.cohort.ui;

import java.nio.file.Paths;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.cohort.IntegrationTest;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The gradebook in a real browser: an assessor enters two results with the keyboard alone
 * (a letter picks the result, Enter moves down), saves, and sees them.
 */
@ExtendWith(Chromium.class)
class GradebookBrowserTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Test
	void anAssessorEntersTwoResultsWithTheKeyboard(Browser browser) {
		TrainingFixture fixture = TrainingFixture.in(application);
		BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900));
		Page page = context.newPage();
		Chromium.signIn(page, fixture.tenant.slug(), fixture.email("assessor"), fixture.password("assessor"));
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
