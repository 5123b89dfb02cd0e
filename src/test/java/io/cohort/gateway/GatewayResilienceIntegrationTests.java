package io.cohort.gateway;

import io.cohort.jobs.ManualWorker;
import io.cohort.jobs.JobExecutor;
import io.cohort.jobs.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.MovableClock;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant's retry policy and its circuit breaker towards TPGateway, against the
 * simulator's faults: an outage opens the circuit, no attempt is spent while it is open,
 * and one trial call after the cool-down closes it again once the gateway has recovered.
 */
class GatewayResilienceIntegrationTests extends ApiIntegrationTest {

	@Autowired
	TpGatewayExecutor executor;

	@Autowired
	ApplicationContext context;

	@Autowired
	TpGatewaySimulator simulator;

	@Autowired
	CircuitBreaker breaker;

	MovableClock clock;

	ManualWorker worker;

	TestTenant tenant;

	String ops;

	SimulatedProvider provider;

	@BeforeEach
	void tenantOnTheSimulator() {
		clock = new MovableClock(Instant.now().plus(Duration.ofDays(3)));
		tenant = api.newTenant();
		worker = ManualWorker.on(context, clock, tenant.id());
		ops = tenant.addUser("OPS").token();
		provider = simulator.register("21" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K", false);
		OnTheSimulator.switchOn(api, tenant, provider);
	}

	@Test
	void aTenantWithoutAPolicyOfItsOwnGetsTheDefaults() {
		JsonNode policy = api.get("/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();

		assertThat(policy.get("base_delay_seconds").asInt()).isEqualTo(2);
		assertThat(policy.get("max_delay_seconds").asInt()).isEqualTo(1800);
		assertThat(policy.get("retry_budget_seconds").asInt()).isEqualTo(86_400);
		assertThat(policy.get("breaker_failure_threshold").asInt()).isEqualTo(5);
		assertThat(policy.get("breaker_cool_down_seconds").asInt()).isEqualTo(60);
		assertThat(policy.get("updated_at").isNull()).isTrue();
	}

	@Test
	void anInvalidPolicyIsRefusedFieldByFieldAndChangesNothing() {
		JsonNode tooSmall = api.request("PUT", "/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.json(policy(0, 60, 0, 5, 60))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(tooSmall.get("errors").values()).extracting(e -> e.get("field").asString())
			.contains("base_delay_seconds", "retry_budget_seconds");
		JsonNode inverted = api.request("PUT", "/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.json(policy(600, 60, 86_400, 5, 60))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(inverted.get("errors").values()).extracting(e -> e.get("field").asString())
			.containsExactly("max_delay_seconds");
		api.request("PUT", "/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.json(Map.of("base_delay_seconds", "soon"))
			.send()
			.expectProblem(400, "malformed-request");

		assertThat(api.get("/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("updated_at")
			.isNull()).isTrue();
	}

	@Test
	void theWorkerBacksOffByTheTenantsPolicyAndAChangeReachesUnfinishedJobs() {
		String run = publishedRun(course());
		api.request("PUT", "/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.json(policy(600, 3600, 1800, 5, 60))
			.send()
			.expect(200);
		assertThat(api.get("/api/v1/audit?action=retry_policy.updated")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.at("/items/0/changes/retry_budget_seconds/to")
			.asInt()).isEqualTo(1800);
		simulator.failNext(provider.uen(), 3, 503);

		assertThat(worker.drainOnce("w", 10)).isEqualTo(1);
		JsonNode retrying = job(run);
		Duration wait = Duration.between(clock.instant(), Instant.parse(retrying.get("next_attempt_at").asString()));
		assertThat(wait).isBetween(Duration.ofSeconds(299), Duration.ofSeconds(601));
		clock.advance(Duration.ofMinutes(15));
		worker.drainOnce("w", 10);
		clock.advance(Duration.ofMinutes(30));
		worker.drainOnce("w", 10);

		JsonNode dead = job(run);
		assertThat(dead.get("status").asString()).as("the unfinished job gave up by the new 30-minute budget")
			.isEqualTo("DEAD");
		assertThat(dead.get("attempts").asInt()).isEqualTo(3);
	}

	@Test
	void anOutageOpensTheCircuitNoAttemptIsSpentWhileItIsOpenAndItClosesAfterRecovery() {
		api.request("PUT", "/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.json(policy(2, 1800, 86_400, 3, 60))
			.send()
			.expect(200);
		String course = course();
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			runs.add(publishedRun(course));
		}
		simulator.failNext(provider.uen(), 2, 503);
		simulator.throttleNext(provider.uen(), Duration.ofSeconds(1));

		for (int call = 0; call < 3; call++) {
			assertThat(worker.drainOnce("w", 1)).isEqualTo(1);
		}
		JsonNode circuit = summary().get("gateway_circuit");
		assertThat(circuit.get("state").asString()).isEqualTo("OPEN");
		assertThat(circuit.get("consecutive_failures").asInt()).isEqualTo(3);
		assertThat(circuit.get("last_error").asString()).containsIgnoringCase("too many requests");

		clock.advance(Duration.ofSeconds(30)); // every backoff has passed, the cool-down
												// has not
		assertThat(worker.drainOnce("w", 10)).as("nothing is claimed while the circuit is open").isZero();
		assertThat(runs).extracting(run -> job(run).get("attempts").asInt()).containsExactlyInAnyOrder(1, 1, 1, 0, 0);
		assertThat(runs).extracting(run -> job(run).get("status").asString())
			.containsExactlyInAnyOrder("RETRYING", "RETRYING", "RETRYING", "PENDING", "PENDING");

		clock.advance(Duration.ofSeconds(31));
		ManualWorker otherInstance = ManualWorker.on(context, clock, tenant.id());
		JobExecutor trialWhileAnotherInstancePolls = job -> {
			assertThat(otherInstance.drainOnce("other-instance", 10))
				.as("while the trial call is out, no other worker takes the tenant's jobs")
				.isZero();
			return executor.forBatch(List.of(job)).execute(job);
		};
		assertThat(worker.drainOnce("w", 10, trialWhileAnotherInstancePolls)).as("one trial call").isEqualTo(1);
		assertThat(summary().at("/gateway_circuit/state").asString()).isEqualTo("CLOSED");
		drain();

		assertThat(runs).extracting(run -> job(run).get("status").asString()).containsOnly("SUCCEEDED");
		assertThat(runs).extracting(run -> job(run).get("attempts").asInt()).containsExactlyInAnyOrder(2, 2, 2, 1, 1);
		assertThat(runs).extracting(run -> job(run).get("reference").asString())
			.allSatisfy(reference -> assertThat(simulator.hasRun(provider.uen(), reference)).isTrue());
		assertThat(auditActions()).containsSubsequence("circuit.opened", "circuit.closed");
	}

	@Test
	void aFailedTrialOpensTheCircuitForAnotherCoolDown() {
		api.request("PUT", "/api/v1/settings/retry-policy")
			.bearer(tenant.adminToken())
			.json(policy(2, 1800, 86_400, 1, 60))
			.send()
			.expect(200);
		String course = course();
		String first = publishedRun(course);
		String second = publishedRun(course);
		simulator.failNext(provider.uen(), 2, 500);

		assertThat(worker.drainOnce("w", 1)).isEqualTo(1);
		assertThat(summary().at("/gateway_circuit/state").asString()).isEqualTo("OPEN");
		clock.advance(Duration.ofSeconds(61));
		assertThat(worker.drainOnce("w", 10)).as("the trial alone").isEqualTo(1);
		JsonNode reopened = summary().get("gateway_circuit");
		assertThat(reopened.get("state").asString()).isEqualTo("OPEN");
		assertThat(Instant.parse(reopened.get("retry_at").asString()))
			.isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS).plusSeconds(60));
		assertThat(worker.drainOnce("w", 10)).isZero();

		clock.advance(Duration.ofSeconds(61));
		drain();

		assertThat(summary().at("/gateway_circuit/state").asString()).isEqualTo("CLOSED");
		assertThat(List.of(job(first), job(second))).extracting(j -> j.get("status").asString())
			.containsOnly("SUCCEEDED");
		assertThat(List.of(job(first), job(second))).extracting(j -> j.get("attempts").asInt())
			.as("two failed calls, then one success each")
			.containsExactly(2, 2);
	}

	private static Map<String, Object> policy(int base, int max, int budget, int failures, int coolDown) {
		return Map.of("base_delay_seconds", base, "max_delay_seconds", max, "retry_budget_seconds", budget,
				"breaker_failure_threshold", failures, "breaker_cool_down_seconds", coolDown);
	}

	private List<String> auditActions() {
		List<String> actions = new ArrayList<>();
		api.get("/api/v1/audit?entity_type=job_circuit&size=50")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.forEach(item -> actions.add(0, item.get("action").asString()));
		return actions;
	}

	private JsonNode summary() {
		return api.get("/api/v1/compliance/summary").bearer(ops).send().expect(200).json();
	}

	private String course() {
		return api.post("/api/v1/courses")
			.bearer(ops)
			.json(Map.of("code", Api.unique("WSH"), "title", "Workplace Safety", "ssg_course_ref", "TGS-2020002096",
					"modules", List.of(Map.of("code", "M1", "title", "Hazards", "hours", 4))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private String publishedRun(String course) {
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date", start.toString(),
				"end_date", start.plusDays(1).toString(), "registration_opens", start.minusDays(20).toString(),
				"registration_closes", start.minusDays(1).toString(), "capacity", 20, "mode_of_training", "1", "status",
				"PUBLISHED", "venue", "112 Robinson Road"));
		body.put("course_admin_email", "admin@provider.test");
		body.put("venue_postal_code", "068902");
		return api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(body)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private void drain() {
		for (int pass = 0; pass < 10 && worker.drainOnce("w", 10) > 0; pass++) {
			// a job that waits for another becomes due in the next pass
		}
	}

	private JsonNode job(String run) {
		for (JsonNode job : api.get("/api/v1/jobs?size=500").bearer(ops).send().expect(200).json().get("items")) {
			if (job.get("entity_id").asString().equals(run)) {
				return job;
			}
		}
		throw new AssertionError("no job for run " + run);
	}

}
