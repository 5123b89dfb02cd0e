package io.cohort.identity;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Authenticator;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second factor over the API: enrolment, login with a code or a recovery code,
 * removal, and a tenant that requires it of its admins. Codes come from the test's own
 * authenticator at the real time; the one-step window keeps that free of races.
 */
class SecondFactorIntegrationTests extends ApiIntegrationTest {

	@Test
	void anEnrolledUserLogsInOnlyWithAFreshCode() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("OPS");
		String secret = enrol(user.token());

		api.login(tenant.slug(), user.email(), Api.PASSWORD).expectProblem(401, "totp-required");
		login(tenant, user.email(), Map.of("totp_code", Authenticator.code(secret, Instant.now(), -5)))
			.expectProblem(401, "invalid-totp-code");
		String next = Authenticator.code(secret, Instant.now(), 1);
		JsonNode tokens = login(tenant, user.email(), Map.of("totp_code", next)).expect(200).json();
		login(tenant, user.email(), Map.of("totp_code", next)).expectProblem(401, "invalid-totp-code");

		api.get("/api/v1/me").bearer(tokens.get("access_token").asString()).send().expect(200);
		assertThat(audit(tenant, "user.totp.enrolled", user)).isEqualTo(1);
	}

	@Test
	void startsAnEnrolmentWithASecretAUriAndAQrCodeAndSealsTheSecret() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("TRAINER");

		JsonNode enrolment = api.post("/api/v1/me/totp").bearer(user.token()).send().expect(200).json();

		String secret = enrolment.get("secret").asString();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(enrolment.get("otpauth_uri").asString())
			.startsWith("otpauth://totp/Cohort%20(" + tenant.slug() + "):")
			.contains("secret=" + secret)
			.contains("issuer=Cohort")
			.contains("digits=6")
			.contains("period=30");
		byte[] png = Base64.getDecoder().decode(enrolment.get("qr_png_base64").asString());
		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
		byte[] stored = jdbc.sql("SELECT secret_sealed FROM user_totp WHERE user_id = :id")
			.param("id", user.id())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		api.login(tenant.slug(), user.email(), Api.PASSWORD).expect(200); // not enrolled
																			// until
																			// confirmed
	}

	@Test
	void refusesAWrongFirstCodeAndASecondEnrolment() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("OPS");
		api.post("/api/v1/me/totp/confirm")
			.bearer(user.token())
			.json(Map.of("code", "123456"))
			.send()
			.expectProblem(409, "totp-not-started");
		String secret = api.post("/api/v1/me/totp")
			.bearer(user.token())
			.send()
			.expect(200)
			.json()
			.get("secret")
			.asString();

		api.post("/api/v1/me/totp/confirm")
			.bearer(user.token())
			.json(Map.of("code", Authenticator.code(secret, Instant.now(), 10)))
			.send()
			.expectProblem(422, "totp-code-mismatch");
		api.post("/api/v1/me/totp/confirm")
			.bearer(user.token())
			.json(Map.of("code", Authenticator.code(secret)))
			.send()
			.expect(200);
		api.post("/api/v1/me/totp").bearer(user.token()).send().expectProblem(409, "totp-already-enabled");
	}

	@Test
	void aRecoveryCodeLogsInOnceAndIsAudited() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("LEARNER");
		String secret = api.post("/api/v1/me/totp")
			.bearer(user.token())
			.send()
			.expect(200)
			.json()
			.get("secret")
			.asString();
		JsonNode codes = api.post("/api/v1/me/totp/confirm")
			.bearer(user.token())
			.json(Map.of("code", Authenticator.code(secret)))
			.send()
			.expect(200)
			.json()
			.get("recovery_codes");
		assertThat(codes.size()).isEqualTo(10);
		String recovery = codes.get(3).asString();

		login(tenant, user.email(), Map.of("recovery_code", recovery.toUpperCase())).expect(200);
		login(tenant, user.email(), Map.of("recovery_code", recovery)).expectProblem(401, "invalid-totp-code");

		assertThat(audit(tenant, "user.totp.recovery_code_used", user)).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM user_recovery_code WHERE user_id = :id AND used_at IS NULL")
			.param("id", user.id())
			.query(Long.class)
			.single()).isEqualTo(9);
	}

	@Test
	void removingTheSecondFactorIsAuditedAndLoginNeedsNoCodeAgain() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("ASSESSOR");
		String secret = enrol(user.token());

		// GH-10: a stolen access token alone cannot take the second factor away
		api.request("DELETE", "/api/v1/me/totp").bearer(user.token()).send().expectProblem(422, "totp-code-mismatch");
		api.request("DELETE", "/api/v1/me/totp")
			.bearer(user.token())
			.json(Map.of("code", "000000"))
			.send()
			.expectProblem(422, "totp-code-mismatch");
		assertThat(audit(tenant, "user.totp.reset", user)).isZero();
		api.request("DELETE", "/api/v1/me/totp")
			.bearer(user.token())
			.json(Map.of("code", Authenticator.code(secret, Instant.now(), 1)))
			.send()
			.expect(204);

		api.login(tenant.slug(), user.email(), Api.PASSWORD).expect(200);
		assertThat(audit(tenant, "user.totp.reset", user)).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM user_recovery_code WHERE user_id = :id")
			.param("id", user.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAdminResetsTheSecondFactorOfAUserWhoLostTheDeviceButNotTheirOwn() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser user = tenant.addUser("TRAINER");
		enrol(user.token());
		enrol(tenant.adminToken());
		api.login(tenant.slug(), user.email(), Api.PASSWORD).expectProblem(401, "totp-required");

		api.delete("/api/v1/users/" + user.id() + "/totp").bearer(user.token()).send().expectProblem(403, "forbidden");
		api.delete("/api/v1/users/" + tenant.adminId() + "/totp")
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(422, "totp-reset-own");
		api.delete("/api/v1/users/" + user.id() + "/totp").bearer(tenant.adminToken()).send().expect(204);

		api.login(tenant.slug(), user.email(), Api.PASSWORD).expect(200);
		api.login(tenant.slug(), tenant.adminEmail(), Api.PASSWORD).expectProblem(401, "totp-required");
		assertThat(audit(tenant, "user.totp.reset", user)).isEqualTo(1);
		assertThat(jdbc.sql("SELECT count(*) FROM user_recovery_code WHERE user_id = :id")
			.param("id", user.id())
			.query(Long.class)
			.single()).isZero();
		api.delete("/api/v1/users/" + UUID.randomUUID() + "/totp")
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(404, "not-found");
	}

	@Test
	void aTenantThatRequiresASecondFactorOfAdminsWithholdsAdminUntilOneIsEnrolled() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser otherAdmin = tenant.addUser("ADMIN", "OPS");
		api.request("PUT", "/api/v1/settings/security")
			.bearer(tenant.adminToken())
			.json(Map.of("require_totp_for_admins", true))
			.send()
			.expectProblem(422, "totp-enrolment-required");
		enrol(tenant.adminToken());

		JsonNode settings = api.request("PUT", "/api/v1/settings/security")
			.bearer(tenant.adminToken())
			.json(Map.of("require_totp_for_admins", true))
			.send()
			.expect(200)
			.json();

		assertThat(settings.get("require_totp_for_admins").asBoolean()).isTrue();
		api.get("/api/v1/users").bearer(otherAdmin.token()).send().expectProblem(403, "forbidden");
		assertThat(api.get("/api/v1/me").bearer(otherAdmin.token()).send().expect(200).json().get("roles").toString())
			.contains("OPS")
			.doesNotContain("ADMIN");
		api.get("/api/v1/courses").bearer(otherAdmin.token()).send().expect(200);
		enrol(otherAdmin.token());
		api.get("/api/v1/users").bearer(otherAdmin.token()).send().expect(200);
		assertThat(api.get("/api/v1/settings/security")
			.bearer(otherAdmin.token())
			.send()
			.expect(200)
			.json()
			.get("require_totp_for_admins")
			.asBoolean()).isTrue();
		assertThat(audit(tenant, "settings.security.updated", null)).isEqualTo(1);
	}

	/** Enrols the token's user; answers the secret. */
	private String enrol(String token) {
		String secret = api.post("/api/v1/me/totp").bearer(token).send().expect(200).json().get("secret").asString();
		api.post("/api/v1/me/totp/confirm")
			.bearer(token)
			.json(Map.of("code", Authenticator.code(secret)))
			.send()
			.expect(200);
		return secret;
	}

	private Api.Response login(TestTenant tenant, String email, Map<String, String> secondFactor) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("tenant", tenant.slug(), "email", email, "password", Api.PASSWORD));
		body.putAll(secondFactor);
		return api.post("/api/v1/auth/login").json(body).send();
	}

	private long audit(TestTenant tenant, String action, TestTenant.TestUser user) {
		return jdbc
			.sql("""
					SELECT count(*) FROM audit_event
					WHERE tenant_id = :tenant AND action = :action AND (CAST(:user AS TEXT) IS NULL OR entity_id = :user)""")
			.param("tenant", tenant.id())
			.param("action", action)
			.param("user", user == null ? null : user.id().toString())
			.query(Long.class)
			.single();
	}

}
