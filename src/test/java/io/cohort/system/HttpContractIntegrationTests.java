package io.cohort.system;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-cutting HTTP contract: correlation ids, RFC 9457 problems with stable codes
 * for every client mistake (never a 500, never a stack trace, never a change), snake_case
 * JSON, and what is public.
 */
class HttpContractIntegrationTests extends ApiIntegrationTest {

	private static final int ONE_MEGABYTE = 1024 * 1024;

	private TestTenant tenant;

	@BeforeEach
	void tenant() {
		tenant = api.newTenant();
	}

	@Test
	void echoesTheCallersCorrelationIdAlsoOnErrors() {
		String id = Api.unique("corr");

		Api.Response ok = api.get("/api/v1/me").bearer(tenant.adminToken()).correlationId(id).send().expect(200);
		Api.Response refused = api.get("/api/v1/me").correlationId(id).send();

		assertThat(ok.header("X-Correlation-ID")).hasValue(id);
		assertThat(refused.header("X-Correlation-ID")).hasValue(id);
		assertThat(refused.expectProblem(401, "unauthenticated").get("correlation_id").asString()).isEqualTo(id);
		Api.Response notFound = api.get("/api/v1/nothing-here").bearer(tenant.adminToken()).correlationId(id).send();
		assertThat(notFound.expectProblem(404, "not-found").get("correlation_id").asString()).isEqualTo(id);
	}

	@Test
	void readinessSaysTheDatabaseIsUpAndGivesNoReason() {
		JsonNode ready = api.get("/readiness").send().expect(200).json();

		assertThat(ready.get("status").asString()).isEqualTo("UP");
		assertThat(ready.get("database").asString()).isEqualTo("UP");
		assertThat(ready.has("reason")).isFalse();
	}

	@Test
	void generatesACorrelationIdWhenNoneOrAnUnusableOneIsSent() {
		String generated = api.get("/healthz").send().expect(200).header("X-Correlation-ID").orElseThrow();
		String replaced = api.get("/healthz")
			.correlationId("x".repeat(200))
			.send()
			.header("X-Correlation-ID")
			.orElseThrow();
		String injected = api.get("/healthz")
			.correlationId("a b<script>")
			.send()
			.header("X-Correlation-ID")
			.orElseThrow();

		for (String id : List.of(generated, replaced, injected)) {
			assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		}
		assertThat(List.of(generated, replaced, injected)).doesNotHaveDuplicates();
	}

	@Test
	void anUnknownPathIsANotFoundProblem() {
		api.get("/api/v1/nothing-here").bearer(tenant.adminToken()).send().expectProblem(404, "not-found");
		api.get("/api/v2/users").bearer(tenant.adminToken()).send().expectProblem(404, "not-found");
		api.get("/v1/nothing-here").bearer(tenant.adminToken()).send().expectProblem(404, "not-found");
	}

	@Test
	void aWrongMethodIsAMethodNotAllowedProblem() {
		Api.Response response = api.delete("/api/v1/me").bearer(tenant.adminToken()).send();

		response.expectProblem(405, "method-not-allowed");
		assertThat(response.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
		api.request("PUT", "/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json(Map.of("display_name", "Put"))
			.send()
			.expectProblem(405, "method-not-allowed");
	}

	@Test
	void aWrongMediaTypeIsAnUnsupportedMediaTypeProblem() {
		long users = users();

		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.body("text/plain", "email=x@y.test")
			.send()
			.expectProblem(415, "unsupported-media-type");
		api.post("/api/v1/auth/login")
			.body("application/x-www-form-urlencoded", "email=x@y.test&password=whatever")
			.send()
			.expectProblem(415, "unsupported-media-type");

		assertThat(users()).isEqualTo(users);
	}

	@Test
	void malformedJsonIsAMalformedRequestProblem() {
		long users = users();

		for (String body : List.of("{\"email\":", "", "[]", "not json",
				"{\"email\": \"a@b.test\", \"roles\": \"ADMIN\"}",
				"{\"email\": \"a@b.test\", \"display_name\": {\"a\": 1}, \"password\": \"long-enough-password\", \"roles\": [\"ADMIN\"]}")) {
			api.post("/api/v1/users")
				.bearer(tenant.adminToken())
				.json(body)
				.send()
				.expectProblem(400, "malformed-request");
		}
		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json("{\"enabled\": \"maybe\"}")
			.send()
			.expectProblem(400, "malformed-request");
		api.post("/api/v1/auth/login").json("{\"email\": ").send().expectProblem(400, "malformed-request");

		assertThat(users()).isEqualTo(users);
	}

	@Test
	void aBodyOverOneMegabyteIsAPayloadTooLargeProblemWhetherDeclaredOrStreamed() {
		long users = users();
		String large = "{\"email\": \"big@x.test\", \"display_name\": \"" + "x".repeat(ONE_MEGABYTE)
				+ "\", \"password\": \"long-enough-password\", \"roles\": [\"LEARNER\"]}";

		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(large)
			.send()
			.expectProblem(413, "payload-too-large");
		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.chunked("application/json", large.getBytes(StandardCharsets.UTF_8))
			.send()
			.expectProblem(413, "payload-too-large");
		api.post("/api/v1/auth/login").json(large).send().expectProblem(413, "payload-too-large");
		api.post("/api/v1/auth/login")
			.chunked("application/json", large.getBytes(StandardCharsets.UTF_8))
			.send()
			.expectProblem(413, "payload-too-large");

		assertThat(users()).isEqualTo(users);
		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.chunked("application/json",
					Api.JSON.writeValueAsBytes(Map.of("email", "small@x.test", "display_name", "Small", "password",
							Api.PASSWORD, "roles", List.of("LEARNER"))))
			.send()
			.expect(201);
	}

	@Test
	void validationFailuresNameTheFieldsInSnakeCase() {
		JsonNode problem = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", "camel@x.test", "displayName", "Camel", "password", Api.PASSWORD, "roles",
					List.of("LEARNER")))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(problem.get("errors").values()).singleElement().satisfies(error -> {
			assertThat(error.get("field").asString()).isEqualTo("display_name");
			assertThat(error.get("message").asString()).isNotBlank();
		});
	}

	@Test
	void clientMistakesNeverBecomeServerErrors() {
		String admin = tenant.adminToken();
		// each mistake with the exact answer it gets: a bare "not a 5xx" would also pass
		// a wrong success
		Map<Api.Request, String> mistakes = new java.util.LinkedHashMap<>();
		mistakes.put(api.get("/api/v1/users/not-a-uuid").bearer(admin), "400 validation-failed");
		mistakes.put(api.get("/api/v1/users?page=abc").bearer(admin), "400 validation-failed");
		mistakes.put(api.get("/api/v1/audit?from=2026-13-45").bearer(admin), "400 validation-failed");
		mistakes.put(api.get("/api/v1/audit?entity_type=" + "x".repeat(101)).bearer(admin), "400 validation-failed");
		mistakes.put(api.delete("/api/v1/api-keys/123").bearer(admin), "400 validation-failed");
		mistakes.put(api.patch("/api/v1/users/" + tenant.adminId()).bearer(admin).json("null"),
				"400 malformed-request");
		mistakes.put(api.post("/api/v1/auth/refresh").json("{}"), "400 validation-failed");
		mistakes.put(api.post("/api/v1/auth/refresh").json("{\"refresh_token\": 42}"), "401 invalid-refresh-token");
		mistakes.put(api.post("/api/v1/auth/login").json(Map.of("email", "x@y.test", "password", "p".repeat(129))),
				"400 validation-failed");
		mistakes.put(api.post("/api/v1/auth/login").json(Map.of("tenant", List.of("a"), "email", "x", "password", "y")),
				"400 malformed-request");
		mistakes.put(api.post("/api/v1/api-keys").bearer(admin).json(Map.of("name", "n".repeat(101))),
				"400 validation-failed");
		mistakes.put(
				api.post("/api/v1/platform/tenants")
					.bearer(api.platformAdminToken())
					.json(Map.of("slug", Api.unique("tz"), "name", "Zone", "uen", "201912345K", "time_zone",
							"Mars/Olympus", "admin_email", "a@zone.test", "admin_password", Api.PASSWORD)),
				"400 validation-failed");
		mistakes.put(api.get("/api/v1/me").header("Authorization", "Basic dXNlcjpwYXNz"), "401 unauthenticated");
		mistakes.put(api.get("/api/v1/me").header("Authorization", "Bearer"), "401 invalid-token");
		Map<String, String> expected = new java.util.LinkedHashMap<>();
		Map<String, String> answered = new java.util.LinkedHashMap<>();
		mistakes.forEach((mistake, answer) -> {
			Api.Response response = mistake.send();
			String call = mistake + " #" + expected.size();
			expected.put(call, answer);
			answered.put(call, response.status() + " " + (response.contentType().startsWith("application/problem+json")
					? response.json().get("code").asString() : response.contentType()));
			response.assertNoStackTrace();
		});
		assertThat(answered).isEqualTo(expected);
		JsonNode farPage = api.get("/api/v1/users?page=99999999").bearer(admin).send().expect(200).json();
		assertThat(farPage.get("items").values()).isEmpty();
		assertThat(farPage.get("total").asLong()).isEqualTo(1);
		Api.Response options = api.request("OPTIONS", "/api/v1/users").bearer(admin).send().expect(200);
		assertThat(options.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
	}

	@Test
	void jsonIsSnakeCase() {
		JsonNode me = api.get("/api/v1/me").bearer(tenant.adminToken()).send().expect(200).json();

		assertThat(me.get("tenant").propertyNames()).contains("time_zone", "created_at").doesNotContain("timeZone");
		assertThat(api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD).json().propertyNames())
			.contains("access_token", "refresh_token", "token_type", "expires_in");
	}

	@Test
	void servesTheOpenApiDescriptionAndSwaggerUiWithoutLogin() {
		JsonNode openApi = api.get("/v3/api-docs").send().expect(200).json();
		assertThat(openApi.get("openapi").asString()).startsWith("3.");
		assertThat(openApi.get("paths").propertyNames()).contains("/api/v1/auth/login", "/api/v1/users",
				"/api/v1/audit");

		Api.Response docs = api.get("/docs").send();
		for (int hops = 0; docs.status() / 100 == 3 && hops < 5; hops++) {
			String location = docs.header("Location").orElseThrow();
			docs = api.get(location.startsWith("http") ? location.substring(api.base().length()) : location).send();
		}
		docs.expect(200);
		assertThat(docs.body()).containsIgnoringCase("swagger");
	}

	@Test
	void healthProbesArePublic() {
		assertThat(api.get("/healthz").send().expect(200).json().get("status").asString()).isEqualTo("UP");
		JsonNode readiness = api.get("/readiness").send().expect(200).json();
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("database").asString()).isEqualTo("UP");
		assertThat(api.get("/v1/health").send().expect(200).json())
			.isEqualTo(Api.JSON.readTree("{\"status\":\"healthy\"}"));
	}

	@Test
	void metricsAreNotPublic() {
		api.get("/actuator/prometheus").send().expectProblem(401, "unauthenticated");
		api.get("/actuator/prometheus").bearer("not-the-metrics-token").send().expectProblem(401, "unauthenticated");
		api.get("/actuator/prometheus").bearer(api.platformAdminToken()).send().expectProblem(401, "unauthenticated");
		api.get("/actuator/prometheus").bearer(tenant.adminToken()).send().expectProblem(401, "unauthenticated");
	}

	private long users() {
		return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
	}

}
