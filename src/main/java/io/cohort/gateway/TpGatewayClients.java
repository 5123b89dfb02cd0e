package io.cohort.gateway;

import io.cohort.gateway.client.TpGatewayClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cohort.system.OutboundUrlPolicy;
import org.springframework.stereotype.Component;

/**
 * Each tenant's {@link TpGatewayClient}, built under the installation's
 * {@link OutboundUrlPolicy} and kept while the tenant's settings stay the same version (a
 * client keeps its OAuth token).
 */
@Component
class TpGatewayClients {

	private final OutboundUrlPolicy urls;

	private final Clock clock;

	private final Map<UUID, Cached> clients = new ConcurrentHashMap<>();

	/** A client and the settings version it was built from. */
	private record Cached(Instant version, TpGatewayClient client) {
	}

	TpGatewayClients(OutboundUrlPolicy urls, Clock clock) {
		this.urls = urls;
		this.clock = clock;
	}

	TpGatewayClient of(UUID tenant, GatewaySettingsManagement.Versioned connection) {
		return clients
			.compute(tenant, (key, cached) -> cached != null && cached.version().equals(connection.version()) ? cached
					: new Cached(connection.version(), new TpGatewayClient(connection.connection(), urls, clock)))
			.client();
	}

}
