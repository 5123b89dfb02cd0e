package io.cohort.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.jobs.ManualWorker;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Mailbox;
import io.cohort.testing.MovableClock;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A job that keeps failing raises an alarm, once, when its next attempt would come after
 * its record's compliance deadline: an audit fact, an OPS message and the flag in the job
 * views. The worker runs on a clock the test moves.
 */
class JobDeadlineAlarmIntegrationTests extends ApiIntegrationTest {

	private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");

	@Autowired
	ApplicationContext context;

	@Autowired
	TpGatewaySimulator simulator;

	MovableClock clock;

	ManualWorker worker;

	TestTenant tenant;

	TestTenant.TestUser ops;

	SimulatedProvider provider;

	@BeforeEach
	void tenantOnTheSimulator() {
		clock = new MovableClock(Instant.now().plusSeconds(60));
		tenant = api.newTenant();
		worker = ManualWorker.on(context, clock, tenant.id());
		ops = tenant.addUser("OPS");
		provider = simulator.register("22" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K", false);
		OnTheSimulator.switchOn(api, tenant, provider);
		// a month's budget, and no circuit in the way: only the deadline can raise the
		// alarm
		api.request("PUT", "/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.json(Map.of("base_delay_seconds", 600, "max_delay_seconds", 3600, "retry_budget_seconds", 2_592_000,
					"breaker_failure_threshold", 100, "breaker_cool_down_seconds", 60))
			.send()
			.expect(200);
	}

	@Test
	void aRetryScheduledPastTheRunsPublicationDeadlineRaisesOneAlarm() {
		LocalDate start = LocalDate.now(SINGAPORE).plusDays(14);
		String run = publishedRun(start);
		// published by the start day (the default policy): late from the next midnight
		Instant deadline = start.plusDays(1).atStartOfDay(SINGAPORE).toInstant();
		simulator.failNext(provider.uen(), 10, 503);

		assertThat(worker.drainOnce("w", 10)).isEqualTo(1);
		JsonNode early = job(run);
		assertThat(early.get("status").asString()).isEqualTo("RETRYING");
		assertThat(early.get("deadline_alarm_at").isNull()).as("the next try comes well before the deadline").isTrue();
		assertThat(alarms()).isEmpty();

		clock.advance(Duration.between(clock.instant(), deadline).minusMinutes(1));
		Instant alarmedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		assertThat(worker.drainOnce("w", 10)).isEqualTo(1);

		JsonNode alarmed = job(run);
		assertThat(alarmed.get("status").asString()).isEqualTo("RETRYING");
		assertThat(Instant.parse(alarmed.get("next_attempt_at").asString())).isAfter(deadline);
		assertThat(Instant.parse(alarmed.get("deadline_alarm_at").asString())).isEqualTo(alarmedAt);
		assertThat(Instant.parse(alarmed.get("record_deadline").asString())).isEqualTo(deadline);
		assertThat(alarms()).singleElement()
			.satisfies(fact -> assertThat(Instant.parse(fact.at("/changes/deadline").asString())).isEqualTo(deadline));

		clock.advance(Duration.ofHours(2));
		assertThat(worker.drainOnce("w", 10)).isEqualTo(1);
		JsonNode again = job(run);
		assertThat(again.get("attempts").asInt()).isEqualTo(3);
		assertThat(Instant.parse(again.get("deadline_alarm_at").asString())).as("raised once per job")
			.isEqualTo(alarmedAt);
		assertThat(alarms()).hasSize(1);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Mailbox.to(ops.email())).extracting(Mailbox.Mail::subject)
				.filteredOn(subject -> subject.startsWith("Deadline at risk: "))
				.containsExactly("Deadline at risk: PUBLISH_RUN of class_run " + run));
	}

	private List<JsonNode> alarms() {
		return api.get("/api/v1/audit?action=job.deadline_at_risk")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.values()
			.stream()
			.toList();
	}

	private String publishedRun(LocalDate start) {
		String course = api.post("/api/v1/courses")
			.bearer(ops.token())
			.json(Map.of("code", Api.unique("WSH"), "title", "Workplace Safety", "ssg_course_ref", "TGS-2020002096",
					"modules", List.of(Map.of("code", "M1", "title", "Hazards", "hours", 4))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date", start.toString(),
				"end_date", start.plusDays(1).toString(), "registration_opens", start.minusDays(20).toString(),
				"registration_closes", start.minusDays(1).toString(), "capacity", 20, "mode_of_training", "1", "status",
				"PUBLISHED", "venue", "112 Robinson Road"));
		body.put("course_admin_email", "admin@provider.test");
		body.put("venue_postal_code", "068902");
		return api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops.token())
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private JsonNode job(String run) {
		for (JsonNode job : api.get("/api/v1/jobs?size=500")
			.bearer(ops.token())
			.send()
			.expect(200)
			.json()
			.get("items")) {
			if (job.get("entity_id").asString().equals(run)) {
				return job;
			}
		}
		throw new AssertionError("no job for run " + run);
	}

}
