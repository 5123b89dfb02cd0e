package io.cohort.ui;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentView;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceRecord;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.gateway.GatewaySettingsManagement;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.testing.SyncJobs;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compliance dashboard and the records' sync states over plain HTTP: who may see and
 * act, the dead letters' retry and cancel going through the audited job queue, the
 * simulator notice, the circuit breaker's banner, each run's latest reconciliation and
 * "Reconcile now", and each record's own state on the run, attendance and results pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompliancePagesTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	private static final List<String> USERS = List.of("admin", "ops", "trainer", "assessor", "learner");

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

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
	GatewaySettingsManagement gateway;

	@Autowired
	JdbcClient jdbc;

	TrainingFixture fixture;

	List<EnrolmentView> roster;

	final Map<String, WebClient> clients = new HashMap<>();

	@BeforeAll
	void tenantOnTheSimulator() {
		fixture = TrainingFixture.in(application);
		Tenants.as(fixture.tenant.as(Role.ADMIN),
				() -> gateway.update(new GatewaySettingsManagement.SettingsChange(true,
						"http://localhost:9/simulators/tpgateway/201912345K", "201912345K", SyncJobs.KEY,
						GatewaySettingsManagement.AuthMode.NONE, null, null, null, null, null, null, null)));
		roster = Tenants.as(fixture.tenant.as(Role.OPS),
				() -> enrolments.search(fixture.run.id(), null, null, 0, 10).items());
		for (String user : USERS) {
			WebClient web = new WebClient(port);
			assertThat(web.login(fixture.tenant.slug(), fixture.email(user), fixture.password(user)).statusCode())
				.as(user)
				.isEqualTo(302);
			clients.put(user, web);
		}
	}

	@Test
	void theDashboardIsForAdminAndOpsAsTheSummaryApi() {
		for (String user : USERS) {
			HttpResponse<String> page = clients.get(user).get("/compliance");
			if (Set.of("admin", "ops").contains(user)) {
				assertThat(page.statusCode()).as(user).isEqualTo(200);
				assertThat(page.body()).as(user).contains("<h1>Compliance</h1>").contains(fixture.run.reference());
				assertThat(clients.get(user).get("/").body()).as(user).contains("href=\"/compliance\"");
			}
			else {
				assertThat(page.statusCode()).as(user).isEqualTo(403);
				assertThat(clients.get(user).get("/").body()).as(user).doesNotContain("href=\"/compliance\"");
			}
		}
		WebClient trainer = clients.get("trainer");
		trainer.get("/");
		assertThat(trainer.post("/compliance/dead-letters/" + UUID.randomUUID() + "/retry", Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(trainer.post("/compliance/reconcile", Map.of()).statusCode()).isEqualTo(403);
		assertThat(trainer.post("/compliance/runs/" + fixture.run.id() + "/reconcile", Map.of()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void eachRunShowsItsLatestReconciliationWithTheDiscrepanciesAndFailedChecks() {
		UUID enrolment = roster.get(1).id();
		UUID reconciliation = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				INSERT INTO reconciliation (id, tenant_id, trigger, requested_by, started_at, finished_at)
				VALUES (:id, :tenant, 'SCHEDULED', 'system', :now, :now)""")
			.param("id", reconciliation)
			.param("tenant", fixture.tenant.id())
			.param("now", now)
			.update();
		UUID enrolments = check(reconciliation, "enrolment", "DISCREPANCIES", null, now);
		discrepancy(enrolments, "enrolment", "MISSING_REMOTELY", enrolment, null, "CONFIRMED", null,
				"Never reached TPGateway (job DEAD)");
		discrepancy(enrolments, "enrolment", "UNKNOWN_REMOTELY", null, "ENR-PORTAL-7", null, "Confirmed",
				"TPGateway lists enrolment ENR-PORTAL-7 of trainee S****567D, which Cohort does not know");
		check(reconciliation, "assessment", "FAILED", "HTTP 503 from TPGateway: server error", now);
		check(reconciliation, "class_run", "MATCHED", null, now);

		String run = between(clients.get("ops").get("/compliance").body(),
				"data-reconciliation=\"" + fixture.run.reference() + "\"", "</section>");

		assertThat(run).contains("data-check=\"class_run\" data-outcome=\"MATCHED\"").contains("Matches TPGateway");
		assertThat(between(run, "data-check=\"enrolment\"", "</li>")).contains("data-outcome=\"DISCREPANCIES\"")
			.contains("2 discrepancies");
		assertThat(between(run, "data-check=\"assessment\"", "</li>")).contains("data-outcome=\"FAILED\"")
			.contains("Check failed")
			.contains("HTTP 503 from TPGateway: server error");
		assertThat(between(run, "data-discrepancy=\"MISSING_REMOTELY\"", "</tr>")).contains("Enrolments")
			.contains("Missing at TPGateway")
			.contains(enrolment.toString())
			.contains("Never reached TPGateway (job DEAD)");
		assertThat(between(run, "data-discrepancy=\"UNKNOWN_REMOTELY\"", "</tr>")).contains("Unknown to Cohort")
			.contains("TPGateway ref ENR-PORTAL-7")
			.contains("of trainee S****567D");
	}

	@Test
	void reconcileNowGoesThroughTheAuditedReconciliationForTheTenantOrOneRun() {
		jdbc.sql("DELETE FROM job_circuit WHERE tenant_id = :tenant").param("tenant", fixture.tenant.id()).update();
		SyncJobs.insert(jdbc, fixture.tenant.id(), "class_run", fixture.run.id(), fixture.run.id(), "SUCCEEDED", null,
				"RUN-REF-RECONCILE", Duration.ofDays(1));
		WebClient ops = clients.get("ops");
		String page = ops.get("/compliance").body();
		assertThat(page).contains("action=\"/compliance/reconcile\"")
			.contains("action=\"/compliance/runs/" + fixture.run.id() + "/reconcile\"")
			.contains("aria-label=\"Reconcile now: run " + fixture.run.reference() + " with TPGateway\"");

		HttpResponse<String> all = ops.post("/compliance/reconcile", Map.of());
		assertThat(all.statusCode()).isEqualTo(302);
		assertThat(all.headers().firstValue("Location")).get().asString().endsWith("/compliance");
		String after = ops.get("/compliance").body();
		// the tenant's gateway points at a closed port: every check fails with the
		// connection's error
		assertThat(after).contains("Reconciled 1 run with TPGateway: 0 discrepancies");
		String run = between(after, "data-reconciliation=\"" + fixture.run.reference() + "\"", "</section>");
		assertThat(run).contains("data-check=\"enrolment\" data-outcome=\"FAILED\"").contains("Check failed");

		HttpResponse<String> one = ops.post("/compliance/runs/" + fixture.run.id() + "/reconcile", Map.of());
		assertThat(one.statusCode()).isEqualTo(302);
		assertThat(ops.get("/compliance").body()).contains("Reconciled 1 run with TPGateway");
		assertThat(jdbc.sql("""
				SELECT coalesce(CAST(run_id AS TEXT), 'all') FROM reconciliation
				WHERE tenant_id = :tenant AND trigger = 'ON_DEMAND' ORDER BY started_at""")
			.param("tenant", fixture.tenant.id())
			.query(String.class)
			.list()).containsExactly("all", fixture.run.id().toString());
		assertThat(jdbc
			.sql("""
					SELECT actor_label FROM audit_event WHERE tenant_id = :tenant AND action = 'gateway.reconciliation.requested'
					ORDER BY id""")
			.param("tenant", fixture.tenant.id())
			.query(String.class)
			.list()).containsExactly(fixture.email("ops"), fixture.email("ops"));
	}

	@Test
	void theCircuitBreakerShowsAsABannerWithSinceWhenAndTheNextTrial() {
		ZoneId zone = tenants.zone(fixture.tenant.id());
		DateTimeFormatter when = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
		Instant opened = Instant.now().minus(Duration.ofMinutes(3));
		Instant trial = Instant.now().plus(Duration.ofMinutes(10));
		try {
			jdbc.sql(
					"""
							INSERT INTO job_circuit (tenant_id, target, state, consecutive_failures, opened_at, retry_at,
							    last_error, updated_at)
							VALUES (:tenant, 'TPGATEWAY', 'OPEN', 5, :opened, :trial, 'HTTP 503 from TPGateway', :opened)
							ON CONFLICT (tenant_id, target) DO UPDATE SET state = 'OPEN', consecutive_failures = 5,
							    opened_at = :opened, retry_at = :trial, last_error = 'HTTP 503 from TPGateway', updated_at = :opened""")
				.param("tenant", fixture.tenant.id())
				.param("opened", Timestamp.from(opened))
				.param("trial", Timestamp.from(trial))
				.update();
			String open = between(clients.get("ops").get("/compliance").body(), "data-testid=\"circuit\"", "</div>");
			assertThat(open).contains("role=\"alert\"")
				.contains("data-circuit=\"OPEN\"")
				.contains("Sending to TPGateway is paused")
				.contains("since <span>" + when.format(opened.atZone(zone)) + "</span>")
				.contains("after <span>5</span> failed calls in a row")
				.contains("HTTP 503 from TPGateway")
				.contains("Next trial call: <span>" + when.format(trial.atZone(zone)) + "</span>");

			Instant halfOpen = Instant.now();
			jdbc.sql("UPDATE job_circuit SET state = 'HALF_OPEN', updated_at = :now WHERE tenant_id = :tenant")
				.param("tenant", fixture.tenant.id())
				.param("now", Timestamp.from(halfOpen))
				.update();
			String testing = between(clients.get("admin").get("/compliance").body(), "data-testid=\"circuit\"",
					"</div>");
			assertThat(testing).contains("data-circuit=\"HALF_OPEN\"")
				.contains("Testing whether TPGateway is back")
				.contains("since <span>" + when.format(halfOpen.atZone(zone)) + "</span>")
				.contains(when.format(trial.atZone(zone)));
		}
		finally {
			jdbc.sql("DELETE FROM job_circuit WHERE tenant_id = :tenant").param("tenant", fixture.tenant.id()).update();
		}
		assertThat(between(clients.get("ops").get("/compliance").body(), "data-testid=\"circuit\"", "</div>"))
			.contains("data-circuit=\"CLOSED\"")
			.contains("TPGateway is answering");
	}

	@Test
	void theDashboardSaysItIsConnectedToTheSimulatorAndShowsDeadlinesAndTheChart() {
		SyncJobs.insert(jdbc, fixture.tenant.id(), "class_run", fixture.run.id(), fixture.run.id(), "SUCCEEDED", null,
				"RUN-REF-9", Duration.ofDays(2));

		String page = clients.get("ops").get("/compliance").body();

		assertThat(page).contains("Connected to the TPGateway simulator");
		assertThat(page).contains("data-deadline=\"DONE\"").contains("Done");
		assertThat(page).contains("<svg").contains("class=\"bar-synced\"");
		String twoDaysAgo = LocalDate.now(ZoneId.of("Asia/Singapore"))
			.minusDays(2)
			.format(java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH));
		assertThat(page).contains(twoDaysAgo + ": 1 synced");
	}

	@Test
	void aDeadLetterNamesItsRecordAndLinksToThePageWhereItIsFixed() {
		EnrolmentView enrolment = roster.get(0);
		UUID enrolmentJob = dead("enrolment", enrolment.id(), "trainee.contactNumber: is required");
		UUID runJob = dead("class_run", fixture.run.id(), "venue.postalCode: is required");
		String page = clients.get("ops").get("/compliance").body();
		assertThat(page).contains(fixture.run.reference() + " · enrolment of " + enrolment.learnerName())
			.contains("href=\"/runs/" + fixture.run.id() + "\"")
			.contains("Run " + fixture.run.reference())
			.contains("href=\"/runs/" + fixture.run.id() + "/edit\"");
		clients.get("ops").get("/compliance");
		clients.get("ops")
			.postFields("/compliance/dead-letters/cancel",
					List.of(Map.entry("ids", enrolmentJob.toString()), Map.entry("ids", runJob.toString())));
	}

	@Test
	void aRunWhosePublicationIsDeadIsAtRiskNotOnTrack() {
		CohortPrincipal ops = fixture.tenant.as(Role.OPS);
		UUID course = Tenants
			.as(ops, () -> courses.create(new CourseManagement.NewCourse("RISK-" + fixture.tenant.slug(), "At risk",
					null, "TGS-2020002096", List.of(new CourseManagement.NewModule("M1", "One", BigDecimal.ONE)))))
			.id();
		Tenants.as(ops, () -> courses.update(course,
				new CourseManagement.CourseChange(null, null, null, null, CourseStatus.PUBLISHED)));
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(30);
		ClassRunView run = Tenants.as(ops,
				() -> runs.schedule(course,
						new ClassRunManagement.NewRun("RISK-" + fixture.tenant.slug(), start, start.plusDays(1),
								start.minusDays(20), start.minusDays(1), 10, "1", "Room 1", false, false,
								RunStatus.PUBLISHED, "068902", "admin@provider.test")));
		String onTrack = clients.get("ops").get("/compliance").body();
		assertThat(section(onTrack, run.reference())).contains("data-deadline=\"ON_TRACK\"").doesNotContain("At risk");

		UUID job = SyncJobs.insert(jdbc, fixture.tenant.id(), "class_run", run.id(), run.id(), "DEAD",
				"venue.postalCode: is not known", null, Duration.ofMinutes(5));
		String atRisk = section(clients.get("ops").get("/compliance").body(), run.reference());
		assertThat(atRisk).contains("data-deadline=\"AT_RISK\"")
			.contains("<span>At risk</span>: <span>30 days left</span>");
		clients.get("ops").postFields("/compliance/dead-letters/cancel", List.of(Map.entry("ids", job.toString())));
	}

	/** The compliance page's section of one run. */
	private static String section(String page, String reference) {
		int from = page.indexOf("data-run=\"" + reference + "\"");
		assertThat(from).as("section of %s", reference).isPositive();
		int to = page.indexOf("data-reconciliation=", from);
		return page.substring(from, to);
	}

	@Test
	void aDeadLetterIsRetriedOrCancelledThroughTheAuditedQueue() {
		UUID retried = dead("enrolment", UUID.randomUUID(), "trainee.id: is required");
		UUID cancelled = dead("enrolment", UUID.randomUUID(), "fee: is invalid");
		WebClient ops = clients.get("ops");
		String page = ops.get("/compliance").body();
		assertThat(page).contains("data-job=\"" + retried + "\"")
			.contains("trainee.id: is required")
			.contains("corr-" + retried.toString().substring(0, 8));

		HttpResponse<String> retry = ops.post("/compliance/dead-letters/" + retried + "/retry", Map.of());
		assertThat(retry.statusCode()).isEqualTo(302);
		assertThat(retry.headers().firstValue("Location")).get().asString().endsWith("/compliance");
		assertThat(status(retried)).isEqualTo("PENDING");
		String after = ops.get("/compliance").body();
		assertThat(after).contains("1 job put back in the queue.").doesNotContain("data-job=\"" + retried + "\"");

		HttpResponse<String> cancel = ops.postFields("/compliance/dead-letters/cancel",
				List.of(Map.entry("ids", cancelled.toString())));
		assertThat(cancel.statusCode()).isEqualTo(302);
		assertThat(status(cancelled)).isEqualTo("CANCELLED");
		assertThat(jdbc.sql("""
				SELECT action FROM audit_event WHERE tenant_id = :tenant AND entity_id IN (:ids) ORDER BY id""")
			.param("tenant", fixture.tenant.id())
			.param("ids", List.of(retried.toString(), cancelled.toString()))
			.query(String.class)
			.list()).containsExactly("job.retried", "job.cancelled");

		ops.get("/compliance");
		assertThat(ops.post("/compliance/dead-letters/retry", Map.of()).statusCode()).isEqualTo(302);
		assertThat(ops.get("/compliance").body()).contains("Tick the dead letters to retry first.");
	}

	@Test
	void eachRecordShowsItsOwnSyncStateOnItsPage() {
		EnrolmentView synced = roster.get(0);
		EnrolmentView failed = roster.get(2);
		SyncJobs.insert(jdbc, fixture.tenant.id(), "enrolment", synced.id(), fixture.run.id(), "SUCCEEDED", null,
				"ENR-2026-0042", Duration.ofHours(1));
		dead("enrolment", failed.id(), "sponsorshipType: must be one of EMPLOYER, INDIVIDUAL");
		WebClient ops = clients.get("ops");

		String runPage = ops.get("/runs/" + fixture.run.id()).body();
		assertThat(runPage).contains("id=\"sync-" + fixture.run.id() + "\"")
			.contains("id=\"sync-" + synced.id() + "\"")
			.contains("hx-post=\"/gateway/sync-states\"")
			.contains("name=\"enrolment\" value=\"" + failed.id() + "\"");

		String states = ops.postFields("/gateway/sync-states", List.of(Map.entry("enrolment", synced.id().toString()),
				Map.entry("enrolment", failed.id().toString()), Map.entry("enrolment", roster.get(1).id().toString())))
			.body();
		assertThat(states).contains("id=\"sync-" + synced.id() + "\" hx-swap-oob=\"true\"")
			.contains("Synced, ref ENR-2026-0042")
			.contains("Sync failed: sponsorshipType: must be one of EMPLOYER, INDIVIDUAL")
			.contains("href=\"/compliance\"");
		assertThat(section(states, failed.id())).contains("data-sync-state=\"FAILED\"");

		AttendanceRecord mark = Tenants.as(fixture.tenant.as(Role.OPS), () -> {
			attendance.markSheet(fixture.sessionId,
					List.of(new AttendanceManagement.Entry(synced.id(), AttendanceStatus.PRESENT, null)));
			return attendance.sheet(fixture.sessionId).get(0);
		});
		SyncJobs.insert(jdbc, fixture.tenant.id(), "attendance", mark.id(), fixture.run.id(), "RETRYING",
				"HTTP 503 from the gateway", null, Duration.ofMinutes(5));
		WebClient trainer = clients.get("trainer");
		assertThat(trainer.get("/sessions/" + fixture.sessionId).body()).contains("id=\"sync-" + mark.id() + "\"")
			.contains("name=\"attendance\" value=\"" + mark.id() + "\"");
		assertThat(trainer.postFields("/gateway/sync-states", List.of(Map.entry("attendance", mark.id().toString())))
			.body()).contains("Sync retrying: HTTP 503 from the gateway").doesNotContain("href=\"/compliance\"");

		UUID module = Tenants.as(fixture.tenant.as(Role.OPS),
				() -> courses.get(fixture.courseId).modules().get(0).id());
		AssessmentView result = Tenants.as(fixture.tenant.as(Role.ASSESSOR),
				() -> assessments.record(new AssessmentManagement.NewAssessment(synced.id(), module,
						AssessmentResult.COMPETENT, new BigDecimal("90"), "A", fixture.run.startDate(), null)));
		WebClient assessor = clients.get("assessor");
		assertThat(assessor.get("/assessments?run_id=" + fixture.run.id()).body())
			.contains("id=\"sync-" + result.id() + "\"")
			.contains("name=\"assessment\" value=\"" + result.id() + "\"");
		assertThat(assessor.postFields("/gateway/sync-states", List.of(Map.entry("assessment", result.id().toString())))
			.body()).contains("Not sent to the gateway");

		WebClient learner = clients.get("learner");
		learner.get("/");
		assertThat(learner.postFields("/gateway/sync-states", List.of(Map.entry("enrolment", synced.id().toString())))
			.statusCode()).isEqualTo(403);
	}

	private UUID dead(String type, UUID entity, String error) {
		return SyncJobs.insert(jdbc, fixture.tenant.id(), type, entity, fixture.run.id(), "DEAD", error, null,
				Duration.ofMinutes(30));
	}

	private UUID check(UUID reconciliation, String recordType, String outcome, String error, Timestamp at) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO reconciliation_check (id, reconciliation_id, tenant_id, run_id, record_type, outcome, error,
				    checked_at)
				VALUES (:id, :reconciliation, :tenant, :run, :type, :outcome, :error, :at)""")
			.param("id", id)
			.param("reconciliation", reconciliation)
			.param("tenant", fixture.tenant.id())
			.param("run", fixture.run.id())
			.param("type", recordType)
			.param("outcome", outcome)
			.param("error", error)
			.param("at", at)
			.update();
		return id;
	}

	private void discrepancy(UUID check, String recordType, String kind, UUID entity, String reference, String local,
			String remote, String detail) {
		jdbc.sql("""
				INSERT INTO reconciliation_discrepancy (id, check_id, tenant_id, run_id, record_type, kind, entity_id,
				    gateway_reference, local_status, remote_status, detail)
				VALUES (:id, :check, :tenant, :run, :type, :kind, :entity, :reference, :local, :remote, :detail)""")
			.param("id", UUID.randomUUID())
			.param("check", check)
			.param("tenant", fixture.tenant.id())
			.param("run", fixture.run.id())
			.param("type", recordType)
			.param("kind", kind)
			.param("entity", entity)
			.param("reference", reference)
			.param("local", local)
			.param("remote", remote)
			.param("detail", detail)
			.update();
	}

	/** The part of the page from {@code start} up to the next {@code end}. */
	private static String between(String html, String start, String end) {
		int from = html.indexOf(start);
		assertThat(from).as("%s in the page", start).isNotNegative();
		return html.substring(from, html.indexOf(end, from));
	}

	private String status(UUID job) {
		return jdbc.sql("SELECT status FROM sync_job WHERE id = :id").param("id", job).query(String.class).single();
	}

	private static String section(String html, UUID id) {
		int start = html.indexOf("id=\"sync-" + id + "\"");
		return html.substring(start, html.indexOf("</span>", html.indexOf("Gateway: ", start)) + 200);
	}

}
