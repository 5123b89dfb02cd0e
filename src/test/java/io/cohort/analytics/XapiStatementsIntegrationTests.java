package io.cohort.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.analytics.simulator.AnalyticsSimulator;
import io.cohort.analytics.simulator.SimulatedUser;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The xAPI statements endpoint with H5P's real statement shapes: an answered question's
 * score and a video's progress become the learner's H5P score and video progress;
 * statements are kept idempotently by id (409 for the same id with another body), need
 * the xAPI version header and an integration API key.
 */
class XapiStatementsIntegrationTests extends ApiIntegrationTest {

	@Autowired
	AnalyticsSimulator simulator;

	TestTenant tenant;

	String key;

	String course;

	SimulatedUser user;

	@BeforeEach
	void aLinkedCourseWithItsUsers() {
		tenant = api.newTenant();
		key = tenant.addApiKey().key();
		Training training = new Training(tenant);
		UUID run = training.run(training.course().id());
		String site = Api.unique("xsite");
		String token = simulator.createSite(site);
		course = "course-v1:Cohort+" + Api.unique("X") + "+2026";
		user = simulator.addCourse(site, course, 5, List.of(), 3, Instant.now(), false).get(0);
		api.request("PUT", "/api/v1/settings/analytics")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_base_url", api.base() + "/simulators/analytics/" + site + "/mooc", "mooc_token", token,
					"h5p_base_url", api.base() + "/simulators/analytics/" + site + "/h5p", "h5p_token", token))
			.send()
			.expect(200);
		api.request("PUT", "/api/v1/analytics/runs/" + run + "/course")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_course_id", course))
			.send()
			.expect(200);
		api.post("/api/v1/analytics/runs/" + run + "/ingest").bearer(tenant.adminToken()).send().expect(200);
	}

	@Test
	void anAnsweredQuestionBecomesTheLearnersH5pScoreOnceAndOnlyOnce() {
		UUID id = UUID.randomUUID();
		Map<String, Object> answered = answered(id, 7);
		JsonNode ids = post(answered).expect(200).json();
		assertThat(ids.get(0).asString()).isEqualTo(id.toString());
		assertThat(score(777)).isEqualTo(7);
		post(answered).expect(200);
		assertThat(jdbc.sql("SELECT count(*) FROM xapi_statement WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		post(answered(id, 9)).expectProblem(409, "xapi-statement-conflict");
		assertThat(score(777)).isEqualTo(7);
		assertThat(jdbc
			.sql("SELECT total_score FROM h5p_scores_summary WHERE tenant_id = :t AND user_id = :u "
					+ "AND course_id = :c")
			.param("t", tenant.id())
			.param("u", user.userId())
			.param("c", course)
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(7);
	}

	@Test
	void aBatchIsAllOrNothingAndSubContentScoresDoNotCount() {
		UUID stored = UUID.randomUUID();
		post(answered(stored, 4)).expect(200);
		Map<String, Object> sub = answered(UUID.randomUUID(), 1);
		@SuppressWarnings("unchecked")
		Map<String, Object> object = (Map<String, Object>) sub.get("object");
		object.put("definition",
				Map.of("extensions", Map.of(XapiStatements.CONTENT_ID, 778, XapiStatements.SUB_CONTENT_ID, "2f3e-sub"),
						"name", Map.of("en-US", "One question")));
		UUID fresh = UUID.randomUUID();
		api.post("/api/v1/xapi/statements")
			.apiKey(key)
			.header("X-Experience-API-Version", "1.0.3")
			.json(List.of(answered(fresh, 5), answered(stored, 6)))
			.send()
			.expectProblem(409, "xapi-statement-conflict");
		assertThat(jdbc.sql("SELECT count(*) FROM xapi_statement WHERE tenant_id = :t AND id = :id")
			.param("t", tenant.id())
			.param("id", fresh)
			.query(Long.class)
			.single()).isZero();
		post(sub).expect(200);
		assertThat(jdbc.sql("SELECT count(*) FROM h5p_scores WHERE tenant_id = :t AND content_id = 778")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void videoStatementsMoveTheProgressOnlyForward() {
		post(video(UUID.randomUUID(), "https://w3id.org/xapi/video/verbs/paused", 0.6)).expect(200);
		post(video(UUID.randomUUID(), "https://w3id.org/xapi/video/verbs/seeked", 0.2)).expect(200);
		JsonNode row = Api.JSON.readTree(jdbc
			.sql("SELECT json_build_object('p', progress_percent, 's', status)::text FROM video_progress "
					+ "WHERE tenant_id = :t AND user_id = :u AND content_id = 901")
			.param("t", tenant.id())
			.param("u", user.userId())
			.query(String.class)
			.single());
		assertThat(row.get("p").asDouble()).isEqualTo(60.0);
		assertThat(row.get("s").asString()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void theVersionHeaderAndAnIntegrationKeyAreRequired() {
		api.post("/api/v1/xapi/statements")
			.apiKey(key)
			.json(answered(UUID.randomUUID(), 3))
			.send()
			.expectProblem(400, "xapi-version");
		api.post("/api/v1/xapi/statements")
			.bearer(tenant.adminToken())
			.header("X-Experience-API-Version", "1.0.3")
			.json(answered(UUID.randomUUID(), 3))
			.send()
			.expectProblem(403, "forbidden");
		api.post("/api/v1/xapi/statements")
			.apiKey(key)
			.header("X-Experience-API-Version", "1.0.3")
			.json(Map.of("actor", Map.of("mbox", "mailto:a@b.test")))
			.send()
			.expectProblem(400, "validation-failed");
	}

	private Api.Response post(Object statement) {
		return api.post("/api/v1/xapi/statements")
			.apiKey(key)
			.header("X-Experience-API-Version", "1.0.3")
			.json(statement)
			.send();
	}

	private int score(long content) {
		return jdbc.sql("SELECT score FROM h5p_scores WHERE tenant_id = :t AND user_id = :u AND content_id = :c")
			.param("t", tenant.id())
			.param("u", user.userId())
			.param("c", content)
			.query(Integer.class)
			.single();
	}

	/** A statement as H5P's MultiChoice sends it when answered, by email. */
	private Map<String, Object> answered(UUID id, int raw) {
		Map<String, Object> object = new java.util.LinkedHashMap<>();
		object.put("id", "https://lms.example/mod/h5pactivity/view.php?id=12");
		object.put("objectType", "Activity");
		object.put("definition", Map.of("extensions", Map.of(XapiStatements.CONTENT_ID, 777), "name",
				Map.of("en-US", "Safety quiz"), "interactionType", "choice"));
		Map<String, Object> statement = new java.util.LinkedHashMap<>();
		statement.put("id", id.toString());
		statement.put("actor",
				Map.of("name", user.fullName(), "mbox", "mailto:" + user.email(), "objectType", "Agent"));
		statement.put("verb",
				Map.of("id", "http://adlnet.gov/expapi/verbs/answered", "display", Map.of("en-US", "answered")));
		statement.put("object", object);
		statement.put("context", Map.of("contextActivities", Map.of("category",
				List.of(Map.of("id", "http://h5p.org/libraries/H5P.MultiChoice-1.16", "objectType", "Activity")),
				"grouping", List.of(Map.of("id", "https://mooc.example/courses/" + course + "/"))), "platform",
				"Open edX"));
		statement.put("result", Map.of("score", Map.of("min", 0, "max", 10, "raw", raw, "scaled", raw / 10.0),
				"completion", true, "success", raw >= 5, "duration", "PT14.2S"));
		statement.put("timestamp", "2026-12-01T10:00:00.000Z");
		return statement;
	}

	/** A statement as H5P.Video sends it (xAPI video profile), by account. */
	private Map<String, Object> video(UUID id, String verb, double progress) {
		return Map.of("id", id.toString(), "actor",
				Map.of("account", Map.of("homePage", "https://mooc.example", "name", String.valueOf(user.userId())),
						"objectType", "Agent"),
				"verb", Map.of("id", verb), "object",
				Map.of("id", "https://mooc.example/h5p/901", "objectType", "Activity", "definition",
						Map.of("extensions", Map.of(XapiStatements.CONTENT_ID, 901), "name",
								Map.of("en-US", "Lifting safely"))),
				"context",
				Map.of("contextActivities", Map.of("parent", List.of(Map.of("id", course))), "extensions",
						Map.of("https://w3id.org/xapi/video/extensions/length", 300)),
				"result", Map.of("extensions", Map.of("https://w3id.org/xapi/video/extensions/progress", progress,
						"https://w3id.org/xapi/video/extensions/time", 300 * progress)));
	}

}
