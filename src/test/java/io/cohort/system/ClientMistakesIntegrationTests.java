package io.cohort.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client mistakes a hostile sweep found answered with 500 (GH-10): NUL characters in any
 * text, null list elements and broken multipart bodies are refused at the edge as 4xx
 * problems naming the field, and change nothing.
 */
class ClientMistakesIntegrationTests extends ApiIntegrationTest {

	private static final String NUL = "\u0000";

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mapping;

	private TestTenant tenant;

	@BeforeEach
	void tenant() {
		tenant = api.newTenant();
	}

	@Test // GH-10
	void refusesANulCharacterInAJsonStringAsAFieldError() {
		long users = count("app_user");

		JsonNode problem = api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json(Map.of("email", "nul@x.test", "display_name", "Nul" + NUL + "Byte", "password", Api.PASSWORD, "roles",
					List.of("LEARNER")))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(fields(problem)).containsExactly("display_name");
		assertThat(count("app_user")).isEqualTo(users);
	}

	@Test // GH-10
	void namesTheJsonPathOfANulCharacterInANestedString() {
		long courses = count("course");

		JsonNode problem = api.post("/api/v1/courses")
			.bearer(tenant.adminToken())
			.json(Map.of("code", Api.unique("C"), "title", "Course", "modules",
					List.of(Map.of("title", "Fine", "hours", 2), Map.of("title", "Bad" + NUL, "hours", 2))))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(fields(problem)).containsExactly("modules[1].title");
		assertThat(count("course")).isEqualTo(courses);
	}

	@Test // GH-10
	void refusesANulCharacterInTheLoginAsAFieldError() {
		JsonNode problem = api.post("/api/v1/auth/login")
			.json(Map.of("tenant", tenant.slug(), "email", tenant.adminEmail() + NUL, "password", Api.PASSWORD))
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(fields(problem)).containsExactly("email");
	}

	@Test // GH-10
	void refusesANulCharacterInAQueryParameterAsAFieldError() {
		JsonNode problem = api.get("/api/v1/courses?q=%00")
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(fields(problem)).containsExactly("q");
		assertThat(fields(api.get("/api/v1/audit?entity_type=run%00")
			.bearer(tenant.adminToken())
			.send()
			.expectProblem(400, "validation-failed"))).containsExactly("entity_type");
	}

	@Test // GH-10
	void refusesANulCharacterInAFormFieldAlsoOnTheLoginForm() {
		JsonNode problem = api.post("/login")
			.body("application/x-www-form-urlencoded", "email=admin%00%40x.test&password=whatever")
			.send()
			.expectProblem(400, "validation-failed");

		assertThat(fields(problem)).containsExactly("email");
	}

	@Test // GH-10
	void refusesANulCharacterInAPathVariable() {
		Api.Response response = api.get("/verify/abc%00def").send();

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(api.get("/api/v1/courses/abc%00").bearer(tenant.adminToken()).send().status()).isEqualTo(400);
	}

	@Test // GH-10
	void neverAnswersANulCharacterInAHeaderWithAServerError() {
		String answer = raw("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Correlation-ID: abc\u0000def\r\n"
				+ "Connection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 ").doesNotStartWith("HTTP/1.1 5");
		if (answer.startsWith("HTTP/1.1 200")) {
			assertThat(answer).doesNotContain("abc\u0000def").containsIgnoringCase("X-Correlation-ID: ");
		}
	}

	@Test // GH-10
	void refusesANullElementInAListAsAFieldError() {
		long courses = count("course");
		long users = count("app_user");

		JsonNode course = api.post("/api/v1/courses")
			.bearer(tenant.adminToken())
			.json("{\"code\": \"" + Api.unique("C") + "\", \"title\": \"Course\", \"modules\": [null]}")
			.send()
			.expectProblem(400, "validation-failed");
		// a set of roles is an EnumSet, which cannot even be read with a null in it
		api.post("/api/v1/users")
			.bearer(tenant.adminToken())
			.json("{\"email\": \"nulls@x.test\", \"display_name\": \"Nulls\", \"password\": \"" + Api.PASSWORD
					+ "\", \"roles\": [\"LEARNER\", null]}")
			.send()
			.expectProblem(400, "malformed-request");
		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json("{\"roles\": [null]}")
			.send()
			.expectProblem(400, "malformed-request");

		assertThat(fields(course)).containsExactly("modules[0]");
		assertThat(count("course")).isEqualTo(courses);
		assertThat(count("app_user")).isEqualTo(users);
	}

	@Test // GH-10
	void refusesABrokenMultipartBodyOnBothImports() {
		long imports = count("import_job");
		UUID anyRun = UUID.randomUUID();

		for (String path : List.of("/api/v1/learners/import", "/api/v1/runs/" + anyRun + "/enrollments/import")) {
			api.post(path)
				.bearer(tenant.adminToken())
				.body("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"")
				.send()
				.expectProblem(400, "malformed-request");
			api.post(path)
				.bearer(tenant.adminToken())
				.body("multipart/form-data", "no boundary at all")
				.send()
				.expectProblem(400, "malformed-request");
			api.post(path)
				.bearer(tenant.adminToken())
				.multipart("other", "learners.csv", "text/csv", "a,b\n".getBytes(StandardCharsets.UTF_8))
				.send()
				.expectProblem(400, "validation-failed");
		}

		assertThat(count("import_job")).isEqualTo(imports);
	}

	@Test // GH-10
	void everyListInARequestBodyRefusesNullElements() {
		List<String> unguarded = new ArrayList<>();
		Set<Class<?>> bodies = new LinkedHashSet<>();
		for (HandlerMethod handler : mapping.getHandlerMethods().values()) {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				if (parameter.hasParameterAnnotation(RequestBody.class)) {
					collectRecords(parameter.getParameterType(), bodies);
				}
			}
		}
		for (Class<?> body : bodies) {
			for (RecordComponent component : body.getRecordComponents()) {
				if (Collection.class.isAssignableFrom(component.getType())
						&& !(component.getAnnotatedType() instanceof AnnotatedParameterizedType element
								&& element.getAnnotatedActualTypeArguments()[0].isAnnotationPresent(NotNull.class))) {
					unguarded.add(body.getName() + "." + component.getName());
				}
			}
		}

		assertThat(bodies).extracting(Class::getSimpleName).contains("CreateCourse", "Sheet", "JobIds");
		assertThat(unguarded).as("lists in request bodies whose elements may be null").isEmpty();
	}

	private static void collectRecords(Class<?> type, Set<Class<?>> records) {
		if (!type.isRecord() || !records.add(type)) {
			return;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			collectRecords(component.getType(), records);
			if (component.getGenericType() instanceof ParameterizedType generic) {
				for (Type argument : generic.getActualTypeArguments()) {
					if (argument instanceof Class<?> element) {
						collectRecords(element, records);
					}
				}
			}
		}
	}

	private static List<String> fields(JsonNode problem) {
		return problem.get("errors").values().stream().map(error -> error.get("field").asString()).toList();
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	/**
	 * Sends bytes the JDK's HTTP client refuses to send (a NUL in a header) and returns
	 * the answer.
	 */
	private String raw(String request) {
		URI base = URI.create(api.base());
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
