package io.cohort.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small HTTP client for integration tests against the running application: logs in,
 * sends JSON and checks answers, including the RFC 9457 problem contract.
 */
public final class Api {

	public static final String DEMO_TENANT = "demo";

	public static final String DEMO_PASSWORD = "cohort-demo-2026";

	public static final String PLATFORM_ADMIN = "platform@cohort.local";

	/** The password every test tenant's users get. */
	public static final String PASSWORD = "test-password-2026";

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final HttpClient http;

	private final String base;

	public Api(int port) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.base = "http://127.0.0.1:" + port;
	}

	/** A name no other test uses, for slugs and emails. */
	public static String unique(String prefix) {
		return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public String base() {
		return base;
	}

	public Request get(String path) {
		return new Request("GET", path);
	}

	public Request post(String path) {
		return new Request("POST", path);
	}

	public Request patch(String path) {
		return new Request("PATCH", path);
	}

	public Request delete(String path) {
		return new Request("DELETE", path);
	}

	public Request request(String method, String path) {
		return new Request(method, path);
	}

	/** Logs in through the API; a {@code null} tenant is the platform admin. */
	public Response login(String tenant, String email, String password) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (tenant != null) {
			body.put("tenant", tenant);
		}
		body.put("email", email);
		body.put("password", password);
		return post("/api/v1/auth/login").json(body).send();
	}

	/** Logs in and returns the access token, failing the test if the login is refused. */
	public String token(String tenant, String email, String password) {
		return login(tenant, email, password).expect(200).json().get("access_token").asString();
	}

	public String platformAdminToken() {
		return token(null, PLATFORM_ADMIN, DEMO_PASSWORD);
	}

	/**
	 * Creates a tenant of its own (with its first admin) through the platform admin API.
	 */
	public TestTenant newTenant() {
		String slug = unique("t");
		String adminEmail = "admin@" + slug + ".test";
		JsonNode created = post("/api/v1/platform/tenants").bearer(platformAdminToken())
			.json(Map.of("slug", slug, "name", "Tenant " + slug, "uen", "201912345K", "admin_email", adminEmail,
					"admin_password", PASSWORD))
			.send()
			.expect(201)
			.json();
		UUID id = UUID.fromString(created.at("/tenant/id").asString());
		UUID adminId = UUID.fromString(created.at("/admin/id").asString());
		return new TestTenant(this, id, slug, adminEmail, adminId, token(slug, adminEmail, PASSWORD));
	}

	public final class Request {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		private Request(String method, String path) {
			this.method = method;
			this.path = path;
		}

		@Override
		public String toString() {
			return method + " " + path;
		}

		public Request bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Request apiKey(String key) {
			return header("X-API-Key", key);
		}

		public Request correlationId(String id) {
			return header("X-Correlation-ID", id);
		}

		public Request header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		/** A JSON body: a string is sent as it is, anything else is serialised. */
		public Request json(Object value) {
			String text = value instanceof String s ? s : JSON.writeValueAsString(value);
			return body("application/json", text);
		}

		public Request body(String contentType, String text) {
			headers.put("Content-Type", contentType);
			this.body = HttpRequest.BodyPublishers.ofString(text);
			return this;
		}

		/** A {@code multipart/form-data} body of one file part. */
		public Request multipart(String fieldName, String fileName, String contentType, byte[] bytes) {
			String boundary = "----cohort-test-" + UUID.randomUUID();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fieldName
					+ "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(bytes);
			out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
			this.body = HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
			return this;
		}

		/** A body streamed without a declared length (chunked transfer encoding). */
		public Request chunked(String contentType, byte[] bytes) {
			headers.put("Content-Type", contentType);
			this.body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
			return this;
		}

		public Response send() {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
				.timeout(Duration.ofSeconds(30))
				.method(method, body);
			headers.forEach(builder::header);
			try {
				return new Response(method + " " + path,
						http.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(method + " " + path + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	public static final class Response {

		private final String call;

		private final HttpResponse<String> response;

		private Response(String call, HttpResponse<String> response) {
			this.call = call;
			this.response = response;
		}

		public int status() {
			return response.statusCode();
		}

		public String body() {
			return response.body();
		}

		public Optional<String> header(String name) {
			return response.headers().firstValue(name);
		}

		public List<String> headers(String name) {
			return response.headers().allValues(name);
		}

		public String contentType() {
			return header("Content-Type").orElse("");
		}

		public JsonNode json() {
			return JSON.readTree(body());
		}

		/**
		 * Fails unless the status is the one expected, showing the body when it is not.
		 */
		public Response expect(int status) {
			assertThat(status()).as("%s answered %s", call, body()).isEqualTo(status);
			return this;
		}

		/**
		 * Fails unless the answer is an RFC 9457 problem with this status and code:
		 * {@code type} derived from the code, a title and detail, and no stack trace.
		 */
		public JsonNode expectProblem(int status, String code) {
			expect(status);
			assertThat(contentType()).as("%s content type", call).startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("code").asString()).as("%s problem code in %s", call, body()).isEqualTo(code);
			assertThat(problem.get("type").asString()).isEqualTo("https://cohort.io/problems/" + code);
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertNoStackTrace();
			return problem;
		}

		public Response assertNoStackTrace() {
			assertThat(body()).doesNotContain("\tat ", "Exception", "stackTrace", "\"trace\"", "io.cohort.",
					"org.springframework.");
			return this;
		}

	}

}
