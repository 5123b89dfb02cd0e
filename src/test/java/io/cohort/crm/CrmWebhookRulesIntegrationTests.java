package io.cohort.crm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks' rules beyond seed 003's examples: dependency order, idempotency (replay,
 * conflicting reuse, concurrent twins), malformed records, tenancy and API keys, limits,
 * capacity, and the status mappings. Each test has a tenant of its own.
 */
class CrmWebhookRulesIntegrationTests extends ApiIntegrationTest {

	TestTenant tenant;

	String key;

	@BeforeEach
	void tenantWithKey() {
		tenant = api.newTenant();
		key = tenant.addApiKey().key();
	}

	Api.Request post(String entity, Object body) {
		return api.post("/v1/sync/" + entity).apiKey(key).header("X-Tenant-ID", tenant.slug()).json(body);
	}

	JsonNode results(String entity, Object body) {
		return post(entity, body).send().expect(200).json().get("results");
	}

	static Map<String, Object> data(Object... records) {
		return Map.of("data", List.of(records));
	}

	static Map<String, Object> record(Object... pairs) {
		Map<String, Object> record = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			record.put((String) pairs[i], pairs[i + 1]);
		}
		return record;
	}

	static Map<String, Object> program(String id) {
		return record("id", id, "Product_Name", "Program " + id, "Price", "100.00", "status", "Active");
	}

	static Map<String, Object> zohoClass(String id, String program, Object... more) {
		Map<String, Object> record = record("id", id, "BTEC_Class_Name", "Class " + id, "Short_Name", id, "status",
				"Active", "Start_Date", "2024-02-01", "End_Date", "2030-06-30", "BTEC_Program", Map.of("id", program));
		for (int i = 0; i < more.length; i += 2) {
			record.put((String) more[i], more[i + 1]);
		}
		return record;
	}

	static Map<String, Object> student(String id) {
		return record("id", id, "Name", "Student " + id, "email", id.toLowerCase() + "@example.com");
	}

	static Map<String, Object> enrollment(String id, String student, String zohoClass, String status) {
		return record("id", id, "Student", Map.of("id", student), "BTEC_Class", Map.of("id", zohoClass), "status",
				status, "Start_Date", "2024-02-01");
	}

	long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single();
	}

	long refusalsAudited(java.util.UUID tenantId) {
		return jdbc
			.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :tenant AND action = 'crm.delivery.refused'")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
	}

	void nothingWritten() {
		assertThat(count("course") + count("learner") + count("class_run") + count("crm_record") + count("crm_delivery")
				+ count("crm_idempotency_key"))
			.isZero();
	}

	@Test
	void skipsAClassUntilItsProgramIsSyncedThenCreatesIt() {
		JsonNode skipped = results("classes", data(zohoClass("C1", "P1"))).get(0);
		assertThat(skipped.get("status").asString()).isEqualTo("SKIPPED");
		assertThat(skipped.get("reason").asString()).isEqualTo("program_not_synced_yet");
		assertThat(skipped.get("message").asString()).contains("P1");
		assertThat(count("class_run")).isZero();
		results("programs", data(program("P1")));
		assertThat(results("classes", data(zohoClass("C1", "P1"))).get(0).get("status").asString()).isEqualTo("NEW");
	}

	@Test
	void skipsAnEnrolmentUntilItsClassIsSyncedThenCreatesIt() {
		results("students", data(student("S1")));
		JsonNode skipped = results("enrollments", data(enrollment("E1", "S1", "C1", "Active"))).get(0);
		assertThat(skipped.get("reason").asString()).isEqualTo("class_not_synced_yet");
		assertThat(skipped.get("message").asString()).isEqualTo("Class C1 not synced yet");
		results("programs", data(program("P1")));
		results("classes", data(zohoClass("C1", "P1")));
		assertThat(results("enrollments", data(enrollment("E1", "S1", "C1", "Active"))).get(0).get("status").asString())
			.isEqualTo("NEW");
		assertThat(count("enrolment")).isEqualTo(1);
	}

	@Test
	void replaysTheStoredResponseByteForByteForTheSameKey() {
		String first = post("programs", data(program("P1"))).header("X-Idempotency-Key", "zoho-42")
			.send()
			.expect(200)
			.body();
		assertThat(first).contains("\"idempotency_key\":\"zoho-42\"");
		Api.Response again = post("programs", data(program("P1"))).header("X-Idempotency-Key", "zoho-42")
			.send()
			.expect(200);
		assertThat(again.body()).isEqualTo(first);
		assertThat(count("crm_delivery")).isEqualTo(1);
		// without the header, the body's own key: the second identical body is a replay
		// too
		String derived = post("programs", data(program("P2"))).send().expect(200).body();
		assertThat(post("programs", data(program("P2"))).send().expect(200).body()).isEqualTo(derived);
		assertThat(count("crm_delivery")).isEqualTo(2);
		assertThat(count("course")).isEqualTo(2);
	}

	@Test
	void refusesTheSameKeyWithADifferentBodyAndWritesNothing() {
		post("programs", data(program("P1"))).header("X-Idempotency-Key", "k-1").send().expect(200);
		post("programs", data(program("P2"))).header("X-Idempotency-Key", "k-1")
			.send()
			.expectProblem(422, "idempotency-key-reused");
		assertThat(count("course")).isEqualTo(1);
		assertThat(count("crm_delivery")).isEqualTo(1);
	}

	@Test
	void processesTenConcurrentTwinsOnce() throws Exception {
		List<Object> students = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			students.add(student("TWIN" + i));
		}
		Map<String, Object> body = Map.of("data", students);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Future<Api.Response>> sent = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			sent.add(pool.submit(() -> {
				start.await();
				return post("students", body).header("X-Idempotency-Key", "twins").send();
			}));
		}
		start.countDown();
		List<Api.Response> responses = new ArrayList<>();
		for (Future<Api.Response> future : sent) {
			responses.add(future.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();
		// each twin is answered (200) or told the first is still in flight (409); which,
		// and how
		// many of each, depends on when they arrive
		assertThat(responses).extracting(Api.Response::status).isSubsetOf(200, 409).contains(200);
		List<String> bodies = responses.stream().filter(r -> r.status() == 200).map(Api.Response::body).toList();
		assertThat(Collections.frequency(bodies, bodies.get(0))).isEqualTo(bodies.size());
		responses.stream()
			.filter(r -> r.status() == 409)
			.forEach(r -> r.expectProblem(409, "idempotency-request-in-progress"));
		assertThat(count("learner")).isEqualTo(40);
		assertThat(count("crm_record")).isEqualTo(40);
		assertThat(count("crm_delivery")).isEqualTo(1);
	}

	@Test
	void createsARecordOnceWhenItComesTwiceInABatchOrInDeliveriesAtOnce() throws Exception {
		JsonNode twice = results("students", data(student("S1"), student("S1")));
		assertThat(twice.values()).extracting(r -> r.get("status").asString()).containsExactly("NEW", "UNCHANGED");
		List<Object> students = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			students.add(student("RACE" + i));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(5);
		List<Future<JsonNode>> sent = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String key = "race-" + i;
			sent.add(pool.submit(() -> {
				start.await();
				return post("students", Map.of("data", students)).header("X-Idempotency-Key", key)
					.send()
					.expect(200)
					.json()
					.get("results");
			}));
		}
		start.countDown();
		List<String> statuses = new ArrayList<>();
		for (Future<JsonNode> future : sent) {
			future.get(60, TimeUnit.SECONDS).values().forEach(r -> statuses.add(r.get("status").asString()));
		}
		pool.shutdown();
		assertThat(Collections.frequency(statuses, "NEW")).isEqualTo(20);
		assertThat(Collections.frequency(statuses, "UNCHANGED")).isEqualTo(80);
		assertThat(count("learner")).isEqualTo(21);
		assertThat(count("crm_record")).isEqualTo(21);
	}

	@Autowired
	IdempotencyKeys keys;

	@Test
	void takesOverAnExpiredKeyAndPurgesExpiredKeys() {
		post("programs", data(program("P1"))).header("X-Idempotency-Key", "old").send().expect(200);
		jdbc.sql("UPDATE crm_idempotency_key SET expires_at = now() - interval '1 second' WHERE tenant_id = :t")
			.param("t", tenant.id())
			.update();
		JsonNode reused = post("programs", data(program("P2"))).header("X-Idempotency-Key", "old")
			.send()
			.expect(200)
			.json();
		assertThat(reused.get("results").get(0).get("status").asString()).as("an expired key is a new request")
			.isEqualTo("NEW");
		jdbc.sql("UPDATE crm_idempotency_key SET expires_at = now() - interval '1 second' WHERE tenant_id = :t")
			.param("t", tenant.id())
			.update();
		assertThat(keys.purgeExpired()).isPositive();
		assertThat(count("crm_idempotency_key")).isZero();
		assertThat(count("course")).isEqualTo(2);
	}

	@Test
	void updatesTheLearnerWithExactlyTheChangedFields() {
		results("students", data(student("S1")));
		JsonNode updated = results("students", data(
				record("id", "S1", "Name", "Student S1", "email", "new.s1@example.com", "Mobile", "+65 9000 0000")))
			.get(0);
		assertThat(updated.get("status").asString()).isEqualTo("UPDATED");
		assertThat(updated.get("changes").propertyNames()).containsExactlyInAnyOrder("email", "phone");
		assertThat(updated.at("/changes/email/old").asString()).isEqualTo("s1@example.com");
		JsonNode learner = api.get("/api/v1/learners")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0);
		assertThat(learner.get("email").asString()).isEqualTo("new.s1@example.com");
		assertThat(learner.get("phone").asString()).isEqualTo("+65 9000 0000");
	}

	@Test
	void refusesMalformedRecordsOneByOneAndKeepsTheRest() {
		String huge = "x".repeat(1_000_000);
		JsonNode results = results("programs",
				data(record("Product_Name", "No id"), record("id", Map.of("nested", 1), "Product_Name", "Object id"),
						record("id", "P3", "Product_Name", 42), record("id", "P4", "Product_Name", huge),
						record("id", "P5", "Product_Name", "Nul\u0000byte"),
						record("id", "P6", "Product_Name", "Unknown status", "status", "Sleeping"),
						record("id", "P7", "Product_Name", "Bad price", "Price", "abc"), "not an object",
						record("id", "P9", "product_name", "Unknown fields", "Owner", Map.of("id", "1"), "$approval",
								Map.of("delegate", false), "Created_Time", "2018-03-28T10:32:45+05:30"),
						record("id", "P10", "Product_Name", "Null price", "Price", null)));
		assertThat(results.values()).extracting(r -> r.get("status").asString())
			.containsExactly("INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID",
					"NEW", "NEW");
		assertThat(results.values()).extracting(r -> r.path("field").asString(null))
			.containsExactly("id", "id", "Product_Name", "Product_Name", "Product_Name", "status", "Price", "record",
					null, null);
		assertThat(results.get(3).get("message").asString()).hasSizeLessThan(200);
		assertThat(results.get(2).get("zoho_program_id").asString()).isEqualTo("P3");
		assertThat(results.get(0).get("zoho_program_id").isNull()).isTrue();
		assertThat(count("course")).isEqualTo(2);
		assertThat(count("crm_record")).isEqualTo(2);
	}

	@Test
	void readsTheRealModulesFieldNamesAndTheBodyShapesZohoSends() {
		results("programs", record("id", "5843017000000111111", "product_name", "Real Program", "Program_Price", 450));
		results("programs", List.of(record("id", 5843017000000222222L, "PRODUCT_NAME", "Bare list")));
		JsonNode classes = results("classes",
				Map.of("data",
						record("id", "5843017000000333333", "Class_Name", "Real Class", "Class_Short_Name", "RC-1",
								"Class_Status", "Planned", "Start_Date", "2031-01-05T09:00:00+08:00", "End_Date",
								"2031-03-01", "BTEC_Program", "5843017000000111111", "Capacity", "12")));
		assertThat(classes.get(0).get("status").asString()).isEqualTo("NEW");
		results("students", data(record("id", "5843017000000444444", "Name", "STU-0001", "Display_Name", "Siti Rahman",
				"Academic_Email", "siti@college.example", "Mobile", "+65 8123 4567", "Status", "Active")));
		JsonNode enrolment = results("enrollments",
				data(record("id", "5843017000000555555", "Enrolled_Students",
						Map.of("id", "5843017000000444444", "name", "STU-0001"), "Classes",
						Map.of("id", "5843017000000333333", "name", "Real Class"), "Enrolled_Program",
						Map.of("id", "5843017000000111111", "name", "Real Program"))))
			.get(0);
		assertThat(enrolment.get("status").asString()).as(enrolment.toString()).isEqualTo("INVALID");
		assertThat(enrolment.get("reason").asString()).as("the run is a draft (Planned)")
			.isEqualTo("class_run_not_open");
		JsonNode run = api.get("/api/v1/runs")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0);
		assertThat(run.get("reference").asString()).isEqualTo("RC-1");
		assertThat(run.get("capacity").asInt()).isEqualTo(12);
		assertThat(run.get("start_date").asString()).isEqualTo("2031-01-05");
		assertThat(run.get("status").asString()).isEqualTo("DRAFT");
		JsonNode learner = api.get("/api/v1/learners")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0);
		assertThat(learner.get("full_name").asString()).isEqualTo("Siti Rahman");
		assertThat(learner.get("id_type").asString()).isEqualTo("OT");
	}

	@Test
	void putsAnEnrolmentIntoAFullRunOnItsWaitlist() {
		results("programs", data(program("P1")));
		results("classes", data(zohoClass("C1", "P1", "Capacity", 1)));
		results("students", data(student("S1"), student("S2")));
		JsonNode results = results("enrollments",
				data(enrollment("E1", "S1", "C1", "Active"), enrollment("E2", "S2", "C1", "Active")));
		assertThat(results.get(0).get("enrollment_status").asString()).isEqualTo("CONFIRMED");
		assertThat(results.get(1).get("status").asString()).isEqualTo("NEW");
		assertThat(results.get(1).get("enrollment_status").asString()).isEqualTo("WAITLISTED");
		assertThat(results.get(1).get("waitlist_position").asInt()).isEqualTo(1);
		assertThat(results.get(1).get("message").asString()).contains("waitlist");
	}

	@Test
	void mapsCrmStatusesOntoTheCore() {
		results("programs", data(program("P1")));
		results("classes", data(zohoClass("C1", "P1")));
		results("students", data(student("S1")));
		results("enrollments", data(enrollment("E1", "S1", "C1", "Active")));
		JsonNode withdrawn = results("enrollments", data(enrollment("E1", "S1", "C1", "Withdrawn"))).get(0);
		assertThat(withdrawn.get("status").asString()).isEqualTo("UPDATED");
		assertThat(withdrawn.get("changes").get("status").get("new").asString()).isEqualTo("Withdrawn");
		assertThat(withdrawn.get("enrollment_status").asString()).isEqualTo("WITHDRAWN");
		JsonNode neverActive = results("enrollments", data(enrollment("E2", "S1", "C1", "Cancelled"))).get(0);
		assertThat(neverActive.get("status").asString()).isEqualTo("SKIPPED");
		assertThat(neverActive.get("reason").asString()).isEqualTo("not_active_in_crm");
		JsonNode cancelled = results("classes", data(zohoClass("C1", "P1", "status", "Cancelled"))).get(0);
		assertThat(cancelled.get("status").asString()).isEqualTo("UPDATED");
		assertThat(api.get("/api/v1/runs")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0)
			.get("status")
			.asString()).isEqualTo("CANCELLED");
		JsonNode retired = results("programs",
				data(record("id", "P1", "Product_Name", "Program P1", "Price", "100.00", "status", "Discontinued")))
			.get(0);
		assertThat(retired.get("status").asString()).isEqualTo("UPDATED");
		assertThat(api.get("/api/v1/courses")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0)
			.get("status")
			.asString()).isEqualTo("ARCHIVED");
	}

	@Test
	void refusesCallersWithoutTheTenantsKeyAndAuditsIt() {
		TestTenant other = api.newTenant();
		String otherKey = other.addApiKey().key();
		Object body = data(program("P1"));
		api.post("/v1/sync/programs")
			.header("X-Tenant-ID", tenant.slug())
			.json(body)
			.send()
			.expectProblem(401, "api-key-required");
		api.post("/v1/sync/programs")
			.apiKey(otherKey)
			.header("X-Tenant-ID", tenant.slug())
			.json(body)
			.send()
			.expectProblem(403, "tenant-mismatch");
		api.post("/v1/sync/programs")
			.bearer(tenant.adminToken())
			.header("X-Tenant-ID", tenant.slug())
			.json(body)
			.send()
			.expectProblem(403, "user-token-not-accepted");
		api.post("/v1/sync/programs")
			.apiKey("ck_unknown_key")
			.header("X-Tenant-ID", tenant.slug())
			.json(body)
			.send()
			.expectProblem(401, "invalid-api-key");
		api.post("/v1/sync/programs")
			.apiKey(key)
			.json(body)
			.send() // no X-Tenant-ID names the default tenant, demo
			.expectProblem(403, "tenant-mismatch");
		api.post("/v1/sync/programs")
			.apiKey(key)
			.header("X-Tenant-ID", "no-such-tenant")
			.json(body)
			.send()
			.expectProblem(403, "tenant-mismatch");
		nothingWritten();
		assertThat(refusalsAudited(tenant.id())).isEqualTo(5);
		assertThat(refusalsAudited(other.id())).isEqualTo(1);
		api.delete("/api/v1/api-keys/" + jdbc.sql("SELECT id FROM api_key WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(java.util.UUID.class)
			.single()).bearer(tenant.adminToken()).send().expect(204);
		post("programs", body).send().expectProblem(401, "invalid-api-key");
		nothingWritten();
	}

	@Test
	void refusesMoreThanFiveThousandRecordsAndBrokenJsonWritingNothing() {
		List<Object> many = new ArrayList<>();
		for (int i = 0; i < 5_001; i++) {
			many.add(record("id", "P" + i, "Product_Name", "Program " + i));
		}
		post("programs", Map.of("data", many)).send().expectProblem(413, "too-many-records");
		post("programs", "{\"data\": [{\"id\": \"P1\", ").send().expectProblem(400, "malformed-request");
		post("programs", "{\"data\": 42}").send().expectProblem(400, "malformed-request");
		post("programs", "").send().expectProblem(400, "malformed-request");
		api.post("/v1/sync/teachers")
			.apiKey(key)
			.header("X-Tenant-ID", tenant.slug())
			.json(data(program("P1")))
			.send()
			.expectProblem(404, "not-found");
		nothingWritten();
	}

}
