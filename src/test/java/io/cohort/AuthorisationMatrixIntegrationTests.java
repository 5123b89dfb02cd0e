package io.cohort;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Endpoints;
import io.cohort.testing.Endpoints.Endpoint;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.ADMIN;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.ANONYMOUS;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.OPS;
import static io.cohort.AuthorisationMatrixIntegrationTests.Caller.PLATFORM_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API endpoint called by every kind of caller: those allowed get a success, other authenticated
 * callers 403 and anonymous callers 401, each as a problem. The table must list every endpoint the
 * application serves under {@code /api/v1}.
 */
class AuthorisationMatrixIntegrationTests extends ApiIntegrationTest {

	enum Caller {
		PLATFORM_ADMIN, ADMIN, OPS, TRAINER, ASSESSOR, LEARNER, API_KEY, ANONYMOUS
	}

	private static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);

	private static final Set<Caller> AUTHENTICATED = EnumSet.complementOf(EnumSet.of(ANONYMOUS));

	/** A request an allowed caller makes successfully, built against the test's tenant. */
	private record Case(Set<Caller> allowed, int success, Function<Fixture, Call> call) {
	}

	private record Call(String path, Object body) {

		static Call of(String path) {
			return new Call(path, null);
		}

	}

	private record Fixture(Api api, TestTenant tenant, Map<Caller, String> tokens, String apiKey,
			TestTenant.TestUser target, TestTenant.TestKey revocableKey) {
	}

	private static final Map<Endpoint, Case> TABLE = new LinkedHashMap<>();

	static {
		allow("POST /api/v1/auth/login", EVERYONE, 200, f -> new Call("/api/v1/auth/login",
				Map.of("tenant", f.tenant().slug(), "email", f.target().email(), "password", Api.PASSWORD)));
		allow("POST /api/v1/auth/refresh", EVERYONE, 200, f -> new Call("/api/v1/auth/refresh",
				Map.of("refresh_token", freshRefreshToken(f))));
		allow("POST /api/v1/auth/logout", EVERYONE, 204, f -> new Call("/api/v1/auth/logout",
				Map.of("refresh_token", freshRefreshToken(f))));
		allow("GET /api/v1/me", AUTHENTICATED, 200, f -> Call.of("/api/v1/me"));
		allow("GET /api/v1/platform/tenants", EnumSet.of(PLATFORM_ADMIN), 200, f -> Call.of("/api/v1/platform/tenants"));
		allow("POST /api/v1/platform/tenants", EnumSet.of(PLATFORM_ADMIN), 201, f -> {
			String slug = Api.unique("m");
			return new Call("/api/v1/platform/tenants", Map.of("slug", slug, "name", "Matrix", "uen", "201912345K",
					"admin_email", "admin@" + slug + ".test", "admin_password", Api.PASSWORD));
		});
		allow("GET /api/v1/users", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/users"));
		allow("POST /api/v1/users", EnumSet.of(ADMIN), 201, f -> new Call("/api/v1/users",
				Map.of("email", Api.unique("new") + "@matrix.test", "display_name", "New", "password", Api.PASSWORD,
						"roles", List.of("LEARNER"))));
		allow("GET /api/v1/users/{id}", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/users/" + f.target().id()));
		allow("PATCH /api/v1/users/{id}", EnumSet.of(ADMIN), 200,
				f -> new Call("/api/v1/users/" + f.target().id(), Map.of("display_name", Api.unique("renamed"))));
		allow("GET /api/v1/api-keys", EnumSet.of(ADMIN), 200, f -> Call.of("/api/v1/api-keys"));
		allow("POST /api/v1/api-keys", EnumSet.of(ADMIN), 201,
				f -> new Call("/api/v1/api-keys", Map.of("name", Api.unique("matrix"))));
		allow("DELETE /api/v1/api-keys/{id}", EnumSet.of(ADMIN), 204,
				f -> Call.of("/api/v1/api-keys/" + f.revocableKey().id()));
		allow("GET /api/v1/audit", EnumSet.of(ADMIN, OPS), 200, f -> Call.of("/api/v1/audit"));
		allow("GET /api/v1/audit/verify", EnumSet.of(ADMIN, OPS), 200, f -> Call.of("/api/v1/audit/verify"));
	}

	private static void allow(String endpoint, Set<Caller> allowed, int success, Function<Fixture, Call> call) {
		TABLE.put(Endpoint.of(endpoint), new Case(allowed, success, call));
	}

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theTableListsEveryApiEndpoint() {
		Endpoints.assertCovers(TABLE.keySet(), mappings, "the authorisation matrix");
	}

	@TestFactory
	Stream<DynamicTest> everyEndpointRefusesEveryCallerItDoesNotAllow() {
		Fixture fixture = fixture();
		return TABLE.entrySet().stream().flatMap(entry -> EVERYONE.stream().map(caller -> DynamicTest.dynamicTest(
				entry.getKey() + " as " + caller, () -> check(fixture, entry.getKey(), entry.getValue(), caller))));
	}

	private void check(Fixture fixture, Endpoint endpoint, Case expectation, Caller caller) {
		Call call = expectation.call().apply(fixture);
		Api.Request request = api.request(endpoint.method(), call.path());
		if (call.body() != null) {
			request.json(call.body());
		}
		if (caller == Caller.API_KEY) {
			request.apiKey(fixture.apiKey());
		}
		else if (caller != ANONYMOUS) {
			request.bearer(fixture.tokens().get(caller));
		}
		Api.Response response = request.send();
		if (expectation.allowed().contains(caller)) {
			response.expect(expectation.success());
		}
		else if (caller == ANONYMOUS) {
			response.expectProblem(401, "unauthenticated");
		}
		else {
			response.expectProblem(403, "forbidden");
		}
	}

	private Fixture fixture() {
		TestTenant tenant = api.newTenant();
		Map<Caller, String> tokens = new EnumMap<>(Caller.class);
		tokens.put(PLATFORM_ADMIN, api.platformAdminToken());
		tokens.put(ADMIN, tenant.adminToken());
		for (Caller role : List.of(OPS, Caller.TRAINER, Caller.ASSESSOR, Caller.LEARNER)) {
			tokens.put(role, tenant.addUser(role.name()).token());
		}
		TestTenant.TestUser target = tenant.addUser("LEARNER");
		Fixture fixture = new Fixture(api, tenant, tokens, tenant.addApiKey().key(), target, tenant.addApiKey());
		assertThat(fixture.tokens()).containsOnlyKeys(EnumSet.complementOf(EnumSet.of(Caller.API_KEY, ANONYMOUS)));
		return fixture;
	}

	private static String freshRefreshToken(Fixture f) {
		return f.api()
			.login(f.tenant().slug(), f.target().email(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();
	}

}
