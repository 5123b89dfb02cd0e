package io.cohort.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness probe's database check against databases that are not there: one that
 * accepts connections and never answers (a hung or half-dead server), and one that
 * refuses them (stopped). Either way the probe answers DOWN with the reason, from its own
 * bounded wait, although the pool would wait 30 s for a connection.
 */
class DatabaseProbeTests {

	private final List<AutoCloseable> opened = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = opened.size() - 1; i >= 0; i--) {
			opened.get(i).close();
		}
	}

	@Test
	void aDatabaseThatNeverAnswersIsDownWithinThePatience() throws IOException {
		ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		opened.add(silent);
		List<Socket> accepted = new ArrayList<>();
		Thread acceptor = new Thread(() -> {
			try {
				while (true) {
					accepted.add(silent.accept()); // keeps them open, says nothing
				}
			}
			catch (IOException closed) {
				// the test is over
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		DatabaseProbe probe = new DatabaseProbe(pool(silent.getLocalPort()), Duration.ofMillis(300));

		DatabaseProbe.Answer first = probe.check();
		DatabaseProbe.Answer second = probe.check();

		assertThat(first.up()).isFalse();
		assertThat(first.reason()).isEqualTo("no answer from the database within 300 ms");
		assertThat(second).isEqualTo(first);
	}

	@Test
	void aDatabaseThatRefusesConnectionsIsDownWithTheReason() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		DatabaseProbe probe = new DatabaseProbe(pool(closedPort), Duration.ofMillis(300));

		DatabaseProbe.Answer answer = probe.check();

		assertThat(answer.up()).isFalse();
		assertThat(answer.reason()).startsWith("no answer from the database within")
			.as("the pool retries a refused connection until its own timeout");
	}

	private HikariDataSource pool(int port) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/cohort");
		config.setUsername("cohort_app");
		config.setMaximumPoolSize(2);
		// waits far longer than the probe's patience, yet ends the test's attempts soon
		config.setConnectionTimeout(2_000);
		config.addDataSourceProperty("loginTimeout", "2");
		// starts without its database, as after a crash
		config.setInitializationFailTimeout(-1);
		HikariDataSource pool = new HikariDataSource(config);
		opened.add(pool);
		return pool;
	}

}
