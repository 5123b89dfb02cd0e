package io.cohort.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request is logged once, after it is answered, with who asked, the route and not
 * the path, the status and the latency (GH-10). The shared context logs access at WARN
 * (tests make thousands of requests); this test turns it on for itself.
 */
class AccessLogIntegrationTests extends ApiIntegrationTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);

	private final List<ILoggingEvent> written = new CopyOnWriteArrayList<>();

	/** Keeps each line with its log context as it was when it was written. */
	private final AppenderBase<ILoggingEvent> lines = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
			written.add(event);
		}

	};

	private Level level;

	@BeforeEach
	void listen() {
		level = logger.getLevel();
		logger.setLevel(Level.INFO);
		lines.start();
		logger.addAppender(lines);
	}

	@AfterEach
	void stopListening() {
		logger.detachAppender(lines);
		logger.setLevel(level);
	}

	@Test
	void aRequestIsLoggedOnceWithItsCallerRouteStatusAndLatencyButNotItsIdsOrQuery() {
		TestTenant tenant = api.newTenant();
		String id = Api.unique("access");
		UUID unknown = UUID.randomUUID();

		api.get("/api/v1/learners/" + unknown + "?q=S1234567D")
			.bearer(tenant.adminToken())
			.correlationId(id)
			.send()
			.expect(404);

		List<Map<String, String>> logged = linesOf(id);
		assertThat(logged).hasSize(1);
		Map<String, String> line = logged.get(0);
		assertThat(line).containsEntry("http.request.method", "GET")
			.containsEntry("http.route", "/api/v1/learners/{id}")
			.containsEntry("http.response.status_code", "404")
			.containsEntry("user.id", tenant.adminId().toString())
			.containsEntry("tenant.id", tenant.id().toString())
			.containsKey("event.duration_ms");
		assertThat(Long.parseLong(line.get("event.duration_ms"))).isNotNegative();
		assertThat(written.stream().filter(e -> id.equals(e.getMDCPropertyMap().get("correlation_id"))))
			.allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(unknown.toString(), "S1234567D"));
	}

	@Test
	void aRequestRefusedBeforeAnyHandlerIsLoggedWithoutACaller() {
		String id = Api.unique("access");

		api.get("/api/v1/me").correlationId(id).send().expect(401);

		List<Map<String, String>> logged = linesOf(id);
		assertThat(logged).hasSize(1);
		assertThat(logged.get(0)).containsEntry("http.request.method", "GET")
			.containsEntry("http.route", AccessLog.UNMATCHED)
			.containsEntry("http.response.status_code", "401")
			.doesNotContainKeys("user.id", "tenant.id");
	}

	@Test
	void anApiKeyCallerIsNamedToo() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestKey key = tenant.addApiKey();
		String id = Api.unique("access");

		api.get("/api/v1/courses").apiKey(key.key()).correlationId(id).send();

		assertThat(linesOf(id)).singleElement()
			.satisfies(line -> assertThat(line).containsEntry("user.id", key.id().toString())
				.containsEntry("tenant.id", tenant.id().toString())
				.containsEntry("http.route", "/api/v1/courses"));
	}

	/**
	 * The request's lines, once there is one: the line is written after the answer has
	 * gone, so it may follow the client's read of the answer by a moment.
	 */
	private List<Map<String, String>> linesOf(String correlationId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> written.stream()
				.map(ILoggingEvent::getMDCPropertyMap)
				.filter(mdc -> correlationId.equals(mdc.get("correlation_id")))
				.toList(), found -> !found.isEmpty());
	}

}
