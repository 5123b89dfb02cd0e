package io.cohort.analytics;

import java.time.Duration;
import java.time.Instant;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local run's demo tenant follows the built-in analytics simulator: its run in
 * progress is linked to a simulated MOOC course and ingested after start-up, so its
 * learners have a risk with reasons; its finished runs follow finished simulated courses,
 * on which its dropout model is trained.
 */
class DemoAnalyticsIntegrationTests extends ApiIntegrationTest {

	@Test
	void theDemoRunInProgressIsIngestedFromTheSimulator() {
		String ops = api.token("demo", "ops@demo.cohort.local", Api.DEMO_PASSWORD);
		String run = demoRun(ops);
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

	@Test
	void theDemoTenantsModelIsTrainedOnItsFinishedRunsAndBeatsTheRules() {
		String admin = api.token("demo", "admin@demo.cohort.local", Api.DEMO_PASSWORD);
		JsonNode model = await().atMost(Duration.ofSeconds(120))
			.until(() -> api.get("/api/v1/analytics/model").bearer(admin).send().expect(200).json(),
					view -> !view.get("trained_at").isNull());
		assertThat(model.get("kind").asString()).as(model.get("note").asString()).isEqualTo("LOGISTIC");
		assertThat(model.get("active_version").asString()).startsWith("lr-");
		assertThat(model.get("training_rows").asInt() + model.get("held_out_rows").asInt())
			.isEqualTo(2 * LocalAnalytics.FINISHED_GUESTS);
		JsonNode held = model.get("model");
		assertThat(held.get("auc").asDouble()).isGreaterThan(model.get("baseline").get("auc").asDouble());
		assertThat(held.get("brier").asDouble()).isBetween(0.0, 0.25);
		assertThat(held.get("calibration").size()).isPositive();
		assertThat(held.get("dropouts").asInt()).isPositive().isLessThan(held.get("learners").asInt());
		System.out.printf("Demo model: held-out AUC %.3f (rules %.3f), Brier %.3f (rules %.3f), %d training rows%n",
				held.get("auc").asDouble(), model.get("baseline").get("auc").asDouble(), held.get("brier").asDouble(),
				model.get("baseline").get("brier").asDouble(), model.get("training_rows").asInt());
	}

	@Test
	void aRetrainRescoresTheRunsAfterItsAnswerAndSaysWhenThatIsDone() {
		String admin = api.token("demo", "admin@demo.cohort.local", Api.DEMO_PASSWORD);
		String run = demoRun(admin);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/analytics/runs/" + run + "/ingestion")
				.bearer(admin)
				.send()
				.expect(200)
				.json()
				.get("state")
				.asString(), "DONE"::equals);
		JsonNode first = await().atMost(Duration.ofSeconds(120))
			.until(() -> api.get("/api/v1/analytics/model").bearer(admin).send().expect(200).json(),
					view -> !view.get("rescored_at").isNull());
		Instant firstTrained = Instant.parse(first.get("trained_at").asString());
		// a model's version is the second it was trained in
		await().until(() -> Instant.now().getEpochSecond() > firstTrained.getEpochSecond());
		JsonNode trained = api.post("/api/v1/analytics/model/train").bearer(admin).send().expect(200).json();
		String version = trained.get("active_version").asString();
		assertThat(version).startsWith("lr-").isNotEqualTo(first.get("active_version").asString());

		JsonNode rescored = await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/analytics/model").bearer(admin).send().expect(200).json(),
					view -> !view.get("rescored_at").isNull());
		assertThat(rescored.get("trained_at").asString()).isEqualTo(trained.get("trained_at").asString());
		assertThat(Instant.parse(rescored.get("rescored_at").asString()))
			.isAfterOrEqualTo(Instant.parse(trained.get("trained_at").asString()));
		JsonNode learners = api.get("/api/v1/analytics/runs/" + run + "/learners")
			.bearer(admin)
			.send()
			.expect(200)
			.json()
			.get("items");
		assertThat(learners.size()).isPositive();
		assertThat(learners.values())
			.allSatisfy(item -> assertThat(item.get("model_version").asString()).isEqualTo(version));
	}

	private String demoRun(String token) {
		for (JsonNode item : api.get("/api/v1/runs?size=100").bearer(token).send().expect(200).json().get("items")) {
			if (LocalAnalytics.RUN.equals(item.get("reference").asString())) {
				return item.get("id").asString();
			}
		}
		throw new AssertionError("no demo run " + LocalAnalytics.RUN);
	}

}
