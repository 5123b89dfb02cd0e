package io.cohort.gateway.simulator;

/**
 * A training provider registered at the simulator: its UEN, the Base64 payload key and
 * the OAuth client credentials the simulator accepts for it.
 */
public record SimulatedProvider(String uen, String encryptionKey, String clientId, String clientSecret,
		boolean oauthRequired) {

	@Override
	public String toString() {
		return "SimulatedProvider[uen=" + uen + ", clientId=" + clientId + ", oauthRequired=" + oauthRequired + "]";
	}

}
