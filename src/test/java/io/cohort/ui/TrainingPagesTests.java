package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training pages over plain HTTP: each page renders for its roles and is refused to
 * the others, forms show the facades' errors next to their fields, and the attendance
 * sheet saves idempotently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingPagesTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	private static final List<String> USERS = List.of("admin", "ops", "trainer", "other", "assessor", "learner");

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

	TrainingFixture fixture;

	final Map<String, WebClient> clients = new HashMap<>();

	@BeforeAll
	void signInEveryone() {
		fixture = TrainingFixture.in(application);
		for (String user : USERS) {
			WebClient web = new WebClient(port);
			assertThat(web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user)).statusCode())
				.as(user)
				.isEqualTo(302);
			clients.put(user, web);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';',
			value = { "/courses; admin ops; Courses", "/courses/{course}; admin ops; First Aid",
					"/courses/new; admin ops; New course", "/runs; admin ops; Class runs",
					"/runs/new; admin ops; New class run", "/runs/{run}; admin ops; Enrol a learner",
					"/runs/{run}/edit; admin ops; Edit run", "/runs/{run}/attendance; admin ops; Attendance rates",
					"/learners; admin ops; Learners", "/learners/{learner}; admin ops; Lee Learner",
					"/my/sessions; trainer other; My sessions", "/sessions/{session}; ops trainer; Self check-in",
					"/portal; learner; Available runs", "/my/schedule; learner; My schedule",
					"/my/attendance; learner; My attendance", "/check-in?code=abc; learner; Confirm check-in",
					"/my/notifications; learner ops trainer other; unread message" })
	void eachPageRendersForItsRolesAndIsRefusedToOthers(String template, String allowed, String heading) {
		String path = template.replace("{course}", fixture.courseId.toString())
			.replace("{run}", fixture.run.id().toString())
			.replace("{learner}", fixture.learnerId.toString())
			.replace("{session}", fixture.sessionId.toString());
		Set<String> allowedUsers = Set.of(allowed.split(" "));
		for (String user : USERS) {
			HttpResponse<String> page = clients.get(user).get(path);
			if (allowedUsers.contains(user)) {
				assertThat(page.statusCode()).as(user + " " + path).isEqualTo(200);
				assertThat(page.body()).as(user + " " + path).contains(heading).contains("<main id=\"main\"");
			}
			else {
				assertThat(page.statusCode()).as(user + " " + path).isEqualTo(403);
				assertThat(page.body()).as(user + " " + path).contains("Not allowed");
			}
		}
	}

	@Test
	void navigationLinksEachRoleToItsPages() {
		assertThat(clients.get("ops").get("/").body()).contains("href=\"/courses\"")
			.contains("href=\"/runs\"")
			.contains("href=\"/learners\"")
			.doesNotContain("href=\"/portal\"");
		assertThat(clients.get("trainer").get("/").body()).contains("href=\"/my/sessions\"")
			.doesNotContain("href=\"/runs\"");
		assertThat(clients.get("learner").get("/").body()).contains("href=\"/portal\"")
			.contains("href=\"/my/schedule\"")
			.contains("href=\"/my/attendance\"")
			.contains("href=\"/my/notifications\"");
	}

	@Test
	void formsShowTheFacadesErrorsNextToTheirFields() {
		WebClient ops = clients.get("ops");
		ops.get("/runs/new");
		HttpResponse<String> run = ops.post("/runs",
				Map.of("courseId", fixture.courseId.toString(), "reference", fixture.run.reference(), "startDate",
						"2020-01-06", "endDate", "2020-01-07", "registrationOpens", "2020-01-01", "registrationCloses",
						"2020-01-05", "capacity", "10", "modeOfTraining", "1"));
		assertThat(run.statusCode()).isEqualTo(200);
		assertThat(run.body()).contains("id=\"startDate-error\"").contains("cannot start in the past");

		HttpResponse<String> blank = ops.post("/runs", Map.of("reference", "", "capacity", "0", "modeOfTraining", "1"));
		assertThat(blank.body()).contains("id=\"courseId-error\"")
			.contains("id=\"reference-error\"")
			.contains("id=\"capacity-error\"")
			.contains("aria-invalid=\"true\"");

		ops.get("/courses/new");
		HttpResponse<String> course = ops.post("/courses", Map.of("code", "FA-" + fixture.tenant.slug(), "title",
				"Again", "modules[0].code", "M1", "modules[0].title", "", "modules[0].hours", "2"));
		assertThat(course.statusCode()).isEqualTo(200);
		assertThat(course.body()).contains("id=\"module-0-title-error\"");
		HttpResponse<String> duplicate = ops.post("/courses", Map.of("code", "FA-" + fixture.tenant.slug(), "title",
				"Again", "modules[0].code", "M1", "modules[0].title", "Intro", "modules[0].hours", "2"));
		assertThat(duplicate.body()).contains("id=\"code-error\"").contains("already exists");

		ops.get("/runs/" + fixture.run.id());
		HttpResponse<String> enrol = ops.post("/runs/" + fixture.run.id() + "/enrolments",
				Map.of("sponsorshipType", "EMPLOYER", "learnerId", fixture.learnerId.toString()));
		assertThat(enrol.statusCode()).isEqualTo(200);
		assertThat(enrol.body()).contains("id=\"employerUen-error\"").contains("employer-sponsored");
	}

	@Test
	void opsCreatesACourseSchedulesARunAndEnrolsALearner() {
		WebClient ops = clients.get("ops");
		ops.get("/courses/new");
		String code = "NEW-" + fixture.tenant.slug();
		HttpResponse<String> created = ops.post("/courses",
				Map.of("code", code, "title", "Workplace Safety", "modules[0].code", "WS1", "modules[0].title",
						"Hazards", "modules[0].hours", "4", "modules[1].code", "", "modules[1].title", "",
						"modules[1].hours", ""));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String coursePath = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
		assertThat(ops.get(coursePath).body()).contains("Course " + code + " created.").contains("Hazards");
		ops.post(coursePath + "/status", Map.of("status", "PUBLISHED"));
		assertThat(ops.get(coursePath).body()).contains("is now PUBLISHED");

		String courseId = coursePath.substring(coursePath.lastIndexOf('/') + 1);
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Singapore"));
		ops.get("/runs/new?course=" + courseId);
		HttpResponse<String> run = ops.post("/runs",
				Map.of("courseId", courseId, "reference", "R-" + code, "startDate", today.plusDays(5).toString(),
						"endDate", today.plusDays(6).toString(), "registrationOpens", today.toString(),
						"registrationCloses", today.plusDays(4).toString(), "capacity", "1", "modeOfTraining", "1",
						"waitlistEnabled", "true", "publish", "true"));
		assertThat(run.statusCode()).as(run.body()).isEqualTo(302);
		String runPath = run.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
		String detail = ops.get(runPath + "?learner_q=Lee").body();
		assertThat(detail).contains("Run R-" + code + " scheduled.").contains("0 taken of 1, 1 left");
		assertThat(detail).contains("Lee Learner");
		ops.post(runPath + "/enrolments", Map.of("learnerId", fixture.learnerId.toString(), "sponsorshipType",
				"INDIVIDUAL", "feeAmount", "100", "feeCollectionStatus", "PENDING"));
		String after = ops.get(runPath).body();
		assertThat(after).contains("Lee Learner is confirmed.").contains("1 taken of 1, 0 left");
		assertThat(ops.get("/runs?course=" + courseId).body()).contains("R-" + code).contains("1 / 1");
	}

	@Test
	void attendanceSheetSavesOnceAndASecondIdenticalSaveChangesNothing() {
		WebClient trainer = clients.get("trainer");
		String sheet = trainer.get("/sessions/" + fixture.sessionId).body();
		assertThat(sheet).contains("Everyone is present unless you tick them absent")
			.contains("data-testid=\"check-in-code\"")
			.contains("/sessions/" + fixture.sessionId + "/check-in-qr.png");
		Matcher ids = Pattern.compile("name=\"enrolment\" value=\"([0-9a-f-]{36})\"").matcher(sheet);
		List<Map.Entry<String, String>> form = new ArrayList<>();
		String first = null;
		while (ids.find()) {
			form.add(Map.entry("enrolment", ids.group(1)));
			first = first == null ? ids.group(1) : first;
		}
		assertThat(form).hasSize(3);
		form.add(Map.entry("absent", first));
		form.add(Map.entry("status-" + first, ""));
		form.add(Map.entry("remarks-" + first, ""));

		HttpResponse<String> saved = trainer.postFields("/sessions/" + fixture.sessionId + "/attendance", form);
		assertThat(saved.statusCode()).isEqualTo(302);
		String afterFirst = trainer.get("/sessions/" + fixture.sessionId).body();
		assertThat(afterFirst).contains("Attendance saved: 3 new, 0 corrected, 0 unchanged.")
			.containsPattern("value=\"" + first + "\" id=\"absent-" + first + "\" checked");

		trainer.postFields("/sessions/" + fixture.sessionId + "/attendance", form);
		assertThat(trainer.get("/sessions/" + fixture.sessionId).body())
			.contains("Attendance saved: 0 new, 0 corrected, 3 unchanged.");

		HttpResponse<String> qr = trainer.get("/sessions/" + fixture.sessionId + "/check-in-qr.png");
		assertThat(qr.statusCode()).isEqualTo(200);
		assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
		HttpResponse<String> block = trainer.getWith("/sessions/" + fixture.sessionId + "/check-in",
				Map.of("HX-Request", "true"));
		assertThat(block.body()).startsWith("<section id=\"check-in\"").doesNotContain("<html");

		assertThat(clients.get("ops").get("/runs/" + fixture.run.id() + "/attendance").body())
			.containsPattern("(?s)" + fixture.rosterNames.get(1) + ".*%");
	}

	@Test
	void learnerChecksInWithAnInvalidCodeAndSeesWhy() {
		WebClient learner = clients.get("learner");
		learner.get("/check-in?code=not-a-code");
		HttpResponse<String> result = learner.post("/check-in", Map.of("code", "not-a-code"));
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.body()).contains("role=\"alert\"").contains("not valid or has expired");
	}

	@Test
	void onlyAnAdminRevealsANationalIdAndTheRevealIsAudited() {
		String path = "/learners/" + fixture.learnerId;
		assertThat(clients.get("ops").get(path).body()).doesNotContain("Reveal</button>").contains("S****");
		WebClient admin = clients.get("admin");
		assertThat(admin.get(path).body()).contains("Reveal</button>");
		HttpResponse<String> revealed = admin.post(path + "/reveal", Map.of());
		assertThat(revealed.statusCode()).isEqualTo(200);
		assertThat(revealed.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(revealed.body()).containsPattern("data-testid=\"revealed-id\">S\\d{7}[A-Z]<");
		clients.get("ops").get(path);
		assertThat(clients.get("ops").post(path + "/reveal", Map.of()).statusCode()).isEqualTo(403);
		assertThat(admin.get("/audit?action=learner.national_id.revealed").body())
			.contains(fixture.learnerId.toString());
	}

}
