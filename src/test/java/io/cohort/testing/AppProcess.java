package io.cohort.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * Cohort run as a separate operating system process — a child JVM on the test class path,
 * started with {@code io.cohort.CohortApplication} and the environment given (e.g. an
 * external database) — so a test can kill it as an operator's {@code kill -9} would. Its
 * output goes to {@code target/processes/<name>.log}. The child is killed when the test
 * JVM exits, whatever happened.
 */
public final class AppProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private final Thread reaper;

	private AppProcess(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
		this.reaper = new Thread(process::destroyForcibly, "kill-" + name);
		Runtime.getRuntime().addShutdownHook(reaper);
	}

	/**
	 * Starts Cohort on a free port with this environment (on top of the test JVM's), and
	 * waits until it is ready.
	 */
	public static AppProcess start(String name, Map<String, String> environment, Duration startup) {
		int port = freePort();
		Path log = Path.of("target", "processes", name + ".log").toAbsolutePath();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
						System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
						"io.cohort.CohortApplication"));
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			builder.environment().putAll(environment);
			builder.environment().put("SERVER_PORT", Integer.toString(port));
			AppProcess app = new AppProcess(name, port, builder.start(), log);
			try {
				app.awaitReady(startup);
			}
			catch (RuntimeException | Error ex) {
				app.close();
				throw ex;
			}
			return app;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	public String base() {
		return "http://localhost:" + port;
	}

	public boolean alive() {
		return process.isAlive();
	}

	/**
	 * Kills the process at once (SIGKILL: no shutdown hooks, no graceful stop) and waits
	 * until it is gone.
	 */
	public void kill() {
		process.destroyForcibly();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(name + " did not die");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Asks the process to stop (SIGTERM, as an orchestrator's rolling restart does) and
	 * waits for it to exit; returns its exit code.
	 */
	public int terminate(Duration wait) {
		process.destroy();
		try {
			if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(name + " did not stop within " + wait + " of SIGTERM; see " + log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + name + " stopped", ex);
		}
		return process.exitValue();
	}

	@Override
	public void close() {
		kill();
		try {
			Runtime.getRuntime().removeShutdownHook(reaper);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook runs anyway
		}
	}

	private void awaitReady(Duration startup) {
		Awaitility.await(name + " ready at " + base() + " (log: " + log + ")")
			.atMost(startup)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
				}
				try {
					return HTTP
						.send(HttpRequest.newBuilder(URI.create(base() + "/readiness"))
							.timeout(Duration.ofSeconds(2))
							.build(), HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200;
				}
				catch (IOException ex) {
					return false;
				}
			});
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
