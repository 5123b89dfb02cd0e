package io.cohort.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the application's JSON mapper adds to Boot's: strings that refuse a NUL character.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer nulCharactersRefused() {
		return builder -> builder.addModule(NulCharacters.jacksonModule());
	}

}
