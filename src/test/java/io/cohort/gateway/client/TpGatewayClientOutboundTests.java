package io.cohort.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.cohort.system.OutboundUrlPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What the TPGateway client sends where, and what of a remote answer it keeps (GH-10): it
 * calls only URLs the outbound policy allows, checked again at connect time; request
 * paths are built from encoded values; a remote body that is not the gateway's own
 * envelope never reaches a job's error.
 */
class TpGatewayClientOutboundTests {

	private HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<String> correlationIds = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String body = "";

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			requests.add(exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
					: "?" + exchange.getRequestURI().getRawQuery()));
			correlationIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Correlation-ID")));
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void callsNothingOnAnInternalAddressWhenTheInstallationForbidsThem() {
		TpGatewayResult<?> result = client(new OutboundUrlPolicy(true, false)).courseRun("RUN-1");
		assertThat(result).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				refused -> assertThat(refused.message()).contains("refused").contains("internal address"));
		assertThat(requests).isEmpty();
	}

	@Test
	void encodesValuesSoTheyCannotChangeThePathOrQuery() {
		body = "";
		status = 404;
		client(new OutboundUrlPolicy(true, true)).courseRun("../../admin?x=1#f");
		assertThat(requests).containsExactly("/tpg-base/courses/courseRuns/id/..%2F..%2Fadmin%3Fx%3D1%23f");
	}

	@Test
	void carriesTheCorrelationIdOfTheWorkItDoes() {
		status = 404;
		MDC.put("correlation_id", "corr-42");
		try {
			client(new OutboundUrlPolicy(true, true)).courseRun("RUN-1");
		}
		finally {
			MDC.remove("correlation_id");
		}
		assertThat(correlationIds).containsExactly("corr-42");
	}

	@Test
	void keepsNoRemoteBodyThatIsNotTheGatewaysEnvelope() {
		status = 502;
		body = "<html><body>internal admin console: db=10.0.0.5 password=hunter2</body></html>";
		TpGatewayResult<?> result = client(new OutboundUrlPolicy(true, true)).courseRun("RUN-1");
		assertThat(result).isInstanceOfSatisfying(TpGatewayResult.Retryable.class,
				failed -> assertThat(failed.message()).isEqualTo("TPGateway answered HTTP 502"));
	}

	@Test
	void keepsAShortCleanExcerptOfTheGatewaysOwnError() {
		status = 400;
		body = "{\"status\":400,\"error\":{\"message\":\"Invalid\\u0000 run\\r\\nX-Injected: 1 " + "x".repeat(1000)
				+ "\"}}";
		TpGatewayResult<?> result = client(new OutboundUrlPolicy(true, true)).courseRun("RUN-1");
		assertThat(result).isInstanceOfSatisfying(TpGatewayResult.Permanent.class, failed -> {
			assertThat(failed.message()).startsWith("Invalid run X-Injected: 1 x").hasSizeLessThanOrEqualTo(301);
			assertThat(failed.message()).doesNotContain("\u0000").doesNotContain("\r").doesNotContain("\n");
		});
	}

	private TpGatewayClient client(OutboundUrlPolicy policy) {
		URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tpg-base");
		return new TpGatewayClient(new TpGatewayConnection(base, "201000372W", SsgPayloadCipherTests.KEY,
				new TpGatewayAuth.None(), null, Duration.ofSeconds(5)), policy, Clock.systemUTC());
	}

}
