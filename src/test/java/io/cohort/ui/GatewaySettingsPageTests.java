package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.IntegrationTest;
import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.learners.LearnerManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TPGateway settings page: an ADMIN switches the gateway on towards the simulator,
 * tests the connection, sees secrets only as "set", and a wrong UEN fails the test in
 * plain words; no one else sees the page.
 */
class GatewaySettingsPageTests extends IntegrationTest {

	@Autowired
	ApplicationContext application;

	@LocalServerPort
	int port;

	@Autowired
	LearnerManagement learners;

	@Autowired
	TpGatewaySimulator simulator;

	@Test
	void anAdminSwitchesTheGatewayOnTestsItAndAWrongUenFailsTheTest() {
		TrainingFixture fixture = TrainingFixture.in(application);
		SimulatedProvider provider = simulator
			.register("20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K", false);
		WebClient admin = new WebClient(port);
		admin.login(fixture.tenant.slug(), fixture.email("admin"), fixture.password("admin"));
		assertThat(admin.get("/settings/integrations").body()).contains("href=\"/settings/gateway\"");
		HttpResponse<String> page = admin.get("/settings/gateway");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>TPGateway</h1>").doesNotContain("Test connection");

		String baseUrl = "http://localhost:" + port + "/simulators/tpgateway/" + provider.uen();
		HttpResponse<String> noKey = admin.post("/settings/gateway", Map.of("enabled", "true", "baseUrl", baseUrl,
				"uen", provider.uen(), "authMode", "NONE", "timeoutMs", "10000"));
		assertThat(noKey.statusCode()).isEqualTo(200);
		assertThat(noKey.body()).contains("id=\"encryptionKey-error\"").contains("is required");

		HttpResponse<String> saved = admin.post("/settings/gateway",
				Map.of("enabled", "true", "baseUrl", baseUrl, "uen", provider.uen(), "encryptionKey",
						provider.encryptionKey(), "authMode", "NONE", "timeoutMs", "10000"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		String after = admin.get("/settings/gateway").body();
		assertThat(after).contains("sending records is on")
			.contains("data-testid=\"gateway-enabled\">On<")
			.contains("A key is set")
			.doesNotContain(provider.encryptionKey());

		admin.post("/settings/gateway/test", Map.of());
		assertThat(admin.get("/settings/gateway").body()).contains("TPGateway answered for UEN " + provider.uen());

		HttpResponse<String> wrongUen = admin.post("/settings/gateway", Map.of("enabled", "false", "baseUrl", baseUrl,
				"uen", "199912345K", "authMode", "NONE", "timeoutMs", "10000"));
		assertThat(wrongUen.statusCode()).as(wrongUen.body()).isEqualTo(302);
		assertThat(admin.get("/settings/gateway").body()).contains("sending records is off");
		assertThat(admin.post("/settings/gateway/test", Map.of()).statusCode()).isEqualTo(302);
		String failed = admin.get("/settings/gateway").body();
		assertThat(failed).contains("data-testid=\"gateway-test\"")
			.contains("TPGateway refused the call")
			.contains("data-testid=\"gateway-enabled\">Off<");

		WebClient ops = new WebClient(port);
		ops.login(fixture.tenant.slug(), fixture.email("ops"), fixture.password("ops"));
		assertThat(ops.get("/settings/gateway").statusCode()).isEqualTo(403);
		assertThat(ops.post("/settings/gateway/test", Map.of()).statusCode()).isEqualTo(403);
	}

}
