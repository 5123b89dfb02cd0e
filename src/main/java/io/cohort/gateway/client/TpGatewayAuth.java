package io.cohort.gateway.client;

import java.net.URI;
import java.util.Arrays;

/**
 * How the client proves who it is: nothing (the simulator only), OAuth 2 client
 * credentials against a token URL, or a client certificate (mutual TLS) from a PKCS#12
 * keystore held in memory.
 */
public sealed interface TpGatewayAuth {

	/** No credentials: only the in-repo simulator accepts this. */
	record None() implements TpGatewayAuth {
	}

	/**
	 * OAuth 2 client credentials; the token is fetched with HTTP Basic auth and cached
	 * until shortly before it expires.
	 */
	record OAuth(URI tokenUrl, String clientId, String clientSecret) implements TpGatewayAuth {

		@Override
		public String toString() {
			return "OAuth[tokenUrl=" + tokenUrl + ", clientId=" + clientId + "]";
		}

	}

	/**
	 * Mutual TLS with the client certificate and key registered on the developer portal.
	 */
	record Certificate(byte[] pkcs12Keystore, String password) implements TpGatewayAuth {

		@Override
		public boolean equals(Object other) {
			return other instanceof Certificate that && Arrays.equals(pkcs12Keystore, that.pkcs12Keystore)
					&& password.equals(that.password);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(pkcs12Keystore) * 31 + password.hashCode();
		}

		@Override
		public String toString() {
			return "Certificate[pkcs12Keystore=" + pkcs12Keystore.length + " bytes]";
		}

	}

}
