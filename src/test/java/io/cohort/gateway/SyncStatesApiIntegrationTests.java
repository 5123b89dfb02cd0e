package io.cohort.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.SyncJobs;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/gateway/sync-states}: each record's own state with the gateway for
 * JSON clients, in the order asked, from the record's latest job that was not cancelled;
 * the ids are checked and bounded.
 */
class SyncStatesApiIntegrationTests extends ApiIntegrationTest {

	@Test
	void eachRecordAnswersItsOwnStateInTheOrderAsked() {
		TestTenant tenant = api.newTenant();
		Training training = new Training(tenant);
		UUID run = training.run(training.course().id());
		List<UUID> enrolments = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			enrolments.add(training.enrol(training.learner(null).id(), run));
		}
		UUID synced = enrolments.get(0);
		UUID pending = enrolments.get(1);
		UUID retrying = enrolments.get(2);
		UUID failed = enrolments.get(3);
		UUID updateFailed = enrolments.get(4);
		UUID cancelled = enrolments.get(5);
		UUID notSent = enrolments.get(6);
		job(tenant, synced, run, "SUCCEEDED", null, "ENR-2026-0001", 3);
		job(tenant, pending, run, "PENDING", null, null, 1);
		job(tenant, retrying, run, "RETRYING", "HTTP 503 from the gateway", null, 1);
		job(tenant, failed, run, "DEAD", "trainee.id: is required", null, 1);
		job(tenant, updateFailed, run, "SUCCEEDED", null, "ENR-2026-0002", 3);
		UUID update = job(tenant, updateFailed, run, "DEAD", "fee: is invalid", null, 1);
		job(tenant, cancelled, run, "CANCELLED", "trainee.id: is required", null, 1);
		TestTenant other = api.newTenant();
		UUID othersRecord = UUID.randomUUID();
		SyncJobs.insert(jdbc, other.id(), "enrolment", othersRecord, UUID.randomUUID(), "SUCCEEDED", null, "ENR-OTHER",
				Duration.ofHours(1));
		String trainer = tenant.addUser("TRAINER").token();
		List<UUID> asked = List.of(notSent, failed, synced, pending, retrying, updateFailed, cancelled, othersRecord);

		JsonNode answer = api.get("/api/v1/gateway/sync-states?entity_type=enrolment&ids=" + join(asked))
			.bearer(trainer)
			.send()
			.expect(200)
			.json();

		assertThat(answer.get("entity_type").asString()).isEqualTo("enrolment");
		assertThat(answer.get("gateway_enabled").asBoolean()).isFalse();
		assertThat(answer.get("states").values())
			.extracting(s -> s.get("id").asString() + " " + s.get("state").asString() + " "
					+ s.get("gateway_reference").asString(null) + " " + s.get("reason").asString(null))
			.containsExactly(notSent + " NOT_SENT null null", failed + " FAILED null trainee.id: is required",
					synced + " SYNCED ENR-2026-0001 null", pending + " PENDING null null",
					retrying + " RETRYING null HTTP 503 from the gateway",
					updateFailed + " FAILED ENR-2026-0002 fee: is invalid", cancelled + " CANCELLED null null",
					othersRecord + " NOT_SENT null null");
		assertThat(answer.at("/states/5/job_id").asString()).isEqualTo(update.toString());
		assertThat(answer.at("/states/0/job_id").isNull()).isTrue();
		assertThat(answer.toString()).doesNotContain("ENR-OTHER");

		api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", true, "base_url", "http://localhost:9/simulators/tpgateway", "uen", "201912345K",
					"encryption_key", SyncJobs.KEY, "auth_mode", "NONE"))
			.send()
			.expect(200);
		JsonNode runs = api.get("/api/v1/gateway/sync-states?entity_type=class_run&ids=" + run + "&ids=" + run)
			.bearer(tenant.addUser("ASSESSOR").token())
			.send()
			.expect(200)
			.json();
		assertThat(runs.get("gateway_enabled").asBoolean()).isTrue();
		assertThat(runs.get("states").values()).singleElement()
			.satisfies(s -> assertThat(s.get("state").asString()).isEqualTo("NOT_SENT"));
	}

	@Test
	void badQueriesAreRefusedWithTheFieldsAtFault() {
		TestTenant tenant = api.newTenant();
		String ops = tenant.addUser("OPS").token();

		assertThat(fields(
				api.get("/api/v1/gateway/sync-states").bearer(ops).send().expectProblem(400, "validation-failed")))
			.containsExactly("entity_type", "ids");
		assertThat(fields(api.get("/api/v1/gateway/sync-states?entity_type=learner&ids=" + UUID.randomUUID())
			.bearer(ops)
			.send()
			.expectProblem(400, "validation-failed"))).containsExactly("entity_type");
		JsonNode notAnId = api
			.get("/api/v1/gateway/sync-states?entity_type=assessment&ids=" + UUID.randomUUID() + ",12345")
			.bearer(ops)
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(notAnId.at("/errors/0/field").asString()).isEqualTo("ids");
		assertThat(notAnId.at("/errors/0/message").asString()).contains("'12345' is not a record id");

		List<UUID> most = IntStream.range(0, 500).mapToObj(i -> UUID.randomUUID()).toList();
		assertThat(api.get("/api/v1/gateway/sync-states?entity_type=attendance&ids=" + join(most))
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("states")
			.size()).isEqualTo(500);
		List<UUID> tooMany = new ArrayList<>(most);
		tooMany.add(UUID.randomUUID());
		JsonNode problem = api.get("/api/v1/gateway/sync-states?entity_type=attendance&ids=" + join(tooMany))
			.bearer(ops)
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("ids");
		assertThat(problem.at("/errors/0/message").asString()).isEqualTo("at most 500 records at once");
	}

	private UUID job(TestTenant tenant, UUID enrolment, UUID run, String status, String error, String reference,
			int hoursAgo) {
		return SyncJobs.insert(jdbc, tenant.id(), "enrolment", enrolment, run, status, error, reference,
				Duration.ofHours(hoursAgo));
	}

	private static List<String> fields(JsonNode problem) {
		return problem.get("errors").values().stream().map(e -> e.get("field").asString()).toList();
	}

	private static String join(List<UUID> ids) {
		return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
	}

}
