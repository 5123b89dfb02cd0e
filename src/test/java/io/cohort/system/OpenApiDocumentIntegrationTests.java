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
 * written from {@code /docs} works.
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
