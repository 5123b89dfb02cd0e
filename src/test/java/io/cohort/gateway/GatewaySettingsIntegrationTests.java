package io.cohort.gateway;

import java.util.HashMap;
import java.util.Map;

import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.SyncJobs;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GatewaySettingsIntegrationTests extends ApiIntegrationTest {

	@Test
	void secretsAreSealedAtRestAndNeverReturned() {
		TestTenant tenant = api.newTenant();
		Map<String, Object> body = new HashMap<>(Map.of("enabled", true, "base_url", "https://uat-api.ssg-wsg.sg",
				"uen", "201000372W", "encryption_key", SyncJobs.KEY, "auth_mode", "OAUTH", "oauth_token_url",
				"https://public-api.ssg-wsg.sg/dp-oauth/oauth/token", "oauth_client_id", "client-1",
				"oauth_client_secret", "very-secret-client-secret"));

		JsonNode saved = api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(body)
			.send()
			.expect(200)
			.json();

		assertThat(saved.get("encryption_key_set").asBoolean()).isTrue();
		assertThat(saved.get("oauth_client_secret_set").asBoolean()).isTrue();
		assertThat(saved.get("simulator").asBoolean()).isFalse();
		assertThat(saved.get("timeout_ms").asInt()).as("the default wait for an answer").isEqualTo(30_000);
		String shown = api.get("/api/v1/settings/gateway").bearer(tenant.adminToken()).send().expect(200).body();
		assertThat(shown).doesNotContain(SyncJobs.KEY).doesNotContain("very-secret-client-secret");
		String stored = jdbc.sql("SELECT row_to_json(s)::text FROM gateway_settings s WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(SyncJobs.KEY).doesNotContain("very-secret-client-secret");
		String audit = api.get("/api/v1/audit?action=gateway.settings.updated")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.body();
		assertThat(audit).contains("\"encryption_key\":\"changed\"").doesNotContain("very-secret-client-secret");

		body.remove("encryption_key");
		body.remove("oauth_client_secret");
		body.put("auth_mode", "NONE");
		body.put("timeout_ms", 2_000);
		JsonNode kept = api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(body)
			.send()
			.expect(200)
			.json();
		assertThat(kept.get("encryption_key_set").asBoolean()).as("a left-out secret keeps its value").isTrue();
		assertThat(kept.get("simulator").asBoolean()).isTrue();
		assertThat(kept.get("timeout_ms").asInt()).isEqualTo(2_000);
		body.put("timeout_ms", 50);
		api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(body)
			.send()
			.expectProblem(400, "validation-failed");
	}

	@Test
	void refusesIncompleteOrMalformedSettingsAndChangesNothing() {
		TestTenant tenant = api.newTenant();
		Map<String, Object> base = Map.of("enabled", true, "base_url", "https://uat-api.ssg-wsg.sg", "uen",
				"201000372W", "auth_mode", "NONE");

		api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(base)
			.send()
			.expectProblem(400, "validation-failed");
		Map<String, Object> shortKey = new HashMap<>(base);
		shortKey.put("encryption_key", "c2hvcnQ=");
		api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(shortKey)
			.send()
			.expectProblem(400, "validation-failed");
		Map<String, Object> oauthWithoutSecret = new HashMap<>(base);
		oauthWithoutSecret.put("encryption_key", SyncJobs.KEY);
		oauthWithoutSecret.put("auth_mode", "OAUTH");
		oauthWithoutSecret.put("oauth_token_url", "https://example.org/token");
		oauthWithoutSecret.put("oauth_client_id", "c");
		api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(oauthWithoutSecret)
			.send()
			.expectProblem(400, "validation-failed");
		Map<String, Object> badUrl = new HashMap<>(base);
		badUrl.put("encryption_key", SyncJobs.KEY);
		badUrl.put("base_url", "ftp://example.org");
		api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(badUrl)
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(api.get("/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("configured")
			.asBoolean()).isFalse();
	}

	// GH-10: a URL that carries credentials, or a query with which the path could be
	// chosen, never saves
	@ParameterizedTest
	@CsvSource({ "base_url, https://user:secret@uat-api.ssg-wsg.sg", "base_url, https://uat-api.ssg-wsg.sg/x?",
			"base_url, https://uat-api.ssg-wsg.sg?path=/admin", "base_url, https://uat-api.ssg-wsg.sg#frag",
			"oauth_token_url, https://user:secret@example.org/token", "oauth_token_url, gopher://example.org/token" })
	void refusesUrlsTheOutboundPolicyForbids(String field, String url) {
		TestTenant tenant = api.newTenant();
		Map<String, Object> body = new HashMap<>(Map.of("enabled", true, "base_url", "https://uat-api.ssg-wsg.sg",
				"uen", "201000372W", "auth_mode", "OAUTH", "encryption_key", SyncJobs.KEY, "oauth_token_url",
				"https://example.org/token", "oauth_client_id", "c", "oauth_client_secret", "s"));
		body.put(field, url);
		assertThat(api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(body)
			.send()
			.expectProblem(400, "validation-failed")
			.get("errors")
			.get(0)
			.get("field")
			.asString()).isEqualTo(field);
		assertThat(api.get("/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("configured")
			.asBoolean()).isFalse();
	}

}
