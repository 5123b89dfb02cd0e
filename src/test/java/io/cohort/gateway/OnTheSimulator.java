package io.cohort.gateway;

import java.util.Map;

import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.testing.Api;
import io.cohort.testing.TestTenant;

/**
 * Switches a test tenant's gateway on, towards its own training provider at the in-app
 * simulator.
 */
final class OnTheSimulator {

	private OnTheSimulator() {
	}

	static void switchOn(Api api, TestTenant tenant, SimulatedProvider provider) {
		api.request("PUT", "/api/v1/settings/gateway")
			.bearer(tenant.adminToken())
			.json(Map.of("enabled", true, "base_url", api.base() + "/simulators/tpgateway/" + provider.uen(), "uen",
					provider.uen(), "encryption_key", provider.encryptionKey(), "auth_mode", "NONE"))
			.send()
			.expect(200);
	}

}
