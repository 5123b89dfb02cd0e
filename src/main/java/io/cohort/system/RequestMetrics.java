package io.cohort.system;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request metrics ({@code http.server.requests}) are observed only when a scraper can
 * read them, that is when {@code COHORT_METRICS_TOKEN} is set: otherwise timing every
 * request is work nobody sees.
 */
@Configuration(proxyBeanMethods = false)
class RequestMetrics {

	static final String HTTP_SERVER_REQUESTS = "http.server.requests";

	@Bean
	ObservationPredicate requestMetricsOnlyWhenScraped(Installation installation) {
		return predicate(installation.metricsToken().isPresent());
	}

	static ObservationPredicate predicate(boolean scraped) {
		return (String name, Observation.Context context) -> scraped || !HTTP_SERVER_REQUESTS.equals(name);
	}

}
