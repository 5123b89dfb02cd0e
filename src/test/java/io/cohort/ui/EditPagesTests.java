package io.cohort.ui;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import io.cohort.testing.SyncJobs;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edit pages of courses and runs, with the gateway switched on: every detail
 * TPGateway requires is on the form with its reason, a change is saved or refused beside
 * its field, and a run missing one of them is not published but says what to add.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditPagesTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	GatewaySettingsManagement gateway;

	TrainingFixture fixture;

	WebClient ops;

	@BeforeAll
	void gatewayOnAndOpsSignedIn() {
		fixture = TrainingFixture.in(application);
		Tenants.as(fixture.tenant.as(Role.ADMIN),
				() -> gateway.update(new GatewaySettingsManagement.SettingsChange(true,
						"http://localhost:9/simulators/tpgateway/201912345K", "201912345K", SyncJobs.KEY,
						GatewaySettingsManagement.AuthMode.NONE, null, null, null, null, null, null, null)));
		ops = new WebClient(port);
		assertThat(ops.login(fixture.tenant.slug(), fixture.email("ops"), fixture.password("ops")).statusCode())
			.isEqualTo(302);
	}

	@Test
	void theEditPageIsForManagersAndShowsWhatTheGatewayNeedsWithItsReason() {
		String path = "/runs/" + fixture.run.id() + "/edit";
		HttpResponse<String> page = ops.get(path);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Edit run " + fixture.run.reference())
			.contains("name=\"venuePostalCode\"")
			.contains("name=\"courseAdminEmail\"")
			.contains("TPGateway needs it to publish the run")
			.contains("Classroom (1)");
		WebClient trainer = new WebClient(port);
		trainer.login(fixture.tenant.slug(), fixture.email("trainer"), fixture.password("trainer"));
		assertThat(trainer.get(path).statusCode()).isEqualTo(403);
	}

	@Test
	void aDraftIsEditedThenRefusedPublicationUntilItsCourseHasAnSsgReference() {
		ClassRunView draft = draft();
		String path = "/runs/" + draft.id();
		ops.get(path + "/edit");
		HttpResponse<String> wrong = ops.post(path + "/edit", form(draft, "12", "not-an-email"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("id=\"venuePostalCode-error\"")
			.contains("six-digit")
			.contains("id=\"courseAdminEmail-error\"");
		assertThat(get(draft).venuePostalCode()).isNull();

		HttpResponse<String> saved = ops.post(path + "/edit", form(draft, "068902", "admin@provider.test"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(ops.get(path).body()).contains("saved.").contains("068902").contains("admin@provider.test");
		assertThat(get(draft).capacity()).isEqualTo(12);

		ops.post(path + "/publish", Map.of());
		String refused = ops.get(path).body();
		assertThat(refused)
			.contains("cannot be published to TPGateway until it has the course&#39;s SSG course reference")
			.contains("add it on the course&#39;s edit page")
			.contains("href=\"/runs/" + draft.id() + "/edit\"");
		assertThat(get(draft).status()).isEqualTo(RunStatus.DRAFT);

		Tenants.as(fixture.tenant.as(Role.OPS), () -> courses.update(fixture.courseId,
				new CourseManagement.CourseChange(null, null, null, "TGS-2020002096", null)));
		ops.post(path + "/publish", Map.of());
		assertThat(ops.get(path).body()).contains("is published.");
		assertThat(get(draft).status()).isEqualTo(RunStatus.PUBLISHED);
		Tenants.as(fixture.tenant.as(Role.OPS),
				() -> courses.update(fixture.courseId, new CourseManagement.CourseChange(null, null, null, "", null)));
	}

	@Test
	void aNewRunToPublishWithoutTheGatewaysDetailsShowsThemBesideTheirFieldsAndIsNotCreated() {
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(5);
		ops.get("/runs/new");
		HttpResponse<String> refused = ops.post("/runs",
				Map.of("courseId", fixture.courseId.toString(), "reference", "GW-" + fixture.tenant.slug(), "startDate",
						start.toString(), "endDate", start.toString(), "registrationOpens",
						start.minusDays(5).toString(), "registrationCloses", start.toString(), "capacity", "5",
						"modeOfTraining", "1", "publish", "true"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("cannot be published to TPGateway")
			.contains("id=\"venuePostalCode-error\"")
			.contains("id=\"courseAdminEmail-error\"")
			.contains("id=\"courseId-error\"");
		assertThat(ops.get("/runs?course=" + fixture.courseId).body()).doesNotContain("GW-" + fixture.tenant.slug());
	}

	@Test
	void aCoursesDetailsSsgReferenceAndPriceAreEditedAndABadPriceChangesNothing() {
		UUID course = Tenants
			.as(fixture.tenant.as(Role.OPS),
					() -> courses.create(new CourseManagement.NewCourse("ED-" + fixture.tenant.slug(), "Editing", null,
							null, List.of(new CourseManagement.NewModule("M1", "One", BigDecimal.ONE)))))
			.id();
		String path = "/courses/" + course + "/edit";
		assertThat(ops.get(path).body()).contains("Edit course ED-").contains("TPGateway needs it");
		HttpResponse<String> wrong = ops.post(path,
				Map.of("code", "ED2-" + fixture.tenant.slug(), "title", "Edited", "price", "-5"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("id=\"price-error\"").contains("must not be negative");
		assertThat(ops.get("/courses/" + course).body()).contains("ED-" + fixture.tenant.slug() + " Editing");

		HttpResponse<String> saved = ops.post(path, Map.of("code", "ED2-" + fixture.tenant.slug(), "title", "Edited",
				"ssgCourseRef", "TGS-2020002096", "price", "450.50", "description", "Now described"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(ops.get("/courses/" + course).body()).contains("saved.")
			.contains("ED2-" + fixture.tenant.slug() + " Edited")
			.contains("TGS-2020002096")
			.contains("S$ 450.50")
			.contains("Now described");
		WebClient trainer = new WebClient(port);
		trainer.login(fixture.tenant.slug(), fixture.email("trainer"), fixture.password("trainer"));
		assertThat(trainer.get(path).statusCode()).isEqualTo(403);
	}

	@Test
	void aLearnersContactDetailsAreEditedAndABadEmailIsShownBesideItsField() {
		String path = "/learners/" + fixture.learnerId + "/edit";
		String page = ops.get(path).body();
		assertThat(page).contains("Edit Lee Learner").contains("Singapore pink IC (citizen)");
		HttpResponse<String> wrong = ops.post(path, Map.of("fullName", "Lee Learner", "email", "not-an-email"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("id=\"email-error\"");
		HttpResponse<String> saved = ops.post(path, Map.of("fullName", "Lee Learner", "email", fixture.email("learner"),
				"phone", "+65 9123 4567", "dateOfBirth", "1990-12-31"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(ops.get("/learners/" + fixture.learnerId).body()).contains("Lee Learner saved.")
			.contains("+65 9123 4567")
			.contains("1990-12-31");
	}

	@Test
	void aSessionIsMovedAndARefusalIsSummedUpAtTheTopAndBesideItsField() {
		String path = "/runs/" + fixture.run.id() + "/sessions/" + fixture.sessionId + "/edit";
		assertThat(ops.get("/runs/" + fixture.run.id()).body()).contains("href=\"" + path + "\"");
		assertThat(ops.get(path).body()).contains("Edit the session of").contains("Tan Trainer");
		LocalDate day = fixture.run.startDate();

		HttpResponse<String> backwards = ops.post(path,
				Map.of("date", day.toString(), "startTime", "15:00", "endTime", "10:00", "venue", "Room 9"));
		assertThat(backwards.statusCode()).isEqualTo(200);
		assertThat(backwards.body()).contains("data-testid=\"error-summary\"")
			.contains("href=\"#endTime\"")
			.contains("id=\"endTime-error\"")
			.contains("must be after start_time");
		HttpResponse<String> outside = ops.post(path,
				Map.of("date", day.plusDays(30).toString(), "startTime", "10:00", "endTime", "16:00"));
		assertThat(outside.body()).contains("id=\"date-error\"").contains("must lie within the run");
		assertThat(session().venue()).isEqualTo("Room 2");

		Map<String, String> moved = Map.of("date", day.plusDays(1).toString(), "startTime", "10:00", "endTime", "16:00",
				"venue", "Room 9");
		assertThat(ops.post(path, moved).body()).contains("data-testid=\"error-summary\"")
			.contains("cannot be published to TPGateway until it has");
		CohortPrincipal asOps = fixture.tenant.as(Role.OPS);
		Tenants.as(asOps, () -> courses.update(fixture.courseId,
				new CourseManagement.CourseChange(null, null, null, "TGS-2020002096", null)));
		Tenants.as(asOps, () -> runs.update(fixture.run.id(), new ClassRunManagement.RunChange(null, null, null, null,
				null, null, null, null, null, null, null, "068902", "admin@provider.test")));
		HttpResponse<String> saved = ops.post(path, moved);
		Tenants.as(asOps,
				() -> courses.update(fixture.courseId, new CourseManagement.CourseChange(null, null, null, "", null)));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(ops.get("/runs/" + fixture.run.id()).body()).contains("saved.").contains("Room 9");
		assertThat(session()).satisfies(s -> {
			assertThat(s.date()).isEqualTo(day.plusDays(1));
			assertThat(s.startTime()).hasToString("10:00");
			assertThat(s.venue()).isEqualTo("Room 9");
		});

		assertThat(ops.get("/runs/" + draft().id() + "/sessions/" + fixture.sessionId + "/edit").statusCode())
			.isEqualTo(404);
		WebClient trainer = new WebClient(port);
		trainer.login(fixture.tenant.slug(), fixture.email("trainer"), fixture.password("trainer"));
		assertThat(trainer.get(path).statusCode()).isEqualTo(403);
	}

	@Test
	void anEnrolmentsFeesAreEditedAndADiscountAboveTheFeeChangesNothing() {
		EnrolmentView enrolment = Tenants.as(fixture.tenant.as(Role.OPS), () -> enrolments.roster(fixture.run.id()))
			.get(0);
		String path = "/runs/" + fixture.run.id() + "/enrolments/" + enrolment.id() + "/fees";
		assertThat(ops.get("/runs/" + fixture.run.id()).body()).contains("href=\"" + path + "\"");
		assertThat(ops.get(path).body()).contains("Fees of " + enrolment.learnerName());

		HttpResponse<String> refused = ops.post(path,
				Map.of("feeAmount", "10", "discountAmount", "50", "feeCollectionStatus", "FULL"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("data-testid=\"error-summary\"")
			.contains("id=\"discountAmount-error\"")
			.contains("must not exceed the fee");
		HttpResponse<String> negative = ops.post(path,
				Map.of("feeAmount", "-1", "discountAmount", "0", "feeCollectionStatus", "FULL"));
		assertThat(negative.body()).contains("id=\"feeAmount-error\"").contains("must not be negative");
		assertThat(fees(enrolment).feeCollectionStatus()).isEqualTo(enrolment.feeCollectionStatus());

		HttpResponse<String> saved = ops.post(path,
				Map.of("feeAmount", "500", "discountAmount", "50.50", "feeCollectionStatus", "PARTIAL"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(ops.get("/runs/" + fixture.run.id()).body()).contains("fees saved.");
		assertThat(fees(enrolment)).satisfies(e -> {
			assertThat(e.feeAmount()).isEqualByComparingTo("500");
			assertThat(e.discountAmount()).isEqualByComparingTo("50.50");
			assertThat(e.feeCollectionStatus()).isEqualTo(FeeCollectionStatus.PARTIAL);
		});
		WebClient trainer = new WebClient(port);
		trainer.login(fixture.tenant.slug(), fixture.email("trainer"), fixture.password("trainer"));
		assertThat(trainer.get(path).statusCode()).isEqualTo(403);
	}

	private SessionView session() {
		return Tenants.as(fixture.tenant.as(Role.OPS), () -> runs.session(fixture.sessionId));
	}

	private EnrolmentView fees(EnrolmentView enrolment) {
		return Tenants.as(fixture.tenant.as(Role.OPS), () -> enrolments.get(enrolment.id()));
	}

	private ClassRunView draft() {
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(10);
		return Tenants.as(fixture.tenant.as(Role.OPS),
				() -> runs.schedule(fixture.courseId,
						new ClassRunManagement.NewRun("D-" + UUID.randomUUID().toString().substring(0, 8), start,
								start.plusDays(1), start.minusDays(9), start.minusDays(1), 10, "1", "Room 3", false,
								true, RunStatus.DRAFT)));
	}

	private ClassRunView get(ClassRunView run) {
		return Tenants.as(fixture.tenant.as(Role.OPS), () -> runs.get(run.id()));
	}

	private static Map<String, String> form(ClassRunView run, String postalCode, String adminEmail) {
		Map<String, String> form = new HashMap<>(Map.of("reference", run.reference(), "startDate",
				run.startDate().toString(), "endDate", run.endDate().toString(), "registrationOpens",
				run.registrationOpens().toString(), "registrationCloses", run.registrationCloses().toString(),
				"capacity", "12", "modeOfTraining", "1", "venue", "Room 4"));
		form.put("venuePostalCode", postalCode);
		form.put("courseAdminEmail", adminEmail);
		form.put("waitlistEnabled", "true");
		return form;
	}

}
