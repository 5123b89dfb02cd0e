package io.cohort.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cohort.IntegrationTest;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page's work lists per role: staff see the tenant's sessions, attendance to
 * mark and runs starting soon; a trainer sees only their own sessions; a learner sees
 * none; another tenant sees nothing of this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	TrainingFixture fixture;

	final Map<String, String> homes = new HashMap<>();

	@BeforeAll
	void signInEveryone() {
		fixture = TrainingFixture.in(application);
		for (String user : List.of("admin", "ops", "trainer", "other", "learner")) {
			WebClient web = new WebClient(port);
			web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user));
			homes.put(user, web.get("/").body());
		}
	}

	@Test
	void opsSeeTodaysSessionToMarkAndTheRunStartingWithItsFill() {
		String home = homes.get("ops");
		assertThat(home).contains("data-testid=\"staff-work\"")
			.doesNotContain("data-testid=\"trainer-work\"")
			.contains("href=\"/sessions/" + fixture.sessionId + "\">Mark attendance</a>")
			.contains("href=\"/runs/" + fixture.run.id() + "\">" + fixture.run.reference() + "</a>")
			.contains("3 of 10 seats (30%)")
			.contains("Tan Trainer");
	}

	@Test
	void anAdminMarksNoSheetButIsSentToTheRunsAttendance() {
		assertThat(homes.get("admin")).contains("data-testid=\"staff-work\"")
			.contains("href=\"/runs/" + fixture.run.id() + "/attendance\">Mark attendance</a>")
			.doesNotContain("href=\"/sessions/" + fixture.sessionId + "\"");
	}

	@Test
	void aTrainerSeesOnlyTheirOwnSessions() {
		assertThat(homes.get("trainer")).contains("data-testid=\"trainer-work\"")
			.doesNotContain("data-testid=\"staff-work\"")
			.contains("href=\"/sessions/" + fixture.sessionId + "\">Mark attendance</a>")
			.doesNotContain("href=\"/runs/" + fixture.run.id() + "\"");
		assertThat(homes.get("other")).contains("data-testid=\"trainer-work\"")
			.doesNotContain(fixture.run.reference())
			.contains("No sessions today.");
	}

	@Test
	void aLearnerSeesNoStaffWork() {
		assertThat(homes.get("learner")).doesNotContain("data-testid=\"staff-work\"")
			.doesNotContain("data-testid=\"trainer-work\"")
			.doesNotContain(fixture.run.reference());
	}

	@Test
	void anotherTenantSeesNothingOfThisOne() {
		Tenants.TestTenant other = new Tenants(tenants).create("dashboard-other");
		WebClient web = new WebClient(port);
		web.login(other.slug(), "admin@" + other.slug() + ".test", TrainingFixture.ADMIN_PASSWORD);
		assertThat(web.get("/").body()).contains("data-testid=\"staff-work\"")
			.doesNotContain(fixture.run.reference())
			.contains("No sessions today.")
			.contains("No dead letters.");
	}

}
