package io.cohort.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs} (shown at {@code /docs}): the API's title
 * and version, one tag per module with what it covers, a summary for every operation, and
 * the two ways to authenticate (a bearer access token, an {@code X-API-Key}) so that
 * "Authorize" and "Try it out" work. Properties are named as the API reads and writes
 * them (the application's naming strategy, snake case), so that a body written from
 * {@code /docs} is accepted.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	static final String API_KEY = "api_key";

	/**
	 * The tag of each module with web endpoints, in the order {@code /docs} lists them.
	 */
	static final Map<String, Tag> MODULE_TAGS = tags(tag("identity", "Identity",
			"Sign-in and tokens, the second factor, the caller's own account, users and roles, API keys and tenants."),
			tag("catalog", "Courses",
					"Courses (the CRM's programs), their ordered modules with hours, SSG course references."),
			tag("scheduling", "Runs and trainers",
					"Class runs with capacity and registration window, their sessions, trainers."),
			tag("learners", "Learners",
					"Learner profiles: contacts, consent, the encrypted national id (masked; revealed on request, audited)."),
			tag("enrolment", "Enrolments", "Learners in class runs: capacity, the waitlist, withdrawals, fees."),
			tag("attendance", "Attendance",
					"Attendance sheets per session, corrections with history, rates, self check-in by QR code."),
			tag("assessment", "Assessment", "Results per enrolment and module, versioned, voided with a reason."),
			tag("certification", "Certificates",
					"The eligibility policy, certificates issued and revoked, their PDF, public verification."),
			tag("compliance", "Compliance", "TPGateway deadlines per run, sync states and dead letters."),
			tag("gateway", "TPGateway",
					"The SkillsFuture Singapore TPGateway connection: settings, sync states, reconciliation, the course registry."),
			tag("jobs", "Jobs and events",
					"Outbound jobs: retry policies, dead letters, retry and cancel; event resubmission."),
			tag("crm", "CRM webhooks", "The CRM (Zoho) sync webhooks under /v1/sync and their deliveries."),
			tag("lms", "Moodle", "Moodle provisioning: the connection and its jobs."),
			tag("notification", "Notifications",
					"Notifications: channel preferences and contacts, templates, settings, the delivery log."),
			tag("analytics", "Learning analytics",
					"MOOC and H5P sources, ingestion per run, xAPI statements, feature rows, dropout risk and its model."),
			tag("spreadsheets", "Imports and exports", "CSV imports of learners and enrolments, CSV exports of a run."),
			tag("audit", "Audit", "The append-only, hash-chained audit trail."),
			tag("system", "System", "Health and readiness."));

	/**
	 * springdoc resolves schemas with swagger-core's own (Jackson 2) mapper, which knows
	 * nothing of {@code spring.jackson.property-naming-strategy}; this resolver gives it
	 * the application's strategy.
	 */
	@Bean
	ModelResolver namingModelResolver(ObjectMapperProvider springdoc, JsonMapper json) {
		com.fasterxml.jackson.databind.ObjectMapper mapper = springdoc.jsonMapper().copy();
		PropertyNamingStrategy naming = json.serializationConfig().getPropertyNamingStrategy();
		if (naming instanceof PropertyNamingStrategies.NamingBase base) {
			mapper.setPropertyNamingStrategy(new com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase() {

				@Override
				public String translate(String name) {
					return base.nameForField(json.serializationConfig(), null, name);
				}

			});
		}
		return new ModelResolver(mapper).openapi31(springdoc.isOpenapi31());
	}

	@Bean
	OpenAPI cohortOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Cohort API")
				.version(properties == null ? "development" : properties.getVersion())
				.description("""
						Cohort, an open-source training management system. Errors are RFC 9457 problems \
						(`application/problem+json`) with a `code`; bodies are snake_case JSON. \
						Authenticate with a bearer access token from `POST /api/v1/auth/login`, \
						or with an API key an ADMIN created in `X-API-Key`.""")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("The access_token answered by POST /api/v1/auth/login"))
				.addSecuritySchemes(API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-Key")
							.description("An API key of the tenant (ADMINs create them under /admin/api-keys)")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY));
	}

	/**
	 * Tags each operation with its module and gives one without a summary a sentence made
	 * of its method's name.
	 */
	@Bean
	OperationCustomizer moduleTagsAndSummaries() {
		return (operation, handler) -> {
			Tag tag = MODULE_TAGS.get(module(handler.getBeanType()));
			if (tag != null) {
				operation.setTags(List.of(tag.getName()));
			}
			if (!StringUtils.hasText(operation.getSummary())) {
				operation.setSummary(sentence(handler.getMethod().getName()));
			}
			return operation;
		};
	}

	/** Lists the tags the operations use, each with its description. */
	@Bean
	OpenApiCustomizer moduleTagList() {
		return openApi -> {
			Set<String> used = new TreeSet<>();
			if (openApi.getPaths() != null) {
				openApi.getPaths()
					.values()
					.forEach(path -> path.readOperations()
						.stream()
						.map(Operation::getTags)
						.filter(tags -> tags != null)
						.forEach(used::addAll));
			}
			openApi.setTags(MODULE_TAGS.values().stream().filter(tag -> used.contains(tag.getName())).toList());
		};
	}

	/** {@code io.cohort.catalog.web.CourseController} is in module {@code catalog}. */
	static String module(Class<?> type) {
		String name = type.getPackageName();
		String rest = name.startsWith("io.cohort.") ? name.substring("io.cohort.".length()) : name;
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

	/** {@code updateRetryPolicy} reads "Update retry policy". */
	static String sentence(String methodName) {
		String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static Map.Entry<String, Tag> tag(String module, String name, String description) {
		return Map.entry(module, new Tag().name(name).description(description));
	}

	@SafeVarargs
	private static Map<String, Tag> tags(Map.Entry<String, Tag>... entries) {
		Map<String, Tag> tags = new LinkedHashMap<>();
		for (Map.Entry<String, Tag> entry : entries) {
			tags.put(entry.getKey(), entry.getValue());
		}
		return tags;
	}

}
