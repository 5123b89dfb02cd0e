package io.cohort.gateway.client;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.cohort.system.OutboundUrlPolicy;
import org.junit.jupiter.api.Test;

/**
 * The certificate auth mode loads its client key from a PKCS#12 keystore. The keystore is
 * a throwaway self-signed test key made with
 * {@code keytool -genkeypair -alias client -keyalg RSA -keysize 2048
 * -dname CN=cohort-test-client -storetype PKCS12 -storepass test-only-password}.
 */
class TpGatewayCertificateTests {

	@Test
	void buildsTheClientFromAPkcs12Keystore() {
		assertThatNoException().isThrownBy(() -> client("test-only-password"));
	}

	@Test
	void refusesAWrongKeystorePassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> client("wrong"))
			.withMessageContaining("client certificate");
	}

	private static TpGatewayClient client(String password) throws IOException {
		byte[] keystore;
		try (InputStream in = TpGatewayCertificateTests.class.getResourceAsStream("/gateway/test-client.p12")) {
			keystore = in.readAllBytes();
		}
		TpGatewayConnection connection = new TpGatewayConnection(URI.create("https://uat-api.ssg-wsg.sg"), "201000372W",
				SsgPayloadCipherTests.KEY, new TpGatewayAuth.Certificate(keystore, password), null,
				Duration.ofSeconds(5));
		return new TpGatewayClient(connection, new OutboundUrlPolicy(false, false), Clock.systemUTC());
	}

}
