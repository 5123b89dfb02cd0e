package io.cohort.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM that installed {@link StopSignal} ends with 0 on SIGTERM, after its shutdown
 * hooks; one that did not ends with 143, which {@code spring-boot:run} reports as a
 * failed build.
 */
class StopSignalTests {

	@Test
	void aStopRequestEndsTheApplicationWithZeroAfterItsShutdownHooks() throws Exception {
		assertThat(stopped(true)).containsExactly("up", "hooks ran", "exit 0");
	}

	@Test
	void withoutItTheJvmEndsWith143() throws Exception {
		assertThat(stopped(false)).containsExactly("up", "hooks ran", "exit 143");
	}

	/** Starts {@link Stoppable} in a JVM of its own, sends SIGTERM once it is up. */
	private static List<String> stopped(boolean install) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Stoppable.class.getName(), String.valueOf(install))
			.redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			lines.add(out.readLine());
			process.toHandle().destroy(); // SIGTERM, leaving its output open
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				lines.add(line);
			}
		}
		lines.add("exit " + process.waitFor());
		return lines;
	}

	/** A main that waits to be stopped. */
	static final class Stoppable {

		public static void main(String[] args) throws InterruptedException {
			if (Boolean.parseBoolean(args[0])) {
				StopSignal.exitZeroOnTerm();
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hooks ran")));
			System.out.println("up");
			System.out.flush();
			Thread.sleep(600_000);
		}

	}

}
