package io.cohort.testing;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shared integration test context, with an {@link Api} client on its port and the
 * database (as the application role).
 */
public abstract class ApiIntegrationTest extends IntegrationTest {

	@LocalServerPort
	private int port;

	@Autowired
	protected JdbcClient jdbc;

	protected Api api;

	@BeforeEach
	void connectApi() {
		api = new Api(port);
	}

}
