package io.cohort.system;

import sun.misc.Signal;

/**
 * A stop request ends the application with exit code 0 instead of the JVM's 143 (128 +
 * SIGTERM), once the shutdown hooks (Spring's graceful shutdown) have run: being told to
 * stop is not a failure. {@code ./mvnw spring-boot:run} relies on it: on Ctrl-C Maven
 * waits five seconds for the application, then sends SIGTERM, and took any code but 0 or
 * 130 for a failed build. A SIGTERM already ignored at start-up stays ignored.
 */
public final class StopSignal {

	private StopSignal() {
	}

	/** Installs the handler; call it first thing in {@code main}. */
	public static void exitZeroOnTerm() {
		try {
			Signal.handle(new Signal("TERM"), signal -> System.exit(0));
		}
		catch (IllegalArgumentException ignored) {
			// the signal is ignored (or not known on this platform): leave it so
		}
	}

}
