package io.cohort.system;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMetricsTests {

	private final Observation.Context context = new Observation.Context();

	@Test
	void requestsAreObservedWhenAScraperCanReadThem() {
		ObservationPredicate predicate = RequestMetrics.predicate(true);

		assertThat(predicate.test("http.server.requests", context)).isTrue();
	}

	@Test
	void requestsAreNotObservedWithoutAMetricsToken() {
		ObservationPredicate predicate = RequestMetrics.predicate(false);

		assertThat(predicate.test("http.server.requests", context)).isFalse();
	}

	@Test
	void otherObservationsStayWhateverTheToken() {
		assertThat(RequestMetrics.predicate(false).test("jdbc.query", context)).isTrue();
		assertThat(RequestMetrics.predicate(false).test("tasks.scheduled.execution", context)).isTrue();
	}

}
