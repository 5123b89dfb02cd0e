package io.cohort.ui;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.cohort.IntegrationTest;
import io.cohort.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every demo role on a 360 px wide phone: the main pages of the role fit the screen
 * (tables scroll inside their own box, the header wraps), so the page itself never
 * scrolls sideways. A desktop browser with a phone's width, so that the page is not
 * shrunk to fit as a phone's browser would do when it overflows.
 */
@ExtendWith(Chromium.class)
class PhoneLayoutBrowserTests extends IntegrationTest {

	private static final String DEMO_PASSWORD = "cohort-demo-2026";

	/** Lists the elements wider than the screen, for the failure message. */
	private static final String WIDE_ELEMENTS = """
			() => Array.from(document.querySelectorAll('body *'))
				.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
				.filter(e => !e.closest('.table-wrap, .chart'))
				.slice(0, 5)
				.map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
					+ ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
				.join(', ')
			""";

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					admin    | /, /admin/users, /admin/api-keys, /settings/integrations, /settings/gateway, /compliance, /audit, /jobs, /settings/events, /settings/notifications, /notifications/deliveries, /settings/retry-policy, /settings/deadlines, /settings/certificates
					ops      | /, /courses, /runs, /runs/*, /runs/*/certificates, /runs/*, /runs/*/gradebook, /runs/*, /runs/*/edit, /learners, /learners/*, /trainers, /imports, /calendar, /calendar?view=week, /jobs?target=MOODLE, /my/notifications
					trainer  | /, /my/sessions, /sessions/*
					assessor | /, /assessments
					learner  | /, /portal, /my/schedule, /my/attendance, /my/certificates, /my/notifications
					""")
	void theMainPagesOfEachRoleFitAPhone(String role, String paths, Browser browser) {
		List<String> overflowing = new ArrayList<>();
		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(360, 740))) {
			Page page = context.newPage();
			page.navigate("/login");
			check(page, "/login", overflowing);
			Chromium.signIn(page, "demo", role + "@demo.cohort.local", DEMO_PASSWORD);
			for (String path : paths.split(",\\s*")) {
				String url = path.contains("*") ? Chromium.firstLinkLike(page, path) : path;
				assertThat(page.navigate(url).status()).as(url).isEqualTo(200);
				check(page, url, overflowing);
				page.screenshot(new Page.ScreenshotOptions()
					.setPath(Paths.get("target/screenshots/phone", role + url.replaceAll("[^a-z0-9]+", "-") + ".png"))
					.setFullPage(true));
			}
		}
		assertThat(overflowing).as("pages wider than a 360 px screen for " + role).isEmpty();
	}

	@Test
	void thePasswordPagesFitAPhone(Browser browser) {
		List<String> overflowing = new ArrayList<>();
		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(360, 740))) {
			Page page = context.newPage();
			PasswordPagesTour.walk(page, "demo", "trainer@demo.cohort.local", url -> check(page, url, overflowing));
		}
		assertThat(overflowing).as("password pages wider than a 360 px screen").isEmpty();
	}

	private static void check(Page page, String url, List<String> overflowing) {
		int scrollWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
		int innerWidth = ((Number) page.evaluate("window.innerWidth")).intValue();
		if (scrollWidth > innerWidth) {
			overflowing.add(url + " is " + scrollWidth + " px wide: " + page.evaluate(WIDE_ELEMENTS));
		}
	}

}
