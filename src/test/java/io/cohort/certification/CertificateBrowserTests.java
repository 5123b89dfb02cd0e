package io.cohort.certification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.RunFixture;
import io.cohort.testing.Tenants;
import io.cohort.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner whose attendance and results earned a certificate downloads it from "My
 * certificates", and its verification code shows the certificate as valid; an OPS
 * coordinator reissues a certificate from the learner's record, and the old code then
 * verifies as replaced; in a real browser.
 */
@ExtendWith(Chromium.class)
class CertificateBrowserTests extends IntegrationTest {

	@LocalServerPort
	int port;

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
	CertificationManagement certification;

	@Test
	void aLearnerDownloadsTheirCertificateAndItsCodeVerifies(Browser browser) throws Exception {
		RunFixture fixture = new RunFixture("browser-cert", 1, 2, tenants, courses, runs, learners, enrolments);
		String email = "learner@" + fixture.tenant.slug() + ".test";
		UserView user = Tenants.as(fixture.admin, () -> users
			.create(new UserManagement.NewUser(email, "Lim Learner", "lim-mango-lantern-2026", Set.of(Role.LEARNER))));
		Tenants.as(fixture.ops, () -> learners.update(fixture.roster.get(0).learnerId(),
				new LearnerManagement.LearnerChange(null, null, null, null, null, null, null, user.id())));
		for (var session : fixture.sessions) {
			Tenants.as(fixture.ops, () -> attendance.markSheet(session.id(), List
				.of(new AttendanceManagement.Entry(fixture.roster.get(0).id(), AttendanceStatus.PRESENT, null))));
		}
		for (int module = 0; module < 2; module++) {
			int index = module;
			Tenants.as(fixture.assessor,
					() -> assessments.record(new AssessmentManagement.NewAssessment(fixture.roster.get(0).id(),
							fixture.module(index), AssessmentResult.COMPETENT, null, null, fixture.today(), null)));
		}
		String learnerName = fixture.roster.get(0).learnerName();

		BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
				.setViewportSize(1280, 900)
				.setAcceptDownloads(true));
		try {
			Page page = context.newPage();
			Chromium.signIn(page, fixture.tenant.slug(), email, "lim-mango-lantern-2026");

			page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
				.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My certificates"))
				.click();
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
				.hasText("My certificates");
			Locator row = page.getByRole(AriaRole.ROW)
				.filter(new Locator.FilterOptions().setHasText("Workplace Safety"));
			assertThat(row).containsText("Valid");
			String number = row.getAttribute("data-number");

			Download download = page.waitForDownload(
					() -> row
						.getByRole(AriaRole.LINK,
								new Locator.GetByRoleOptions().setName("Download PDF of certificate " + number))
						.click());
			Path file = download.path();
			byte[] pdf = Files.readAllBytes(file);
			assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
			assertThat(new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1)).contains(number)
				.contains(learnerName);
			assertThat(download.suggestedFilename()).isEqualTo("certificate-" + number + ".pdf");

			String code = row.getByTestId("verification-code").textContent().trim();
			BrowserContext anonymous = browser
				.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
			try {
				Page verify = anonymous.newPage();
				verify.navigate("/verify/" + code);
				assertThat(verify.getByTestId("verification-status")).containsText("VALID");
				assertThat(verify.getByTestId("learner-name")).hasText(learnerName);
				verify.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/verify.png")));
			}
			finally {
				anonymous.close();
			}
		}
		finally {
			context.close();
		}
	}

	@Test
	void opsReissuesFromTheLearnersRecordAndTheOldCodeVerifiesAsReplaced(Browser browser) {
		RunFixture fixture = new RunFixture("browser-reissue", 1, 1, tenants, courses, runs, learners, enrolments);
		String email = "ops@" + fixture.tenant.slug() + ".test";
		Tenants.as(fixture.admin, () -> users
			.create(new UserManagement.NewUser(email, "Ong Ops", "ops-mango-lantern-2026", Set.of(Role.OPS))));
		UUID enrolment = fixture.roster.get(0).id();
		for (var session : fixture.sessions) {
			Tenants.as(fixture.ops, () -> attendance.markSheet(session.id(),
					List.of(new AttendanceManagement.Entry(enrolment, AttendanceStatus.PRESENT, null))));
		}
		Tenants.as(fixture.assessor, () -> assessments.record(new AssessmentManagement.NewAssessment(enrolment,
				fixture.module(0), AssessmentResult.COMPETENT, null, null, fixture.today(), null)));
		CertificateView old = Tenants.as(fixture.ops, () -> certification.ofEnrolment(enrolment));

		BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setBaseURL("http://localhost:" + port).setViewportSize(390, 844));
		try {
			Page page = context.newPage();
			Chromium.signIn(page, fixture.tenant.slug(), email, "ops-mango-lantern-2026");
			page.navigate("/learners/" + old.learnerId() + "/record");

			Locator row = page.getByTestId("learner-certificates").locator("tr[data-number='" + old.number() + "']");
			row.getByText("Reissue " + old.number()).click();
			row.getByLabel("Reason").fill("Name misspelt");
			row.getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions().setName("Reissue certificate " + old.number()))
				.click();

			assertThat(page.getByTestId("notice")).containsText("reissued as");
			CertificateView issued = Tenants.as(fixture.ops, () -> certification.ofEnrolment(enrolment));
			assertThat(issued.replacesId()).isEqualTo(old.id());
			assertThat(page.getByTestId("learner-certificates").locator("tr[data-number='" + old.number() + "']"))
				.containsText("Replaced by " + issued.number());

			BrowserContext anonymous = browser
				.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
			try {
				Page verify = anonymous.newPage();
				verify.navigate("/verify/" + old.verificationCode());
				assertThat(verify.getByTestId("verification-status")).containsText("REPLACED");
				assertThat(verify.getByTestId("replaced-by")).hasText(issued.number());
			}
			finally {
				anonymous.close();
			}
		}
		finally {
			context.close();
		}
	}

}
