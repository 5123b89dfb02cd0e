package io.cohort.system;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile sweep (GH-10): every POST, PUT and PATCH the OpenAPI document describes with
 * a body, called as each role that may call it, with bodies a careless or hostile client
 * sends. Each answer is a 4xx problem, never a 5xx, and a refused request changes
 * nothing.
 */
class HostileRequestsIntegrationTests extends ApiIntegrationTest {

	private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

	private static final String NUL = "\u0000";

	/** The caller of the CRM webhooks: the tenant's slug and one of its API keys. */
	private static final String CRM = "CRM_KEY";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mapping;

	private JsonNode schemas;

	/**
	 * One kind of hostile body, made from a plausible body of the operation's schema
	 * ({@code null} when the kind does not apply, such as NUL characters in a body
	 * without strings).
	 */
	private record Hostile(String name, String contentType, Function<ObjectNode, @Nullable String> body) {
	}

	/** A tenant and a token per role that may call something in it. */
	private record Callers(TestTenant tenant, Map<String, String> tokens) {
	}

	/**
	 * The callers, made once: creating users and logging them in is the slow part of the
	 * sweep.
	 */
	private static @Nullable Callers callers;

	private record Call(String method, String path, @Nullable String contentType, ObjectNode plausible,
			List<String> roles) {
	}

	@Test // GH-10
	void answersEveryHostileBodyWithAClientProblemAndChangesNothing() {
		JsonNode document = api.get("/v3/api-docs").send().expect(200).json();
		schemas = document.at("/components/schemas");
		TestTenant tenant = callers().tenant();
		List<Call> calls = calls(document);
		assertThat(calls).as("operations with a request body").hasSizeGreaterThan(25);
		Map<String, Long> before = counts(tenant);

		List<String> failures = new ArrayList<>();
		for (Call call : calls) {
			boolean first = true;
			for (String role : call.roles()) {
				for (Hostile hostile : hostile(call, first)) {
					String body = hostile.body().apply(call.plausible());
					if (body == null) {
						continue;
					}
					Api.Response response = send(call, hostile.contentType(), body, role);
					if (response.status() < 400 || response.status() >= 500
							|| !response.contentType().startsWith("application/problem+json")) {
						failures.add(call.method() + " " + call.path() + " as " + role + " with " + hostile.name()
								+ " answered " + response.status() + " " + abbreviate(response.body()));
					}
				}
				first = false;
			}
		}

		assertThat(failures).as("hostile requests not answered with a 4xx problem").isEmpty();
		assertThat(counts(tenant)).as("rows after the refused requests").isEqualTo(before);
	}

	@Test // GH-10
	void answersAnEmptyObjectWithoutAServerError() {
		JsonNode document = api.get("/v3/api-docs").send().expect(200).json();
		schemas = document.at("/components/schemas");

		List<String> failures = new ArrayList<>();
		for (Call call : calls(document)) {
			for (String role : call.roles()) {
				Api.Response response = send(call, "application/json", "{}", role);
				if (role.equals(CRM) && (response.status() == 401 || response.status() == 403)) {
					failures.add(call.method() + " " + call.path() + " refused the tenant's own key: the sweep"
							+ " never reached the body");
				}
				if (response.status() >= 500 || (response.status() >= 400
						&& !response.contentType().startsWith("application/problem+json"))) {
					failures.add(call.method() + " " + call.path() + " as " + role + " answered " + response.status()
							+ " " + abbreviate(response.body()));
				}
			}
		}

		assertThat(failures).as("empty objects answered with a server error").isEmpty();
	}

	private List<Hostile> hostile(Call call, boolean first) {
		List<Hostile> bodies = new ArrayList<>();
		String json = "application/json";
		if (call.contentType() != null && call.contentType().startsWith("multipart/")) {
			bodies.add(new Hostile("a truncated multipart body", "multipart/form-data; boundary=b",
					plausible -> "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\na"
							+ NUL));
			bodies.add(new Hostile("a multipart type without boundary", "multipart/form-data", plausible -> "x"));
			bodies.add(new Hostile("JSON instead of a file", json, plausible -> "{\"file\": \"x\"}"));
			return bodies;
		}
		bodies.add(new Hostile("NUL in every string", json, plausible -> changed(plausible,
				mutate(plausible, "string", value -> NODES.stringNode("text" + NUL + "more")))));
		bodies.add(new Hostile("null in every list", json, plausible -> {
			ObjectNode body = plausible.deepCopy();
			int lists = 0;
			for (String name : new ArrayList<>(body.propertyNames())) {
				if (body.get(name).isArray()) {
					body.set(name, NODES.arrayNode().addNull());
					lists++;
				}
			}
			return lists == 0 ? "[null]" : body.toString();
		}));
		bodies.add(new Hostile("wrong types", json, plausible -> {
			ObjectNode body = NODES.objectNode();
			plausible.propertyNames()
				.forEach(name -> body.set(name, plausible.get(name).isString() ? NODES.objectNode().put("a", 1)
						: NODES.stringNode("not-a-" + plausible.get(name).getNodeType())));
			return body.isEmpty() ? "\"a string\"" : body.toString();
		}));
		if (!first) {
			return bodies; // the body is read the same for every role: the rest once is
							// enough
		}
		bodies.add(new Hostile("deeply nested JSON", json, plausible -> {
			String name = plausible.propertyNames().stream().findFirst().orElse("x");
			return "{\"" + name + "\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
		}));
		bodies.add(new Hostile("huge numbers", json, plausible -> changed(plausible,
				mutate(plausible, "number", value -> NODES.numberNode(new java.math.BigDecimal("9".repeat(40)))))));
		bodies.add(new Hostile("exponent numbers", json, plausible -> {
			String body = changed(plausible,
					mutate(plausible, "number", value -> NODES.numberNode(new java.math.BigDecimal("1e400"))));
			return body == null ? null : body.replace("1E+400", "1e400");
		}));
		bodies.add(new Hostile("not JSON at all", json, plausible -> "this is not JSON {"));
		bodies.add(new Hostile("the wrong content type", "text/plain", plausible -> plausible.toString()));
		bodies.add(new Hostile("a form instead of JSON", "application/x-www-form-urlencoded", plausible -> "a=b"));
		bodies.add(new Hostile("a 2 MB string", json, plausible -> {
			String name = plausible.propertyNames()
				.stream()
				.filter(property -> plausible.get(property).isString())
				.findFirst()
				.orElse(null);
			return name == null ? null : plausible.deepCopy().put(name, "x".repeat(2 * 1024 * 1024)).toString();
		}));
		return bodies;
	}

	private Api.Response send(Call call, String contentType, String body, String role) {
		Api.Request request = api.request(call.method(), call.path()).body(contentType, body);
		if (role.equals(CRM)) {
			request.header("X-Tenant-ID", callers().tenant().slug()).apiKey(callers().tokens().get(CRM));
		}
		else if (callers().tokens().containsKey(role)) {
			request.bearer(callers().tokens().get(role));
		}
		return request.send();
	}

	/**
	 * Every operation with a request body, with its path variables filled and who may
	 * call it.
	 */
	private List<Call> calls(JsonNode document) {
		List<Call> calls = new ArrayList<>();
		JsonNode paths = document.get("paths");
		for (String template : paths.propertyNames()) {
			for (String method : List.of("post", "put", "patch")) {
				JsonNode operation = paths.get(template).get(method);
				if (operation == null || operation.get("requestBody") == null) {
					continue;
				}
				JsonNode content = operation.at("/requestBody/content");
				String contentType = content.propertyNames().stream().findFirst().orElse(null);
				JsonNode schema = contentType == null ? null : content.get(contentType).get("schema");
				JsonNode plausible = schema == null ? NODES.objectNode() : plausible(schema, 0);
				String path = template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
				calls.add(new Call(method.toUpperCase(java.util.Locale.ROOT), path, contentType,
						plausible instanceof ObjectNode object ? object : NODES.objectNode(),
						roles(method.toUpperCase(java.util.Locale.ROOT), path, contentType)));
			}
		}
		return calls;
	}

	/**
	 * Who may call it, as the handler's {@code @PreAuthorize} says; no rule means anyone.
	 */
	private List<String> roles(String method, String path, @Nullable String contentType) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setContentType(contentType == null ? "application/json" : contentType);
		HandlerExecutionChain chain;
		try {
			chain = mapping.getHandler(request);
		}
		catch (Exception ex) {
			throw new IllegalStateException("No handler for " + method + " " + path, ex);
		}
		assertThat(chain).as("handler of %s %s", method, path).isNotNull();
		HandlerMethod handler = (HandlerMethod) chain.getHandler();
		Method target = handler.getMethod();
		PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(target, PreAuthorize.class);
		if (rule == null) {
			rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
		}
		if (path.startsWith("/v1/sync/")) {
			return List.of(CRM); // the CRM webhooks check the tenant's key themselves
		}
		if (rule == null || rule.value().contains("permitAll")) {
			return List.of("ANONYMOUS");
		}
		List<String> roles = new ArrayList<>();
		Matcher matcher = ROLE.matcher(rule.value());
		while (matcher.find()) {
			roles.add(matcher.group(1));
		}
		return roles.isEmpty() ? List.of("ADMIN") : roles;
	}

	/**
	 * A tenant with a user per role, made once for both tests (the sweep never changes
	 * them).
	 */
	private Callers callers() {
		if (callers != null) {
			return callers;
		}
		TestTenant tenant = api.newTenant();
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("ADMIN", tenant.adminToken());
		for (String role : List.of("OPS", "TRAINER", "ASSESSOR", "LEARNER")) {
			tokens.put(role, tenant.addUser(role).token());
		}
		tokens.put("PLATFORM_ADMIN", api.platformAdminToken());
		tokens.put(CRM, tenant.addApiKey().key());
		callers = new Callers(tenant, tokens);
		return callers;
	}

	/**
	 * A body that looks right for the schema: the hostile bodies change one kind of value
	 * in it.
	 */
	private JsonNode plausible(JsonNode schema, int depth) {
		if (schema.has("$ref")) {
			String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
			return depth > 5 ? NODES.nullNode() : plausible(schemas.get(name), depth + 1);
		}
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		String format = schema.path("format").asString("");
		return switch (type(schema)) {
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				JsonNode properties = schema.get("properties");
				if (properties != null) {
					properties.propertyNames()
						.forEach(name -> object.set(name, plausible(properties.get(name), depth + 1)));
				}
				yield object;
			}
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				array.add(plausible(schema.path("items"), depth + 1));
				yield array;
			}
			case "integer" -> NODES.numberNode(1);
			case "number" -> NODES.numberNode(1.5);
			case "boolean" -> NODES.booleanNode(true);
			default -> switch (format) {
				case "uuid" -> NODES.stringNode(UUID.randomUUID().toString());
				case "date" -> NODES.stringNode(LocalDate.now().plusDays(30).toString());
				case "date-time" -> NODES.stringNode(OffsetDateTime.now().plusDays(30).toString());
				case "email" -> NODES.stringNode(Api.unique("sweep") + "@sweep.test");
				default -> NODES.stringNode("Sweep " + Api.unique("s"));
			};
		};
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type == null) {
			return schema.has("properties") ? "object" : "string";
		}
		if (type.isArray()) {
			for (JsonNode candidate : type) {
				if (!"null".equals(candidate.asString())) {
					return candidate.asString();
				}
			}
		}
		return type.asString();
	}

	/**
	 * The body with every value of a kind (string or number), also inside lists and
	 * objects, replaced.
	 */
	private static JsonNode mutate(JsonNode node, String kind, Function<JsonNode, JsonNode> replacement) {
		if (node instanceof ObjectNode object) {
			ObjectNode copy = NODES.objectNode();
			object.propertyNames().forEach(name -> copy.set(name, mutate(object.get(name), kind, replacement)));
			return copy;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = NODES.arrayNode();
			array.forEach(element -> copy.add(mutate(element, kind, replacement)));
			return copy;
		}
		boolean matches = kind.equals("string") ? node.isString() : node.isNumber();
		return matches ? replacement.apply(node) : node;
	}

	private static @Nullable String changed(JsonNode plausible, JsonNode mutated) {
		return mutated.equals(plausible) ? null : mutated.toString();
	}

	private Map<String, Long> counts(TestTenant tenant) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : List.of("audit_event", "course", "course_module", "class_run", "class_session", "learner",
				"trainer", "enrolment", "app_user", "api_key", "assessment", "attendance", "import_job")) {
			counts.put(table,
					jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")
						.param(tenant.id())
						.query(Long.class)
						.single());
		}
		counts.put("tenant", jdbc.sql("SELECT count(*) FROM tenant").query(Long.class).single());
		counts.put("platform audit_event",
				jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id IS NULL").query(Long.class).single());
		return counts;
	}

	private static String abbreviate(String body) {
		return body.length() > 300 ? body.substring(0, 300) + "…" : body;
	}

}
