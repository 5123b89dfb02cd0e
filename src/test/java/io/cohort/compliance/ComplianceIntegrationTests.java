package io.cohort.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cohort.identity.TenantManagement;
import io.cohort.system.ClusterLock;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.MovableClock;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant's deadline policy drives the compliance summary at once, and the daily pass
 * records when each deadline became due soon or overdue, auditing it once.
 */
class ComplianceIntegrationTests extends ApiIntegrationTest {

	static final ZoneId ZONE = ZoneId.of("Asia/Singapore");

	@Autowired
	ComplianceManagement compliance;

	@Autowired
	TenantManagement tenants;

	@Autowired
	ClusterLock lock;

	TestTenant tenant;

	String ops;

	@BeforeEach
	void newTenant() {
		tenant = api.newTenant();
		ops = tenant.addUser("OPS").token();
	}

	@Test
	void theDefaultsApplyUntilTheAdminSetsAPolicyWhichIsValidatedAuditedAndUsedAtOnce() {
		String run = run(LocalDate.now(ZONE).plusDays(5), false);
		JsonNode defaults = api.get("/api/v1/settings/compliance")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();
		assertThat(defaults.get("records_days_after_end").asInt()).isEqualTo(14);
		assertThat(defaults.get("in_house_records_days_after_end").asInt()).isEqualTo(28);
		assertThat(defaults.get("due_soon_days").asInt()).isEqualTo(3);
		assertThat(deadline(run, "RUN_PUBLISHED").get("status").asString()).isEqualTo("ON_TRACK");

		JsonNode refused = api.request("PUT", "/api/v1/settings/compliance")
			.bearer(tenant.adminToken())
			.json(policy(0, 0, -1, 28, 61))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(refused.get("errors").values()).extracting(e -> e.get("field").asString())
			.containsExactlyInAnyOrder("records_days_after_end", "due_soon_days");
		api.request("PUT", "/api/v1/settings/compliance")
			.bearer(tenant.adminToken())
			.json(policy(2, 45, 10, 20, 5))
			.send()
			.expect(200);

		JsonNode published = deadline(run, "RUN_PUBLISHED");
		assertThat(published.get("due").asString()).isEqualTo(LocalDate.now(ZONE).plusDays(3).toString());
		assertThat(published.get("status").asString()).isEqualTo("DUE_SOON");
		assertThat(deadline(run, "ENROLMENTS_SUBMITTED").get("due").asString())
			.isEqualTo(LocalDate.now(ZONE).plusDays(50).toString());
		assertThat(deadline(run, "ATTENDANCE_SUBMITTED").get("due").asString())
			.isEqualTo(LocalDate.now(ZONE).plusDays(6 + 10).toString());
		assertThat(api.get("/api/v1/audit?action=compliance.policy.updated")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.at("/items/0/changes/due_soon_days/to")
			.asInt()).isEqualTo(5);
	}

	@Test
	void theDailyPassRecordsSinceWhenADeadlineIsDueSoonOrOverdueAndAuditsEachChangeOnce() {
		String run = run(LocalDate.now(ZONE).plusDays(5), false);
		MovableClock clock = new MovableClock(Instant.now());
		DeadlineWatch watch = new DeadlineWatch(compliance, tenants, new DeadlineWatch.Settings(Duration.ZERO), clock,
				lock);

		assertThat(watch.pass(tenant.id())).as("four deadlines seen for the first time").isEqualTo(4);
		assertThat(audited()).isEmpty();
		clock.advance(Duration.ofDays(2));
		assertThat(watch.pass(tenant.id())).isEqualTo(2);
		assertThat(watch.pass(tenant.id())).as("nothing changed since").isZero();
		assertThat(audited()).containsExactlyInAnyOrder("compliance.deadline.due_soon:RUN_PUBLISHED",
				"compliance.deadline.due_soon:ENROLMENTS_SUBMITTED");

		clock.advance(Duration.ofDays(4));
		assertThat(watch.pass(tenant.id())).isEqualTo(2);
		assertThat(audited()).containsExactlyInAnyOrder("compliance.deadline.due_soon:RUN_PUBLISHED",
				"compliance.deadline.due_soon:ENROLMENTS_SUBMITTED", "compliance.deadline.overdue:RUN_PUBLISHED",
				"compliance.deadline.overdue:ENROLMENTS_SUBMITTED");
		assertThat(deadline(run, "RUN_PUBLISHED").get("status").asString()).as("today, it is only due soon")
			.isEqualTo("ON_TRACK");

		String soon = run(LocalDate.now(ZONE).plusDays(2), false);
		MovableClock today = new MovableClock(Instant.now());
		new DeadlineWatch(compliance, tenants, new DeadlineWatch.Settings(Duration.ZERO), today, lock)
			.pass(tenant.id());
		JsonNode dueSoon = deadline(soon, "RUN_PUBLISHED");
		assertThat(dueSoon.get("status").asString()).isEqualTo("DUE_SOON");
		assertThat(Instant.parse(dueSoon.get("since").asString()))
			.isEqualTo(today.instant().truncatedTo(ChronoUnit.MICROS));
	}

	// GH-10: the roll-up read only the first 500 runs and silently dropped the rest
	@Test
	void theSummaryRollsUpEveryRunOfTheTenantHoweverMany() {
		String first = run(LocalDate.now(ZONE).plusDays(30), false);
		jdbc.sql("""
				INSERT INTO class_run
				SELECT (jsonb_populate_record(NULL::class_run, to_jsonb(r)
				    || jsonb_build_object('id', gen_random_uuid(), 'reference', r.reference || '-' || i))).*
				FROM class_run r CROSS JOIN generate_series(1, 520) AS i WHERE r.id = :id""")
			.param("id", java.util.UUID.fromString(first))
			.update();
		JsonNode summary = api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json();
		assertThat(summary.get("runs").size()).isEqualTo(521);
	}

	private List<String> audited() {
		List<String> actions = new ArrayList<>();
		api.get("/api/v1/audit?entity_type=class_run&size=100")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.forEach(item -> {
				if (item.get("action").asString().startsWith("compliance.deadline.")) {
					actions.add(item.get("action").asString() + ":" + item.at("/changes/deadline").asString());
				}
			});
		return actions;
	}

	private static Map<String, Object> policy(int published, int enrolments, int records, int inHouse, int soon) {
		return Map.of("run_published_days_before_start", published, "enrolments_days_after_start", enrolments,
				"records_days_after_end", records, "in_house_records_days_after_end", inHouse, "due_soon_days", soon);
	}

	private JsonNode deadline(String run, String type) {
		JsonNode summary = api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json();
		for (JsonNode candidate : summary.get("runs")) {
			if (candidate.get("run_id").asString().equals(run)) {
				for (JsonNode deadline : candidate.get("deadlines")) {
					if (deadline.get("type").asString().equals(type)) {
						return deadline;
					}
				}
			}
		}
		throw new AssertionError("no deadline " + type + " of run " + run);
	}

	private String run(LocalDate start, boolean inHouse) {
		String course = api.post("/api/v1/courses")
			.bearer(ops)
			.json(Map.of("code", Api.unique("WSH"), "title", "Workplace Safety"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date", start.toString(),
				"end_date", start.plusDays(1).toString(), "registration_opens", start.minusDays(20).toString(),
				"registration_closes", start.minusDays(1).toString(), "capacity", 20, "mode_of_training", "1", "status",
				"PUBLISHED", "venue", "112 Robinson Road"));
		body.put("in_house", inHouse);
		return api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

}
