package io.cohort.system;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.cohort.testing.ApiIntegrationTest;
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
 * The OpenAPI document describes the API as it is (GH-10): properties in snake case as
 * the API reads and writes them, and each schema name stands for one type only, so a body
 * written from {@code /docs} works. It names the API, tags each operation with its module
 * and summarises it, and declares both ways to authenticate (GH-14).
 */
class OpenApiDocumentIntegrationTests extends ApiIntegrationTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mapping;

	private JsonNode schemas;

	@BeforeEach
	void document() {
		schemas = api.get("/v3/api-docs").send().expect(200).json().at("/components/schemas");
	}

	@Test // GH-10
	void namesEveryPropertyInSnakeCase() {
		Map<String, List<String>> camel = new TreeMap<>();
		for (String schema : schemas.propertyNames()) {
			JsonNode properties = schemas.get(schema).get("properties");
			if (properties == null) {
				continue;
			}
			List<String> wrong = properties.propertyNames()
				.stream()
				.filter(name -> !name.equals(name.toLowerCase(Locale.ROOT)))
				.toList();
			if (!wrong.isEmpty()) {
				camel.put(schema, wrong);
			}
		}

		assertThat(schemas.propertyNames()).contains("CreateCourse", "CreateUser");
		assertThat(camel).as("schemas with properties not in snake case").isEmpty();
	}

	@Test // GH-10
	void describesEveryRequestBodyWithItsOwnProperties() {
		Map<String, String> mismatched = new TreeMap<>();
		for (Class<?> body : requestBodies()) {
			JsonNode schema = schemas.get(body.getSimpleName());
			assertThat(schema).as("schema of %s", body.getName()).isNotNull();
			Set<String> documented = schema.get("properties") == null ? Set.of()
					: new TreeSet<>(schema.get("properties").propertyNames());
			Set<String> actual = new TreeSet<>();
			for (RecordComponent component : body.getRecordComponents()) {
				actual.add(ProblemHandling.snake(component.getName()));
			}
			if (!documented.equals(actual)) {
				mismatched.put(body.getName(), "documented " + documented + " but reads " + actual);
			}
		}

		assertThat(requestBodies()).hasSizeGreaterThan(20);
		assertThat(mismatched).as("request bodies whose schema is another type's").isEmpty();
	}

	@Test // GH-10
	void publishesNoTwoTypesUnderOneSchemaName() {
		Map<String, Set<String>> byName = new TreeMap<>();
		Set<Class<?>> seen = new HashSet<>();
		for (HandlerMethod handler : mapping.getHandlerMethods().values()) {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				if (parameter.hasParameterAnnotation(RequestBody.class)) {
					collect(parameter.getGenericParameterType(), seen);
				}
			}
			Method method = handler.getMethod();
			if (handler.getBeanType()
				.isAnnotationPresent(org.springframework.web.bind.annotation.RestController.class)) {
				collect(method.getGenericReturnType(), seen);
			}
		}
		seen.forEach(type -> byName.computeIfAbsent(type.getSimpleName(), name -> new TreeSet<>()).add(type.getName()));
		byName.values().removeIf(types -> types.size() < 2);

		assertThat(seen).hasSizeGreaterThan(40);
		assertThat(byName).as("schema names shared by different types").isEmpty();
	}

	@Test // GH-14
	void namesTheApiAndDeclaresBothWaysToAuthenticate() {
		JsonNode document = api.get("/v3/api-docs").send().expect(200).json();

		assertThat(document.at("/info/title").asString()).isEqualTo("Cohort API");
		assertThat(document.at("/info/version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
		assertThat(document.at("/components/securitySchemes/bearer/type").asString()).isEqualTo("http");
		assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(document.at("/components/securitySchemes/api_key/type").asString()).isEqualTo("apiKey");
		assertThat(document.at("/components/securitySchemes/api_key/in").asString()).isEqualTo("header");
		assertThat(document.at("/components/securitySchemes/api_key/name").asString()).isEqualTo("X-API-Key");
		List<String> alternatives = new ArrayList<>();
		document.get("security").forEach(requirement -> alternatives.addAll(requirement.propertyNames()));
		assertThat(alternatives).containsExactly("bearer", "api_key");
	}

	@Test // GH-14
	void tagsEveryOperationWithItsDescribedModuleAndSummarisesIt() {
		JsonNode document = api.get("/v3/api-docs").send().expect(200).json();
		Map<String, String> descriptions = new TreeMap<>();
		document.get("tags")
			.forEach(tag -> descriptions.put(tag.get("name").asString(), tag.at("/description").asString()));
		List<String> wrong = new ArrayList<>();
		int operations = 0;
		for (String path : document.get("paths").propertyNames()) {
			JsonNode item = document.get("paths").get(path);
			for (String method : item.propertyNames()) {
				JsonNode operation = item.get(method);
				operations++;
				List<String> tags = new ArrayList<>();
				operation.get("tags").forEach(tag -> tags.add(tag.asString()));
				if (tags.size() != 1 || descriptions.getOrDefault(tags.get(0), "").isBlank()
						|| operation.at("/summary").asString("").isBlank()) {
					wrong.add(method.toUpperCase(Locale.ROOT) + " " + path + " tags " + tags + " summary "
							+ operation.at("/summary").asString(""));
				}
			}
		}

		assertThat(operations).isGreaterThan(100);
		assertThat(wrong).as("operations without a described module tag or a summary").isEmpty();
		assertThat(descriptions).containsKeys("Identity", "Courses", "Runs and trainers", "Learners", "Enrolments",
				"Certificates", "CRM webhooks");
		assertThat(document.at("/paths/~1api~1v1~1courses/post/summary").asString()).isEqualTo("Create a course");
		assertThat(document.at("/paths/~1api~1v1~1courses/post/tags/0").asString()).isEqualTo("Courses");
		assertThat(document.at("/paths/~1api~1v1~1settings~1retry-policy/put/summary").asString())
			.isEqualTo("Update retry policy");
	}

	private Set<Class<?>> requestBodies() {
		Set<Class<?>> bodies = new LinkedHashSet<>();
		for (HandlerMethod handler : mapping.getHandlerMethods().values()) {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				if (parameter.hasParameterAnnotation(RequestBody.class) && parameter.getParameterType().isRecord()) {
					bodies.add(parameter.getParameterType());
				}
			}
		}
		return bodies;
	}

	/**
	 * The application's own types a body or an answer is made of, down through records
	 * and collections.
	 */
	private static void collect(Type type, Set<Class<?>> seen) {
		List<Type> pending = new ArrayList<>(List.of(type));
		while (!pending.isEmpty()) {
			Type next = pending.remove(pending.size() - 1);
			if (next instanceof ParameterizedType parameterized) {
				pending.add(parameterized.getRawType());
				pending.addAll(List.of(parameterized.getActualTypeArguments()));
			}
			else if (next instanceof Class<?> raw && raw.getName().startsWith("io.cohort.") && !raw.isEnum()
					&& seen.add(raw) && raw.isRecord()) {
				for (RecordComponent component : raw.getRecordComponents()) {
					pending.add(component.getGenericType());
				}
			}
		}
	}

}
