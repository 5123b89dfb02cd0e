package io.cohort.gateway.client;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where and as whom a {@link TpGatewayClient} talks: the API base URL, the training
 * provider's UEN, the Base64 payload key, the auth mode, an optional pinned
 * {@code x-api-version} and the per-call timeout.
 */
public record TpGatewayConnection(URI baseUrl, String uen, String encryptionKey, TpGatewayAuth auth,
		@Nullable String apiVersion, Duration timeout) {

	@Override
	public String toString() {
		return "TpGatewayConnection[baseUrl=" + baseUrl + ", uen=" + uen + ", auth=" + auth + ", apiVersion="
				+ apiVersion + ", timeout=" + timeout + "]";
	}

}
