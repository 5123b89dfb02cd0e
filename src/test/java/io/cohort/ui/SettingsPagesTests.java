package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;

import io.cohort.IntegrationTest;
import io.cohort.certification.CertificationManagement;
import io.cohort.compliance.ComplianceManagement;
import io.cohort.compliance.DeadlinePolicy;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.jobs.RetryPolicies;
import io.cohort.learners.LearnerManagement;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADMIN's policy pages (retry policy, deadlines, certificates): linked from the
 * integrations page, the API's bounds beside each field with a summary above the form, a
 * refusal changes nothing, a change is the tenant's own, and no other role sees them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsPagesTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	LearnerManagement learners;

	@Autowired
	RetryPolicies retryPolicies;

	@Autowired
	ComplianceManagement compliance;

	@Autowired
	CertificationManagement certification;

	TrainingFixture fixture;

	Tenants.TestTenant other;

	WebClient admin;

	@BeforeAll
	void adminSignedIn() {
		fixture = TrainingFixture.in(application);
		other = new Tenants(tenants).create("other");
		admin = new WebClient(port);
		assertThat(admin.login(fixture.tenant.slug(), fixture.email("admin"), fixture.password("admin")).statusCode())
			.isEqualTo(302);
	}

	@Test
	void theIntegrationsPageLinksThePolicyPagesWhichOnlyAnAdminOpens() {
		assertThat(admin.get("/settings/integrations").body()).contains("href=\"/settings/retry-policy\"")
			.contains("href=\"/settings/deadlines\"")
			.contains("href=\"/settings/certificates\"");
		WebClient ops = new WebClient(port);
		ops.login(fixture.tenant.slug(), fixture.email("ops"), fixture.password("ops"));
		for (String path : new String[] { "/settings/retry-policy", "/settings/deadlines", "/settings/certificates" }) {
			assertThat(admin.get(path).statusCode()).as(path).isEqualTo(200);
			assertThat(ops.get(path).statusCode()).as(path).isEqualTo(403);
			assertThat(ops.post(path, Map.of()).statusCode()).as(path).isEqualTo(403);
		}
	}

	@Test
	void theRetryPolicyRefusesALongestWaitBelowTheFirstAndSavesForThisTenantOnly() {
		admin.get("/settings/retry-policy");
		HttpResponse<String> refused = admin.post("/settings/retry-policy",
				Map.of("baseDelaySeconds", "60", "maxDelaySeconds", "30", "retryBudgetSeconds", "3600",
						"breakerFailureThreshold", "5", "breakerCoolDownSeconds", "60"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("data-testid=\"error-summary\"")
			.contains("id=\"maxDelaySeconds-error\"")
			.contains("must not be shorter than base_delay_seconds");
		HttpResponse<String> outOfBounds = admin.post("/settings/retry-policy",
				Map.of("baseDelaySeconds", "0", "maxDelaySeconds", "30", "retryBudgetSeconds", "10",
						"breakerFailureThreshold", "5", "breakerCoolDownSeconds", "60"));
		assertThat(outOfBounds.body()).contains("id=\"baseDelaySeconds-error\"")
			.contains("id=\"retryBudgetSeconds-error\"");
		int before = Tenants.as(fixture.tenant.as(Role.ADMIN), () -> retryPolicies.get().maxDelaySeconds());
		assertThat(before).isNotEqualTo(30);

		HttpResponse<String> saved = admin.post("/settings/retry-policy",
				Map.of("baseDelaySeconds", "7", "maxDelaySeconds", "700", "retryBudgetSeconds", "7000",
						"breakerFailureThreshold", "7", "breakerCoolDownSeconds", "70"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(admin.get("/settings/retry-policy").body()).contains("Retry policy saved.")
			.contains("value=\"7000\"");
		assertThat(Tenants.as(fixture.tenant.as(Role.ADMIN), () -> retryPolicies.get().retryBudgetSeconds()))
			.isEqualTo(7000);
		assertThat(Tenants.as(other.as(Role.ADMIN), () -> retryPolicies.get().retryBudgetSeconds())).isNotEqualTo(7000);
	}

	@Test
	void theDeadlinesAreBoundedAndSavedForThisTenantOnly() {
		admin.get("/settings/deadlines");
		HttpResponse<String> refused = admin.post("/settings/deadlines",
				Map.of("runPublishedDaysBeforeStart", "-1", "enrolmentsDaysAfterStart", "0", "recordsDaysAfterEnd",
						"14", "inHouseRecordsDaysAfterEnd", "28", "dueSoonDays", "99"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("data-testid=\"error-summary\"")
			.contains("id=\"runPublishedDaysBeforeStart-error\"")
			.contains("id=\"dueSoonDays-error\"");
		assertThat(Tenants.as(fixture.tenant.as(Role.ADMIN), () -> compliance.policy()))
			.isEqualTo(DeadlinePolicy.DEFAULTS);

		HttpResponse<String> saved = admin.post("/settings/deadlines",
				Map.of("runPublishedDaysBeforeStart", "2", "enrolmentsDaysAfterStart", "-1", "recordsDaysAfterEnd",
						"21", "inHouseRecordsDaysAfterEnd", "35", "dueSoonDays", "5"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(admin.get("/settings/deadlines").body()).contains("Deadline policy saved.").contains("value=\"35\"");
		assertThat(Tenants.as(fixture.tenant.as(Role.ADMIN), () -> compliance.policy().recordsDaysAfterEnd()))
			.isEqualTo(21);
		assertThat(Tenants.as(other.as(Role.ADMIN), () -> compliance.policy())).isEqualTo(DeadlinePolicy.DEFAULTS);
	}

	@Test
	void theCertificateThresholdIsBoundedAndSavedForThisTenantOnly() {
		admin.get("/settings/certificates");
		HttpResponse<String> refused = admin.post("/settings/certificates",
				Map.of("attendanceThresholdPercent", "101"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("data-testid=\"error-summary\"")
			.contains("id=\"attendanceThresholdPercent-error\"");
		assertThat(admin.post("/settings/certificates", Map.of("attendanceThresholdPercent", "80")).statusCode())
			.isEqualTo(302);
		assertThat(admin.get("/settings/certificates").body()).contains("Certificate settings saved.")
			.contains("value=\"80\"");
		assertThat(Tenants.as(fixture.tenant.as(Role.ADMIN), () -> certification.policy().attendanceThresholdPercent()))
			.isEqualTo(80);
		assertThat(Tenants.as(other.as(Role.ADMIN), () -> certification.policy().attendanceThresholdPercent()))
			.isEqualTo(75);
	}

}
