package io.cohort.ui;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enrolment on the run page: a search over all the tenant's learners that says how many
 * more match, several learners enrolled at once with a line per learner, and a withdrawal
 * that needs a reason and names who took the seat from the waitlist. The run pages are
 * scheduling's; enrolment's section and waitlist column are rendered into them on the
 * server, and a refused enrolment answers with the whole run page (ADR 34).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentPageTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	EnrolmentManagement enrolments;

	TrainingFixture fixture;

	CohortPrincipal ops;

	final Map<String, WebClient> clients = new HashMap<>();

	@BeforeAll
	void signInEveryone() {
		fixture = TrainingFixture.in(application);
		ops = fixture.tenant.as(Role.OPS);
		for (String user : List.of("ops", "trainer", "learner")) {
			WebClient web = new WebClient(port);
			web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user));
			clients.put(user, web);
		}
	}

	@Test
	void theSearchCoversEveryLearnerAndSaysHowManyMoreMatch() {
		for (int i = 1; i <= 23; i++) {
			fixture.learner("Many Match " + i);
		}
		String choices = clients.get("ops")
			.get("/runs/" + fixture.run.id() + "/learner-choices?learner_q=many+match")
			.body();
		assertThat(choices).contains("id=\"learner-choices\"")
			.contains("3 more learners match")
			.doesNotContain("<html");
		assertThat(choices.split("name=\"learnerId\"", -1)).hasSize(21);
		String page = clients.get("ops").get("/runs/" + fixture.run.id() + "?learner_q=Many+Match+23").body();
		assertThat(page).contains("Many Match 23").doesNotContain("more learner");
	}

	@Test
	void opsEnrolSeveralLearnersAtOnceAndSeeWhatBecameOfEach() {
		ClassRunView run = smallRun("bulk");
		UUID first = fixture.learner("Bulk First");
		UUID second = fixture.learner("Bulk Second");
		UUID already = fixture.learner("Bulk Already");
		Tenants.as(ops,
				() -> enrolments.enrol(
						new EnrolmentManagement.NewEnrolment(already, run.id(),
								io.cohort.enrolment.SponsorshipType.INDIVIDUAL, null, null, null, null),
						EnrolmentManagement.Source.STAFF));
		WebClient web = clients.get("ops");
		web.get("/runs/" + run.id());
		HttpResponse<String> enrolled = web.postFields("/runs/" + run.id() + "/enrolments",
				List.of(Map.entry("learnerId", first.toString()), Map.entry("learnerId", second.toString()),
						Map.entry("learnerId", already.toString()), Map.entry("sponsorshipType", "INDIVIDUAL"),
						Map.entry("feeCollectionStatus", "PENDING")));
		assertThat(enrolled.statusCode()).isEqualTo(302);
		String report = web.get("/runs/" + run.id()).body();
		assertThat(report).contains("data-testid=\"enrol-report\"")
			.contains("Bulk First is on the waitlist at position 1.")
			.contains("Bulk Second is on the waitlist at position 2.")
			.contains("Bulk Already is refused:");
	}

	@Test
	void aWithdrawalNeedsAReasonAndNamesWhoTookTheSeat() {
		ClassRunView run = smallRun("withdraw");
		UUID seated = fixture.learner("Seated Sim");
		UUID waiting = fixture.learner("Waiting Wong");
		EnrolmentView held = enrol(seated, run);
		enrol(waiting, run);
		WebClient web = clients.get("ops");
		String page = web.get("/runs/" + run.id()).body();
		assertThat(page).contains("Confirm withdrawal of Seated Sim");
		String path = "/runs/" + run.id() + "/enrolments/" + held.id() + "/withdraw";

		web.post(path, Map.of("reason", " "));
		assertThat(web.get("/runs/" + run.id()).body()).contains("Give a reason to withdraw Seated Sim");
		assertThat(Tenants.as(ops, () -> enrolments.get(held.id())).status()).isEqualTo(EnrolmentStatus.CONFIRMED);

		web.post(path, Map.of("reason", "changed jobs"));
		assertThat(web.get("/runs/" + run.id()).body())
			.contains("Seated Sim is withdrawn. Waiting Wong took the seat from the waitlist.");
		EnrolmentView withdrawn = Tenants.as(ops, () -> enrolments.get(held.id()));
		assertThat(withdrawn.status()).isEqualTo(EnrolmentStatus.WITHDRAWN);
		assertThat(withdrawn.endReason()).isEqualTo("changed jobs");
	}

	@Test
	void onlyStaffSearchAndAnotherTenantFindsNoSuchRun() {
		String path = "/runs/" + fixture.run.id() + "/learner-choices?learner_q=a";
		assertThat(clients.get("trainer").get(path).statusCode()).isEqualTo(403);
		assertThat(clients.get("learner").get(path).statusCode()).isEqualTo(403);
		Tenants.TestTenant other = new Tenants(tenants).create("enrol-other");
		WebClient web = new WebClient(port);
		web.login(other.slug(), "admin@" + other.slug() + ".test", TrainingFixture.ADMIN_PASSWORD);
		assertThat(web.get(path).statusCode()).isEqualTo(404);
	}

	@Test // GH-10
	void theRunListShowsEachRunsWaitlistInTheColumnEnrolmentAdds() {
		ClassRunView run = smallRun("waitlist");
		enrol(fixture.learner("List Seated"), run);
		enrol(fixture.learner("List Waiting One"), run);
		enrol(fixture.learner("List Waiting Two"), run);

		String list = clients.get("ops").get("/runs?course=" + fixture.courseId).body();

		assertThat(list).contains("<th scope=\"col\">Waitlist</th>");
		assertThat(row(list, run.reference())).contains("<td>1 / 1</td>").contains("<td>2</td>");
	}

	@Test // GH-10
	void aRefusedEnrolmentAnswersWithTheWholeRunPageAndTheFormsError() {
		ClassRunView run = smallRun("refused");
		UUID learner = fixture.learner("Refused Rahman");
		enrol(learner, run);
		WebClient web = clients.get("ops");
		web.get("/runs/" + run.id());

		HttpResponse<String> refused = web.postFields("/runs/" + run.id() + "/enrolments",
				List.of(Map.entry("learnerId", learner.toString()), Map.entry("sponsorshipType", "INDIVIDUAL"),
						Map.entry("feeCollectionStatus", "PENDING")));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"learnerId-error\"")
			.contains("Run " + run.reference())
			.contains("Add a session")
			.contains("Confirm withdrawal of Refused Rahman")
			.contains("Cancel the run");
		assertThat(Tenants.as(ops, () -> enrolments.roster(run.id()))).hasSize(1);
	}

	/** The list's row of the run with this reference. */
	private static String row(String list, String reference) {
		int at = list.indexOf(">" + reference + "</a>");
		assertThat(at).as("the row of " + reference).isPositive();
		return list.substring(list.lastIndexOf("<tr", at), list.indexOf("</tr>", at));
	}

	private ClassRunView smallRun(String name) {
		LocalDate today = runs.today(fixture.tenant.id());
		return Tenants.as(ops,
				() -> runs.schedule(fixture.courseId,
						new ClassRunManagement.NewRun("R-" + name + "-" + fixture.tenant.slug(), today.plusDays(3),
								today.plusDays(4), today.minusDays(1), today.plusDays(2), 1, "1", "Room 3", false, true,
								RunStatus.PUBLISHED)));
	}

	private EnrolmentView enrol(UUID learner, ClassRunView run) {
		return Tenants.as(ops,
				() -> enrolments.enrol(
						new EnrolmentManagement.NewEnrolment(learner, run.id(),
								io.cohort.enrolment.SponsorshipType.INDIVIDUAL, null, null, null, null),
						EnrolmentManagement.Source.STAFF));
	}

}
