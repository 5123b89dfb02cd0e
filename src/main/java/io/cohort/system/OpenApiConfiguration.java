package io.cohort.system;

import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the OpenAPI document at {@code /v3/api-docs} name properties as the API reads and
 * writes them (the application's naming strategy, snake case), so that a body written
 * from {@code /docs} is accepted.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

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

}
