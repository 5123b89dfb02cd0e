package io.cohort.identity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.cohort.system.Installation;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.AppProcess;
import io.cohort.testing.TestTenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of Cohort on one database and one signing key (this test's and a child
 * process): a token issued by either is accepted by both for its whole lifetime, and a
 * disabled user or a revoked refresh family is refused by both at once. The child logs to
 * {@code target/processes/}. GH-15
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityInstancesIntegrationTests extends ApiIntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	Installation installation;

	@Autowired
	IdentitySettings settings;

	@Autowired
	PrincipalLoader principals;

	AppProcess child;

	@AfterAll
	void stopChild() {
		if (child != null) {
			child.close();
		}
	}

	@Test
	void tokensOfOneInstanceWorkOnTheOtherAndRefusalsHoldOnBoth() {
		Api twin = twin();
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser ops = tenant.addUser("OPS");

		// an access token of this instance on the other, and one of the other here
		twin.get("/api/v1/me").bearer(ops.token()).send().expect(200);
		String twinToken = twin.token(tenant.slug(), ops.email(), Api.PASSWORD);
		api.get("/api/v1/me").bearer(twinToken).send().expect(200);
		twin.get("/api/v1/me").bearer(tenant.adminToken()).send().expect(200);

		// a token issued ten minutes ago, by an instance with the same key, that neither
		// has seen yet: Spring's issued-at check refused any token older than a minute,
		// so an instance that had not verified it in its first minute answered 401
		AccessTokens tenMinutesAgo = new AccessTokens(installation, settings,
				Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
		String aged = tenMinutesAgo.issue(principals.activeUser(ops.id()).orElseThrow()).token();
		twin.get("/api/v1/me").bearer(aged).send().expect(200);
		api.get("/api/v1/me").bearer(aged).send().expect(200);

		// a refresh token issued here is rotated there, its successor here
		String refresh = api.login(tenant.slug(), ops.email(), Api.PASSWORD)
			.expect(200)
			.json()
			.get("refresh_token")
			.asString();
		String rotated = refreshed(twin, refresh).expect(200).json().get("refresh_token").asString();
		String again = refreshed(api, rotated).expect(200).json().get("refresh_token").asString();

		// logging out there revokes the family everywhere, at once
		twin.post("/api/v1/auth/logout").json(Map.of("refresh_token", again)).send().expect(204);
		refreshed(api, again).expectProblem(401, "invalid-refresh-token");
		refreshed(twin, again).expectProblem(401, "invalid-refresh-token");

		// a user disabled on this instance is refused on both, with tokens both issued
		api.patch("/api/v1/users/" + ops.id())
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", false))
			.send()
			.expect(200);
		for (String token : new String[] { ops.token(), twinToken }) {
			api.get("/api/v1/me").bearer(token).send().expectProblem(401, "invalid-token");
			twin.get("/api/v1/me").bearer(token).send().expectProblem(401, "invalid-token");
		}
		assertThat(twin.login(tenant.slug(), ops.email(), Api.PASSWORD).status()).isEqualTo(401);
	}

	private static Api.Response refreshed(Api instance, String refreshToken) {
		return instance.post("/api/v1/auth/refresh").json(Map.of("refresh_token", refreshToken)).send();
	}

	private Api twin() {
		child = AppProcess.start("identity-instance",
				Map.ofEntries(
						Map.entry("COHORT_DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/cohort"),
						Map.entry("COHORT_DB_USER", "cohort_app"), Map.entry("COHORT_DB_MIGRATION_USER", "postgres"),
						Map.entry("COHORT_DB_POOL_SIZE", "4"),
						Map.entry("COHORT_JWT_SECRET", Base64.getEncoder().encodeToString(installation.jwtKey())),
						Map.entry("COHORT_PII_KEY", Base64.getEncoder().encodeToString(installation.piiKey())),
						Map.entry("COHORT_DATA_DIR", "target/processes/data-identity"),
						Map.entry("COHORT_PUBLIC_URL", "http://localhost"), Map.entry("COHORT_JOBS_WORKERS", "0"),
						Map.entry("COHORT_GATEWAY_SIMULATOR_ENABLED", "false")),
				Duration.ofMinutes(4));
		return new Api(URI.create(child.base()).getPort());
	}

}
