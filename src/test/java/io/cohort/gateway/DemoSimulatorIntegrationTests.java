package io.cohort.gateway;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobOutcome;
import io.cohort.jobs.JobQueue;
import java.util.List;
import java.util.EnumSet;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run's demo tenant sends its records to the built-in simulator: its settings
 * point there (auth mode NONE, shown as a simulator), its seeded records wrote jobs, the
 * simulator knows its key, and connecting again on the next start changes nothing.
 */
class DemoSimulatorIntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TpGatewayExecutor executor;

	@Autowired
	TenantManagement tenants;

	@Autowired
	LocalSimulator localSimulator;

	@Autowired
	GatewaySettingsManagement gatewaySettings;

	@Autowired
	JobQueue jobs;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoTenantIsConnectedToTheSimulatorAndItsRecordsReachIt() {
		TenantView demo = tenants.findBySlug("demo").orElseThrow();
		CohortPrincipal admin = admin(demo);

		GatewaySettingsManagement.GatewaySettingsView settings = Tenants.as(admin, () -> gatewaySettings.get());
		assertThat(settings.enabled()).isTrue();
		assertThat(settings.simulator()).isTrue();
		assertThat(settings.baseUrl()).isEqualTo("http://localhost:" + port + "/simulators/tpgateway/" + demo.uen());

		Job publish = jobs.byKey(demo.id(), SyncOperation.PUBLISH_RUN.key(run(demo, "WSH-101-R01"), null))
			.orElseThrow();
		assertThat(count("SELECT count(*) FROM sync_job WHERE tenant_id = :t AND operation = 'CREATE_ENROLMENT'", demo))
			.isEqualTo(13); // the confirmed ones: 7 + 3 + 3, none for the waitlist
		assertThat(executor.forBatch(List.of(publish)).execute(publish)).isInstanceOf(JobOutcome.Succeeded.class);

		long audited = count(
				"SELECT count(*) FROM audit_event WHERE tenant_id = :t AND action = 'gateway.settings.updated'", demo);
		assertThat(Tenants.as(admin, () -> localSimulator.connect(demo.uen()))).isTrue();
		assertThat(count(
				"SELECT count(*) FROM audit_event WHERE tenant_id = :t AND action = 'gateway.settings.updated'", demo))
			.isEqualTo(audited);
		assertThat(executor.forBatch(List.of(publish)).execute(publish)).isInstanceOf(JobOutcome.Succeeded.class);
	}

	private CohortPrincipal admin(TenantView demo) {
		UUID id = jdbc.sql("SELECT id FROM app_user WHERE tenant_id = :t AND email = 'admin@demo.cohort.local'")
			.param("t", demo.id())
			.query(UUID.class)
			.single();
		return new CohortPrincipal(CohortPrincipal.Kind.USER, id, demo.id(), demo.slug(), "admin@demo.cohort.local",
				EnumSet.of(Role.ADMIN));
	}

	private UUID run(TenantView demo, String reference) {
		return jdbc.sql("SELECT id FROM class_run WHERE tenant_id = :t AND reference = :r")
			.param("t", demo.id())
			.param("r", reference)
			.query(UUID.class)
			.single();
	}

	private long count(String sql, TenantView demo) {
		return jdbc.sql(sql).param("t", demo.id()).query(Long.class).single();
	}

}
