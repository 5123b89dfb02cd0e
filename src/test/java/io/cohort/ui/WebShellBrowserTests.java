package io.cohort.ui;

import java.nio.file.Paths;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.cohort.IntegrationTest;
import io.cohort.testing.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The web shell in a real browser (Debian's chromium driven by Playwright): the demo
 * admin signs in, creates a user, and finds the matching entry on the audit page.
 */
@ExtendWith(Chromium.class)
class WebShellBrowserTests extends IntegrationTest {

	@LocalServerPort
	int port;

	private BrowserContext context;

	private Page page;

	@BeforeEach
	void openPage(Browser browser) {
		context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(1280, 900));
		page = context.newPage();
	}

	@AfterEach
	void closePage() {
		context.close();
	}

	@Test
	void adminCreatesAUserAndFindsItInTheAuditLog() {
		Chromium.signIn(page, "demo", "admin@demo.cohort.local", "cohort-demo-2026");

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Welcome, Administrator");
		assertThat(page.getByTestId("signed-in-user")).hasText("admin@demo.cohort.local");
		page.screenshot(
				new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/home-admin.png")).setFullPage(true));

		Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
		nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Users")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New user")).click();
		String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.cohort.local";
		page.getByLabel("Email").fill(email);
		page.getByLabel("Name").fill("Browser Trainer");
		page.getByLabel("Initial password").fill("a-long-password-2026");
		page.getByLabel("LEARNER").uncheck();
		page.getByLabel("TRAINER").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();

		assertThat(page.getByRole(AriaRole.STATUS)).containsText("User " + email + " created.");
		Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(email));
		assertThat(row).containsText("TRAINER");
		assertThat(row).containsText("Enabled");

		// inline with htmx: the CSRF header comes from cohort.js, the row is swapped in
		// place
		row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable " + email)).click();
		assertThat(row).containsText("Disabled");
		assertThat(row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable " + email)))
			.isVisible();

		nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log")).click();
		page.getByLabel("Action").fill("user.created");
		page.getByLabel("Entity type").fill("user");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filter")).click();
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*action=user\\.created.*"));
		Locator entry = page.locator("tr[data-action='user.created']")
			.filter(new Locator.FilterOptions().setHasText(email));
		assertThat(entry).hasCount(1);
		assertThat(entry).containsText("admin@demo.cohort.local");
		assertThat(entry).containsText("TRAINER");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify chain")).click();
		assertThat(page.getByTestId("verification")).containsText("The audit chain is intact");
	}

}
