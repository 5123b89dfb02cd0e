package io.cohort.analytics;

import java.time.Duration;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local run's demo tenant follows the built-in analytics simulator: its run in
 * progress is linked to a simulated MOOC course and ingested after start-up, so its
 * learners have a risk with reasons.
 */
class DemoAnalyticsIntegrationTests extends ApiIntegrationTest {

	@Test
	void theDemoRunInProgressIsIngestedFromTheSimulator() {
		String ops = api.token("demo", "ops@demo.cohort.local", Api.DEMO_PASSWORD);
		String run = null;
		for (JsonNode item : api.get("/api/v1/runs?size=100").bearer(ops).send().expect(200).json().get("items")) {
			if (LocalAnalytics.RUN.equals(item.get("reference").asString())) {
				run = item.get("id").asString();
			}
		}
		assertThat(run).isNotNull();
		String path = "/api/v1/analytics/runs/" + run;
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get(path + "/ingestion").bearer(ops).send().expect(200).json().get("state").asString(),
					"DONE"::equals);
		assertThat(api.get(path + "/course").bearer(ops).send().expect(200).json().get("mooc_course_id").asString())
			.isEqualTo(LocalAnalytics.COURSE);
		JsonNode items = api.get(path + "/learners").bearer(ops).send().expect(200).json().get("items");
		assertThat(items.size()).isGreaterThan(8);
		assertThat(api.get(path + "/unmatched").bearer(ops).send().expect(200).json().get("items").size()).isEqualTo(8);
	}

}
