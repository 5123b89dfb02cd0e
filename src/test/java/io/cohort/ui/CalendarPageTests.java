package io.cohort.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.scheduling.TrainerView;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar: a month and a week of sessions linking to their runs, filtered by trainer
 * and venue; staff only; another tenant sees none of this one's sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarPageTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	TrainerManagement trainers;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	TrainingFixture fixture;

	final Map<String, WebClient> clients = new HashMap<>();

	@BeforeAll
	void signInEveryone() {
		fixture = TrainingFixture.in(application);
		for (String user : List.of("admin", "ops", "trainer", "learner")) {
			WebClient web = new WebClient(port);
			web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user));
			clients.put(user, web);
		}
	}

	String runLink() {
		return "href=\"/runs/" + fixture.run.id() + "\">09:00 " + fixture.run.reference() + "</a>";
	}

	@Test
	void theMonthAndTheWeekShowTheSessionLinkingToItsRun() {
		WebClient ops = clients.get("ops");
		assertThat(ops.get("/calendar").body()).contains(runLink()).contains("Tan Trainer");
		assertThat(ops.get("/calendar?view=week").body()).contains(runLink()).contains("Calendar: Week of");
		String today = runs.today(fixture.tenant.id()).toString();
		String nextWeek = runs.today(fixture.tenant.id()).plusWeeks(1).toString();
		assertThat(ops.get("/calendar?view=week&date=" + nextWeek).body()).doesNotContain(runLink());
		assertThat(clients.get("admin").get("/calendar?view=month&date=" + today).body()).contains(runLink());
	}

	@Test
	void filtersByTrainerAndByVenue() {
		WebClient ops = clients.get("ops");
		Map<String, UUID> byName = new HashMap<>();
		for (TrainerView t : Tenants.as(fixture.tenant.as(Role.OPS), trainers::list)) {
			byName.put(t.fullName(), t.id());
		}
		assertThat(ops.get("/calendar?trainer=" + byName.get("Tan Trainer")).body()).contains(runLink());
		assertThat(ops.get("/calendar?trainer=" + byName.get("Other Trainer")).body()).doesNotContain(runLink());
		assertThat(ops.get("/calendar?venue=Room+2").body()).contains(runLink());
		assertThat(ops.get("/calendar?venue=Elsewhere").body()).doesNotContain(runLink());
	}

	@Test
	void aBadDateIsABadRequestNotAnError() {
		assertThat(clients.get("ops").get("/calendar?date=someday").statusCode()).isEqualTo(400);
	}

	@Test
	void onlyStaffSeeItAndAnotherTenantSeesNoneOfThisOnesSessions() {
		assertThat(clients.get("trainer").get("/calendar").statusCode()).isEqualTo(403);
		assertThat(clients.get("learner").get("/calendar").statusCode()).isEqualTo(403);
		Tenants.TestTenant other = new Tenants(tenants).create("calendar-other");
		WebClient web = new WebClient(port);
		web.login(other.slug(), "admin@" + other.slug() + ".test", TrainingFixture.ADMIN_PASSWORD);
		assertThat(web.get("/calendar").body()).contains("0 sessions").doesNotContain(fixture.run.reference());
	}

}
