package io.cohort.gateway;

import java.util.Objects;
import java.util.UUID;

import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.identity.CurrentActor;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connects a tenant to the TPGateway simulator inside this application, for the local
 * run's demo tenant: its records then really sync, and the dashboard shows it as a
 * simulator (auth mode NONE). The simulator keeps its providers in memory, so the tenant
 * is registered again on every start, under the payload key its settings keep.
 */
@Service
public class LocalSimulator {

	static final String PATH = "/simulators/tpgateway/";

	private final TpGatewaySimulator simulator;

	private final GatewaySettingsManagement settings;

	private final Environment environment;

	LocalSimulator(TpGatewaySimulator simulator, GatewaySettingsManagement settings, Environment environment) {
		this.simulator = simulator;
		this.settings = settings;
		this.environment = environment;
	}

	/**
	 * Whether the simulator answers here and the application knows the port it listens
	 * on.
	 */
	public boolean available() {
		return simulator.enabled() && environment.getProperty("local.server.port") != null;
	}

	/**
	 * Connects the current tenant (run as its ADMIN) under its UEN: registers it at the
	 * simulator and, when it has no gateway settings yet or they point at this simulator
	 * under another address, saves settings pointing here (audited). Settings an admin
	 * pointed elsewhere, or switched off, are left alone.
	 * @return whether the tenant now sends its records to the simulator
	 */
	@Transactional
	public boolean connect(String uen) {
		UUID tenant = CurrentActor.tenantId();
		String url = baseUrl(uen);
		GatewaySettingsManagement.GatewaySettingsView current = settings.get();
		if (current.configured()) {
			boolean ours = current.authMode() == GatewaySettingsManagement.AuthMode.NONE && current.baseUrl() != null
					&& current.baseUrl().contains(PATH);
			if (!ours || !current.enabled()) {
				return false;
			}
			if (url.equals(current.baseUrl()) && uen.equals(current.uen())) {
				String key = settings.connection(tenant).orElseThrow().connection().encryptionKey();
				simulator.register(uen, key);
				return true;
			}
		}
		SimulatedProvider provider = simulator.register(uen, false);
		settings.update(new GatewaySettingsManagement.SettingsChange(true, url, uen, provider.encryptionKey(),
				GatewaySettingsManagement.AuthMode.NONE, null, null, null, null, null, null, null));
		return true;
	}

	private String baseUrl(String uen) {
		String port = Objects.requireNonNull(environment.getProperty("local.server.port"), "the server's port");
		@Nullable String contextPath = environment.getProperty("server.servlet.context-path");
		return "http://localhost:" + port + (contextPath == null ? "" : contextPath) + PATH + uen;
	}

}
