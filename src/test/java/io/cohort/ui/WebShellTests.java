package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web shell over plain HTTP: sign-in, each role's home page, CSRF and session cookie,
 * access rules, and the forms' error handling.
 */
class WebShellTests extends IntegrationTest {

	static final String PASSWORD = "cohort-demo-2026";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@CsvSource({ "admin, Admin, Users", "ops, Operations, Audit log", "trainer, Trainer, mark attendance",
			"assessor, Assessor, assessment results", "learner, Learner, enrol" })
	void eachDemoRoleSeesItsOwnHomePage(String user, String roleLabel, String expected) {
		WebClient web = new WebClient(port);
		HttpResponse<String> login = web.login("demo", user + "@demo.cohort.local", PASSWORD);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));

		HttpResponse<String> home = web.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Welcome, ")
			.contains(user + "@demo.cohort.local")
			.contains("Demo Training Academy")
			.contains("<h3>" + roleLabel + "</h3>")
			.contains(expected)
			.contains("href=\"#main\"")
			.contains("<main id=\"main\"");
		boolean admin = user.equals("admin");
		boolean seesAudit = admin || user.equals("ops");
		assertThat(home.body().contains("href=\"/admin/users\"")).isEqualTo(admin);
		assertThat(home.body().contains("href=\"/audit\"")).isEqualTo(seesAudit);
	}

	@Test
	void platformAdminSignsInWithoutTenantAndSeesTheTenants() {
		WebClient web = new WebClient(port);
		assertThat(web.login("", "platform@cohort.local", PASSWORD).statusCode()).isEqualTo(302);
		HttpResponse<String> home = web.get("/");
		assertThat(home.body()).contains("<h1>Tenants</h1>").contains("Demo Training Academy").contains("New tenant");

		HttpResponse<String> invalid = web.post("/platform/tenants", Map.of("slug", "demo", "name", "Again", "uen",
				"201912345K", "timeZone", "", "adminEmail", "a@b.example", "adminPassword", "long-enough-pw-1"));
		assertThat(invalid.statusCode()).isEqualTo(200);
		assertThat(invalid.body()).contains("is already taken").contains("aria-invalid=\"true\"");

		String slug = "t" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = web.post("/platform/tenants",
				Map.of("slug", slug, "name", "Acme Training", "uen", "201912346K", "timeZone", "", "adminEmail",
						"boss@acme.example", "adminPassword", "long-enough-pw-1"));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(web.get("/").body()).contains("Tenant Acme Training created").contains(slug);
	}

	@Test
	void wrongPasswordShowsAnErrorOnTheLoginPageWithWhatWasTypedButThePassword() {
		WebClient web = new WebClient(port);
		HttpResponse<String> login = web.login("demo", "trainer@demo.cohort.local", "not-the-password");
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
		String page = web.get("/login?error").body();
		assertThat(page).contains("role=\"alert\"").contains("is not right");
		assertThat(page).contains("value=\"demo\"")
			.contains("value=\"trainer@demo.cohort.local\"")
			.doesNotContain("not-the-password");
		assertThat(web.get("/login").body()).as("what was typed is shown once")
			.doesNotContain("value=\"trainer@demo.cohort.local\"");
	}

	@Test
	void formPostWithoutCsrfTokenIsRefused() {
		WebClient web = new WebClient(port);
		web.get("/login");
		HttpResponse<String> login = web.postRaw("/login",
				Map.of("tenant", "demo", "email", "admin@demo.cohort.local", "password", PASSWORD), Map.of());
		assertThat(login.statusCode()).isEqualTo(403);

		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		HttpResponse<String> create = web.postRaw("/admin/users", Map.of("email", "nocsrf@demo.cohort.local",
				"displayName", "No Token", "password", "long-enough-pw-1", "roles", "LEARNER"), Map.of());
		assertThat(create.statusCode()).isEqualTo(403);
		web.get("/admin/users");
		assertThat(web.get("/admin/users").body()).doesNotContain("nocsrf@demo.cohort.local");
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSite() {
		WebClient web = new WebClient(port);
		HttpResponse<String> login = web.login("demo", "learner@demo.cohort.local", PASSWORD);
		assertThat(login.headers().allValues("Set-Cookie"))
			.anySatisfy(cookie -> assertThat(cookie).startsWith("COHORT_SESSION=")
				.containsIgnoringCase("HttpOnly")
				.containsIgnoringCase("SameSite=Lax"));
	}

	@Test
	void pagesNeedASignedInUserAndTheRightRole() {
		WebClient web = new WebClient(port);
		HttpResponse<String> anonymous = web.get("/admin/users");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

		web.login("demo", "learner@demo.cohort.local", PASSWORD);
		for (String page : new String[] { "/admin/users", "/admin/api-keys", "/audit" }) {
			HttpResponse<String> refused = web.get(page);
			assertThat(refused.statusCode()).as(page).isEqualTo(403);
			assertThat(refused.body()).as(page).contains("Not allowed");
		}
	}

	@Test
	void htmxAndStylesAreServed() {
		WebClient web = new WebClient(port);
		assertThat(web.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
		assertThat(web.get("/css/cohort.css").statusCode()).isEqualTo(200);
		assertThat(web.get("/js/cohort.js").statusCode()).isEqualTo(200);
		HttpResponse<String> login = web.get("/login");
		assertThat(login.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
		assertThat(login.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>")
			.contains("<label for=\"tenant\">")
			.contains("<label for=\"email\">")
			.contains("<label for=\"password\">")
			.contains("Demo accounts");
	}

	@Test
	void userFormShowsErrorsNextToFields() {
		WebClient web = new WebClient(port);
		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		assertThat(web.get("/admin/users/new").body()).as("no role is ticked for the admin")
			.contains("name=\"roles\"")
			.doesNotContain("checked");
		HttpResponse<String> blank = web.post("/admin/users",
				Map.of("email", "", "displayName", "", "password", "short", "_roles", "on"));
		assertThat(blank.statusCode()).isEqualTo(200);
		assertThat(blank.body()).contains("id=\"email-error\"")
			.contains("id=\"displayName-error\"")
			.contains("id=\"password-error\"")
			.contains("id=\"roles-error\"");

		HttpResponse<String> duplicate = web.post("/admin/users", Map.of("email", "trainer@demo.cohort.local",
				"displayName", "Copy", "password", "long-enough-pw-1", "roles", "TRAINER"));
		assertThat(duplicate.statusCode()).isEqualTo(200);
		assertThat(duplicate.body()).contains("id=\"email-error\"").contains("already exists");
	}

	@Test
	void disablesAUserInlineWithHtmx() {
		WebClient web = new WebClient(port);
		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		web.get("/admin/users/new");
		String email = "inline-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.cohort.local";
		web.post("/admin/users",
				Map.of("email", email, "displayName", "Inline User", "password", "long-enough-pw-1", "roles", "OPS"));
		HttpResponse<String> list = web.get("/admin/users");
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		String page = list.body();
		int at = page.indexOf("<td>" + email + "</td>");
		String rowStart = page.substring(0, at);
		String id = rowStart.substring(rowStart.lastIndexOf("id=\"user-") + 9, rowStart.lastIndexOf("id=\"user-") + 45);

		HttpResponse<String> row = web.postRaw("/admin/users/" + id + "/enabled", Map.of("enabled", "false"),
				Map.of("HX-Request", "true", "X-CSRF-TOKEN", web.csrf()));
		assertThat(row.statusCode()).isEqualTo(200);
		assertThat(row.body()).startsWith("<tr").contains("Disabled").contains(email).doesNotContain("<html");
	}

	@Test
	void apiKeySecretIsShownOnceAndKeysCanBeRevoked() {
		WebClient web = new WebClient(port);
		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		web.get("/admin/api-keys");
		HttpResponse<String> created = web.post("/admin/api-keys", Map.of("name", "Zoho CRM"));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		Matcher secret = Pattern.compile("data-testid=\"issued-key\">(ck_[^<]+)<").matcher(created.body());
		assertThat(secret.find()).isTrue();

		HttpResponse<String> list = web.get("/admin/api-keys");
		assertThat(list.body()).contains("Zoho CRM").doesNotContain(secret.group(1));

		Matcher revoke = Pattern.compile("action=\"(/admin/api-keys/[0-9a-f-]{36}/revoke)\"").matcher(list.body());
		assertThat(revoke.find()).isTrue();
		HttpResponse<String> revoked = web.post(revoke.group(1), Map.of());
		assertThat(revoked.statusCode()).isEqualTo(302);
		assertThat(web.get("/admin/api-keys").body()).contains("was revoked").contains("Revoked ");

		HttpResponse<String> blank = web.post("/admin/api-keys", Map.of("name", " "));
		assertThat(blank.body()).contains("id=\"name-error\"");
	}

	@Test
	void auditPageFiltersAndAnswersHtmxWithTheResultsOnly() {
		WebClient web = new WebClient(port);
		web.login("demo", "ops@demo.cohort.local", PASSWORD);
		HttpResponse<String> page = web.get("/audit?action=user.created&entity_type=user");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>Audit log</h1>")
			.contains("data-action=\"user.created\"")
			.doesNotContain("data-action=\"auth.login");

		HttpResponse<String> fragment = web.getWith("/audit?action=user.created&page=0",
				Map.of("HX-Request", "true", "HX-Target", "audit-results"));
		assertThat(fragment.body()).startsWith("<div id=\"audit-results\">").doesNotContain("<html");

		HttpResponse<String> verify = web.getWith("/audit/verify", Map.of("HX-Request", "true"));
		assertThat(verify.body()).contains("The audit chain is intact").doesNotContain("<html");
	}

	@Test
	void editFormShowsTheUsersRoles() {
		WebClient web = new WebClient(port);
		web.login("demo", "admin@demo.cohort.local", PASSWORD);
		String list = web.get("/admin/users").body();
		Matcher link = Pattern.compile("href=\"(/admin/users/[0-9a-f-]{36})\"[^>]*>Demo Assessor<").matcher(list);
		assertThat(link.find()).isTrue();
		String edit = web.get(link.group(1)).body();
		assertThat(edit).containsPattern("value=\"ASSESSOR\"[^>]*checked")
			.doesNotContainPattern("value=\"LEARNER\"[^>]*checked")
			.contains("<legend>Roles</legend>");

		HttpResponse<String> none = web.post(link.group(1), Map.of("displayName", "Demo Assessor", "enabled", "true"));
		assertThat(none.statusCode()).isEqualTo(200);
		assertThat(none.body()).contains("id=\"roles-error\"");
	}

}
