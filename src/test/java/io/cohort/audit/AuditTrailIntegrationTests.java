package io.cohort.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.shared.AuditFact;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What gets audited, with whom, which request and from where; that summaries never hold
 * passwords; and that a rolled-back change leaves no audit row.
 */
class AuditTrailIntegrationTests extends ApiIntegrationTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Test
	void auditsSuccessfulAndFailedLoginsWithActorCorrelationIdAndClientAddress() {
		TestTenant tenant = api.newTenant();
		String succeeded = Api.unique("corr");
		String failed = Api.unique("corr");
		String unknownTenant = Api.unique("corr");

		api.post("/api/v1/auth/login")
			.correlationId(succeeded)
			.json(Map.of("tenant", tenant.slug(), "email", tenant.adminEmail(), "password", Api.PASSWORD))
			.send()
			.expect(200);
		api.post("/api/v1/auth/login")
			.correlationId(failed)
			.json(Map.of("tenant", tenant.slug(), "email", tenant.adminEmail(), "password", "wrong-password-123"))
			.send()
			.expect(401);
		api.post("/api/v1/auth/login")
			.correlationId(unknownTenant)
			.json(Map.of("tenant", Api.unique("nosuch"), "email", "who@x.test", "password", "wrong-password-123"))
			.send()
			.expect(401);

		Map<String, Object> success = row(succeeded);
		assertThat(success).containsEntry("tenant_id", tenant.id())
			.containsEntry("action", "auth.login.succeeded")
			.containsEntry("actor_type", "USER")
			.containsEntry("actor_id", tenant.adminId().toString())
			.containsEntry("actor_label", tenant.adminEmail())
			.containsEntry("entity_id", tenant.adminId().toString())
			.containsEntry("client_address", "127.0.0.1");
		Map<String, Object> failure = row(failed);
		assertThat(failure).containsEntry("tenant_id", tenant.id())
			.containsEntry("action", "auth.login.failed")
			.containsEntry("actor_type", "ANONYMOUS")
			.containsEntry("actor_label", tenant.adminEmail())
			.containsEntry("client_address", "127.0.0.1");
		assertThat((String) failure.get("changes")).contains("wrong-password\"").doesNotContain("wrong-password-123");
		assertThat(row(unknownTenant)).containsEntry("tenant_id", null)
			.containsEntry("action", "auth.login.failed")
			.containsEntry("client_address", "127.0.0.1");
	}

	@Test
	void auditsUserAndRoleChangesByTheirActorWithoutPasswords() {
		TestTenant tenant = api.newTenant();
		String create = Api.unique("corr");
		String roles = Api.unique("corr");
		String password = Api.unique("corr");
		String secretPassword = "very-secret-password-" + UUID.randomUUID();

		String id = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.correlationId(create)
			.json(Map.of("email", "audited@x.test", "display_name", "Audited", "password", secretPassword, "roles",
					List.of("TRAINER")))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
		api.patch("/api/v1/users/" + id)
			.bearer(tenant.adminToken())
			.correlationId(roles)
			.json(Map.of("roles", List.of("TRAINER", "ASSESSOR")))
			.send()
			.expect(200);
		api.patch("/api/v1/users/" + id)
			.bearer(tenant.adminToken())
			.correlationId(password)
			.json(Map.of("password", secretPassword + "-2"))
			.send()
			.expect(200);

		assertThat(row(create)).containsEntry("action", "user.created")
			.containsEntry("entity_type", "user")
			.containsEntry("entity_id", id)
			.containsEntry("actor_type", "USER")
			.containsEntry("actor_id", tenant.adminId().toString())
			.containsEntry("client_address", "127.0.0.1");
		assertThat(changes(create).get("roles").values()).extracting(JsonNode::asString).containsExactly("TRAINER");
		assertThat(row(roles)).containsEntry("action", "user.updated").containsEntry("entity_id", id);
		assertThat(changes(roles).at("/roles/from").values()).extracting(JsonNode::asString).containsExactly("TRAINER");
		assertThat(changes(roles).at("/roles/to").values()).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("ASSESSOR", "TRAINER");
		assertThat(changes(password).get("password").asString()).isEqualTo("changed");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE changes LIKE :p OR actor_label LIKE :p")
			.param("p", "%very-secret-password%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void noAuditRowEverHoldsAPassword() {
		api.newTenant().addUser("LEARNER");

		assertThat(jdbc.sql("""
				SELECT count(*) FROM audit_event
				WHERE changes LIKE :test OR changes LIKE :demo OR changes ILIKE '%password_hash%'
				   OR changes ILIKE '%{bcrypt}%'""")
			.param("test", "%" + Api.PASSWORD + "%")
			.param("demo", "%" + Api.DEMO_PASSWORD + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void auditsApiKeyChanges() {
		TestTenant tenant = api.newTenant();
		String create = Api.unique("corr");
		String revoke = Api.unique("corr");

		JsonNode key = api.post("/api/v1/api-keys")
			.bearer(tenant.adminToken())
			.correlationId(create)
			.json(Map.of("name", "Webhooks"))
			.send()
			.expect(201)
			.json();
		api.delete("/api/v1/api-keys/" + key.get("id").asString())
			.bearer(tenant.adminToken())
			.correlationId(revoke)
			.send()
			.expect(204);

		assertThat(row(create)).containsEntry("action", "api_key.created")
			.containsEntry("entity_type", "api_key")
			.containsEntry("entity_id", key.get("id").asString())
			.containsEntry("actor_id", tenant.adminId().toString());
		assertThat(changes(create).get("name").asString()).isEqualTo("Webhooks");
		assertThat((String) row(create).get("changes")).doesNotContain(key.get("key").asString());
		assertThat(row(revoke)).containsEntry("action", "api_key.revoked")
			.containsEntry("entity_id", key.get("id").asString());
	}

	@Test
	void aRolledBackChangeLeavesNoAuditRow() {
		TestTenant tenant = api.newTenant();
		String marker = Api.unique("rolled-back");

		tx.executeWithoutResult(status -> {
			events
				.publishEvent(AuditFact.of(tenant.id(), "test.rolled_back", "test", marker, Map.of("marker", marker)));
			status.setRollbackOnly();
		});
		tx.executeWithoutResult(status -> events
			.publishEvent(AuditFact.of(tenant.id(), "test.committed", "test", marker, Map.of("marker", marker))));

		assertThat(jdbc.sql("SELECT action FROM audit_event WHERE entity_id = :marker")
			.param("marker", marker)
			.query(String.class)
			.list()).containsExactly("test.committed");
	}

	@Test
	void aTenantCreationRefusedAfterItsAuditFactsWerePublishedLeavesNoTrace() {
		String slug = Api.unique("refused");

		api.post("/api/v1/platform/tenants")
			.bearer(api.platformAdminToken())
			.json(Map.of("slug", slug, "name", "Refused", "uen", "201912345K", "admin_email", "a@refused.test",
					"admin_password", "short"))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(jdbc.sql("SELECT count(*) FROM tenant WHERE slug = :slug")
			.param("slug", slug)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE changes LIKE :slug")
			.param("slug", "%" + slug + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void searchesByEntityActorAndTimeAPageAtATime() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser ops = tenant.addUser("OPS");
		TestTenant.TestUser trainer = tenant.addUser("TRAINER");
		for (String name : List.of("One", "Two", "Three")) {
			api.patch("/api/v1/users/" + trainer.id())
				.bearer(tenant.adminToken())
				.json(Map.of("display_name", name))
				.send()
				.expect(200);
		}

		JsonNode byEntity = search(ops, "entity_type=user&entity_id=" + trainer.id() + "&action=user.updated&size=2");
		assertThat(byEntity.get("total").asLong()).isEqualTo(3);
		assertThat(byEntity.get("items").size()).isEqualTo(2);
		assertThat(byEntity.get("items").values()).extracting(row -> row.at("/changes/display_name/to").asString())
			.containsExactly("Three", "Two");
		JsonNode secondPage = search(ops,
				"entity_type=user&entity_id=" + trainer.id() + "&action=user.updated&size=2&page=1");
		assertThat(secondPage.get("items").values()).extracting(row -> row.at("/changes/display_name/to").asString())
			.containsExactly("One");
		assertThat(secondPage.get("page").asInt()).isEqualTo(1);

		JsonNode byActorId = search(ops, "actor=" + ops.id());
		assertThat(byActorId.get("items").values()).isNotEmpty()
			.allSatisfy(row -> assertThat(row.get("actor_id").asString()).isEqualTo(ops.id().toString()));
		JsonNode byActorEmail = search(ops,
				"actor=" + tenant.adminEmail().toUpperCase(java.util.Locale.ROOT) + "&size=200");
		assertThat(byActorEmail.get("items").values()).extracting(row -> row.get("action").asString())
			.contains("user.created", "user.updated");

		JsonNode newest = byEntity.at("/items/0");
		String at = newest.get("occurred_at").asString();
		assertThat(search(ops, "entity_id=" + trainer.id() + "&action=user.updated&from=" + at).get("items").values())
			.extracting(row -> row.get("id").asLong())
			.containsExactly(newest.get("id").asLong());
		assertThat(search(ops, "entity_id=" + trainer.id() + "&action=user.updated&to=" + at).get("total").asLong())
			.isEqualTo(2);

		api.get("/api/v1/audit?from=yesterday").bearer(ops.token()).send().expectProblem(400, "validation-failed");
		assertThat(api.get("/api/v1/audit?size=0")
			.bearer(ops.token())
			.send()
			.expectProblem(400, "validation-failed")
			.at("/errors/0/field")
			.asString()).isEqualTo("size");
		api.get("/api/v1/audit?size=201").bearer(ops.token()).send().expectProblem(400, "validation-failed");
	}

	private JsonNode search(TestTenant.TestUser user, String query) {
		return api.get("/api/v1/audit?" + query).bearer(user.token()).send().expect(200).json();
	}

	private Map<String, Object> row(String correlationId) {
		List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit_event WHERE correlation_id = :id")
			.param("id", correlationId)
			.query()
			.listOfRows();
		assertThat(rows).as("audit rows of request %s", correlationId).hasSize(1);
		return rows.get(0);
	}

	private JsonNode changes(String correlationId) {
		return Api.JSON.readTree((String) row(correlationId).get("changes"));
	}

}
