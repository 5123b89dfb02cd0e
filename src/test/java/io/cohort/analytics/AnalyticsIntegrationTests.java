package io.cohort.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.analytics.simulator.AnalyticsSimulator;
import io.cohort.analytics.simulator.SimulatedLearner;
import io.cohort.analytics.simulator.SimulatedUser;
import io.cohort.jobs.ManualWorker;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.MovableClock;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's ingestion from the simulated MOOC and H5P sources: paged, matched to the run's
 * learners by email (the rest listed for OPS), idempotent, resumed from its cursor after
 * a failure (by hand, or by the outbound job the failure wrote, with its backoff, dead
 * letter, retry and cancel), and turned into feature rows with a risk and reasons; the
 * sources' tokens never come back.
 */
class AnalyticsIntegrationTests extends ApiIntegrationTest {

	@Autowired
	AnalyticsSimulator simulator;

	@Autowired
	ApplicationContext context;

	MovableClock clock = new MovableClock(Instant.now().plus(Duration.ofDays(2)));

	TestTenant tenant;

	String ops;

	Training training;

	UUID run;

	String site;

	String course;

	List<SimulatedUser> users;

	List<UUID> learners;

	@BeforeEach
	void aRunFollowingASimulatedCourse() {
		tenant = api.newTenant();
		ops = tenant.addUser("OPS").token();
		training = new Training(tenant);
		run = training.run(training.course().id());
		learners = new ArrayList<>();
		List<SimulatedLearner> known = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Training.Learner learner = training.learner(null);
			training.enrol(learner.id(), run);
			learners.add(learner.id());
			String email = api.get("/api/v1/learners/" + learner.id())
				.bearer(ops)
				.send()
				.expect(200)
				.json()
				.get("email")
				.asString();
			known.add(new SimulatedLearner(email.toUpperCase(java.util.Locale.ROOT), learner.fullName()));
		}
		site = Api.unique("site");
		String token = simulator.createSite(site);
		course = "course-v1:Cohort+" + Api.unique("C") + "+2026";
		users = simulator.addCourse(site, course, 42, known, 3, Instant.now(), false);
		api.request("PUT", "/api/v1/settings/analytics")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_base_url", api.base() + "/simulators/analytics/" + site + "/mooc", "mooc_token", token,
					"h5p_base_url", api.base() + "/simulators/analytics/" + site + "/h5p", "h5p_token", token,
					"page_size", 4, "risk_threshold", 0.3))
			.send()
			.expect(200);
		api.request("PUT", "/api/v1/analytics/runs/" + run + "/course")
			.bearer(ops)
			.json(Map.of("mooc_course_id", course))
			.send()
			.expect(200);
	}

	@Test
	void theSettingsNeverShowTheTokensAndABadUrlChangesNothing() {
		JsonNode settings = api.get("/api/v1/settings/analytics").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(settings.get("mooc_token_set").asBoolean()).isTrue();
		assertThat(settings.toString()).doesNotContain("token\":\"");
		api.request("PUT", "/api/v1/settings/analytics")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_base_url", "ftp://example.com/x", "h5p_base_url", "http://localhost:9/h5p"))
			.send()
			.expectProblem(400, "validation-failed");
		assertThat(api.get("/api/v1/settings/analytics")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("mooc_base_url")
			.asString()).isEqualTo(settings.get("mooc_base_url").asString());
		api.get("/api/v1/settings/analytics").bearer(ops).send().expectProblem(403, "forbidden");
	}

	@Test
	void aRunIsIngestedPageByPageMatchedByEmailAndScoredWithReasons() {
		JsonNode done = ingest();
		assertThat(done.get("state").asString()).isEqualTo("DONE");
		// 15 users, 4 a page: 4 pages for each of the four exports, 2 H5P steps, then the
		// features
		assertThat(done.get("pages_done").asInt()).isEqualTo(4 * 4 + 2);
		JsonNode items = api.get("/api/v1/analytics/runs/" + run + "/learners")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items");
		assertThat(items.size()).isEqualTo(15);
		List<String> matched = new ArrayList<>();
		items.forEach(item -> {
			assertThat(item.get("dropout_risk").asDouble()).isBetween(0.0, 1.0);
			assertThat(item.get("model_version").asString()).isEqualTo(BaselineRules.VERSION);
			if (!item.get("learner_id").isNull()) {
				matched.add(item.get("learner_id").asString());
			}
		});
		assertThat(matched).containsExactlyInAnyOrderElementsOf(learners.stream().map(UUID::toString).toList());
		JsonNode riskiest = items.get(0);
		assertThat(riskiest.get("reasons").size()).isPositive();
		riskiest.get("reasons").forEach(reason -> {
			assertThat(reason.get("feature").asString()).isNotBlank();
			assertThat(reason.get("text").asString()).isNotBlank();
		});
		JsonNode unmatched = api.get("/api/v1/analytics/runs/" + run + "/unmatched")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items");
		assertThat(unmatched.size()).isEqualTo(3);
		assertThat(unmatched.get(0).get("email").asString()).endsWith("@mooc.example");
		// a simulated dropout goes quiet for days: the baseline names it
		SimulatedUser dropout = users.stream().filter(SimulatedUser::dropout).findFirst().orElseThrow();
		JsonNode row = find(items, dropout.userId());
		assertThat(row.get("days_since_activity").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(api.get("/api/v1/analytics/runs/" + run + "/learners/" + dropout.userId() + "/trajectory")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items")
			.size()).isEqualTo(1);
	}

	@Test
	void aRecomputationWritesEveryChangedRowAcrossItsBatches() {
		String big = course + "-c";
		int users = 2 * FeatureRows.BATCH + 5;
		simulator.addCourse(site, big, 44, List.of(), users, Instant.now(), false);
		api.request("PUT", "/api/v1/analytics/runs/" + run + "/course")
			.bearer(ops)
			.json(Map.of("mooc_course_id", big))
			.send()
			.expect(200);
		JsonNode done = ingest();
		assertThat(done.get("state").asString()).isEqualTo("DONE");
		for (String table : List.of("raw_data", "raw_data_history")) {
			assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :t AND course_id = :c")
				.param("t", tenant.id())
				.param("c", big)
				.query(Long.class)
				.single()).as(table).isEqualTo(users);
		}
	}

	@Test
	void ingestingTwiceChangesNothing() {
		JsonNode first = ingest();
		assertThat(first.get("rows_changed").asInt()).isPositive();
		long history = jdbc.sql("SELECT count(*) FROM raw_data_history WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single();
		long raised = jdbc.sql("SELECT count(*) FROM analytics_risk_raised WHERE tenant_id = :t AND run_id = :r")
			.param("t", tenant.id())
			.param("r", run)
			.query(Long.class)
			.single();
		long atRisk = jdbc
			.sql("SELECT count(*) FROM raw_data WHERE tenant_id = :t AND run_id = :r AND dropout_risk_score >= 0.3")
			.param("t", tenant.id())
			.param("r", run)
			.query(Long.class)
			.single();
		assertThat(raised).as("LearnerAtRisk raised for each learner at or above the threshold")
			.isEqualTo(atRisk)
			.isPositive();
		JsonNode second = ingest();
		assertThat(second.get("state").asString()).isEqualTo("DONE");
		assertThat(jdbc.sql("SELECT count(*) FROM analytics_risk_raised WHERE tenant_id = :t AND run_id = :r")
			.param("t", tenant.id())
			.param("r", run)
			.query(Long.class)
			.single()).as("once per run").isEqualTo(raised);
		assertThat(second.get("rows_seen").asInt()).isEqualTo(first.get("rows_seen").asInt());
		assertThat(second.get("rows_changed").asInt()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM raw_data_history WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(history);
	}

	@Test
	void aFailedIngestionResumesFromItsCursor() {
		// a clean ingestion's calls, to compare with
		int before = simulator.calls(site);
		JsonNode state = api.post("/api/v1/analytics/runs/" + run + "/ingest").bearer(ops).send().expect(200).json();
		assertThat(state.get("state").asString()).isEqualTo("DONE");
		int full = simulator.calls(site) - before;

		// a fresh course for the same run: its enrolments take 4 pages, then the grades'
		// first page fails
		linkAFreshCourse();
		before = simulator.calls(site);
		failAfter(4, 503);
		JsonNode failed = api.post("/api/v1/analytics/runs/" + run + "/ingest").bearer(ops).send().expect(200).json();
		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("phase").asString()).isEqualTo("GRADES");
		assertThat(failed.get("next_page").asInt()).isEqualTo(1);
		assertThat(failed.get("last_error").asString()).contains("HTTP 503").contains("retried");
		assertThat(api.get("/api/v1/analytics/runs/" + run + "/ingestion")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("state")
			.asString()).isEqualTo("FAILED");
		JsonNode resumed = api.post("/api/v1/analytics/runs/" + run + "/ingest")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();
		assertThat(resumed.get("state").asString()).isEqualTo("DONE");
		// the enrolments' pages were not fetched again: one failed call more than a clean
		// run
		assertThat(simulator.calls(site) - before).isEqualTo(full + 1);
	}

	@Test
	void aFailedH5pCallFailsItsWholeStepWhichResumesFromItsFirstUser() {
		int before = simulator.calls(site);
		assertThat(ingest().get("state").asString()).isEqualTo("DONE");
		int full = simulator.calls(site) - before;
		String second = linkAFreshCourse();
		before = simulator.calls(site);
		// the four exports' 16 pages, then the first H5P step's 30 calls (three per user,
		// made at once) of which one fails
		failAfter(16 + 10, 503);
		JsonNode failed = ingest();
		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("phase").asString()).isEqualTo("H5P");
		assertThat(failed.get("next_page").asInt()).isEqualTo(1);
		assertThat(failed.get("last_error").asString()).contains("HTTP 503");

		assertThat(ingest().get("state").asString()).isEqualTo("DONE");
		// every user of the course has their H5P answers, each once
		for (String table : List.of("video_progress_summary", "dashboard_summary")) {
			assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :t AND course_id = :c")
				.param("t", tenant.id())
				.param("c", second)
				.query(Long.class)
				.single()).as(table).isEqualTo(15);
		}
		// the exports were not fetched again; the failed step's calls were made twice
		assertThat(simulator.calls(site) - before).isEqualTo(full + 3 * IngestionManagement.H5P_BATCH);
	}

	@Test
	void aFailedPageBecomesAJobRetriedWithBackoffFromTheCursor() {
		ManualWorker worker = ManualWorker.on(context, clock, tenant.id());
		int before = simulator.calls(site);
		assertThat(ingest().get("state").asString()).isEqualTo("DONE");
		int full = simulator.calls(site) - before;
		linkAFreshCourse();
		before = simulator.calls(site);
		failAfter(4, 503);
		assertThat(ingest().get("state").asString()).isEqualTo("FAILED");
		JsonNode job = job();
		assertThat(job.get("status").asString()).isEqualTo("PENDING");
		assertThat(job.get("operation").asString()).isEqualTo("INGEST");

		// still down at the job's first attempt: retried later, from the same cursor
		simulator.failNext(site, 1, 502);
		worker.drainOnce("w", 10);
		job = job();
		assertThat(job.get("status").asString()).isEqualTo("RETRYING");
		assertThat(job.get("attempts").asInt()).isEqualTo(1);
		assertThat(job.get("last_error").asString()).contains("HTTP 502");
		JsonNode waiting = state();
		assertThat(waiting.get("phase").asString()).isEqualTo("GRADES");
		assertThat(waiting.get("next_page").asInt()).isEqualTo(1);
		assertThat(worker.drainOnce("w", 10)).as("not before its backoff").isZero();

		clock.advance(Duration.ofHours(1));
		worker.drainOnce("w", 10);
		assertThat(job().get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(state().get("state").asString()).isEqualTo("DONE");
		assertThat(jobs()).as("one job for the failure").hasSize(1);
		// the enrolments' pages were fetched once: two failed calls more than a clean run
		assertThat(simulator.calls(site) - before).isEqualTo(full + 2);
	}

	@Test
	void aRefusedTokenIsADeadLetterThatAnOperatorRetriesOrCancels() {
		ManualWorker worker = ManualWorker.on(context, clock, tenant.id());
		simulator.failNext(site, 2, 401);
		assertThat(ingest().get("state").asString()).isEqualTo("FAILED");
		worker.drainOnce("w", 10);
		JsonNode dead = job();
		assertThat(dead.get("status").asString()).isEqualTo("DEAD");
		assertThat(dead.get("attempts").asInt()).isEqualTo(1);
		assertThat(api.get("/api/v1/jobs?target=ANALYTICS&status=DEAD")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items")
			.size()).isEqualTo(1);

		// the ADMIN put things right: the operator retries the dead letter
		api.post("/api/v1/jobs/retry")
			.bearer(ops)
			.json(Map.of("ids", List.of(dead.get("id").asString())))
			.send()
			.expect(200);
		worker.drainOnce("w", 10);
		assertThat(job().get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(state().get("state").asString()).isEqualTo("DONE");

		// a later failure writes a new job, which an operator may cancel: the run waits
		// FAILED at its cursor for the next ingestion
		simulator.failNext(site, 1, 503);
		assertThat(ingest().get("state").asString()).isEqualTo("FAILED");
		JsonNode next = jobs().stream()
			.filter(j -> j.get("status").asString().equals("PENDING"))
			.findFirst()
			.orElseThrow();
		api.post("/api/v1/jobs/cancel")
			.bearer(ops)
			.json(Map.of("ids", List.of(next.get("id").asString())))
			.send()
			.expect(200);
		assertThat(worker.drainOnce("w", 10)).isZero();
		assertThat(state().get("state").asString()).isEqualTo("FAILED");
		assertThat(ingest().get("state").asString()).isEqualTo("DONE");
	}

	@Test
	void aRunBeingIngestedElsewhereOrATenantWithoutSourcesIsRefused() {
		assertThat(ingest().get("state").asString()).isEqualTo("DONE");
		jdbc.sql("""
				UPDATE analytics_ingestion SET state = 'RUNNING', lease_until = now() + interval '1 hour'
				WHERE tenant_id = :t AND run_id = :r""").param("t", tenant.id()).param("r", run).update();
		api.post("/api/v1/analytics/runs/" + run + "/ingest")
			.bearer(ops)
			.send()
			.expectProblem(409, "analytics-ingestion-running");
		jdbc.sql("UPDATE analytics_ingestion SET state = 'DONE' WHERE tenant_id = :t AND run_id = :r")
			.param("t", tenant.id())
			.param("r", run)
			.update();

		jdbc.sql("DELETE FROM analytics_settings WHERE tenant_id = :t").param("t", tenant.id()).update();
		api.post("/api/v1/analytics/runs/" + run + "/ingest")
			.bearer(ops)
			.send()
			.expectProblem(422, "analytics-not-configured");
	}

	@Test
	void aRefusedTokenFailsWithoutRetryAndAnUnlinkedRunIsRefused() {
		api.request("PUT", "/api/v1/settings/analytics")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_base_url", api.base() + "/simulators/analytics/" + site + "/mooc", "mooc_token", "wrong",
					"h5p_base_url", api.base() + "/simulators/analytics/" + site + "/h5p"))
			.send()
			.expect(200);
		JsonNode failed = ingest();
		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("last_error").asString()).contains("refused the token").doesNotContain("retried");
		UUID unlinked = training.run(training.course().id());
		api.post("/api/v1/analytics/runs/" + unlinked + "/ingest")
			.bearer(ops)
			.send()
			.expectProblem(422, "analytics-run-not-linked");
		api.request("PUT", "/api/v1/analytics/runs/" + unlinked + "/course")
			.bearer(ops)
			.json(Map.of("mooc_course_id", course))
			.send()
			.expectProblem(409, "analytics-course-taken");
	}

	@Test
	void opsLinksAnUnmatchedUserToALearner() {
		ingest();
		JsonNode unmatched = api.get("/api/v1/analytics/runs/" + run + "/unmatched")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items");
		long user = unmatched.get(0).get("mooc_user_id").asLong();
		Training.Learner extra = training.learner(null);
		training.enrol(extra.id(), run);
		api.post("/api/v1/analytics/runs/" + run + "/links")
			.bearer(ops)
			.json(Map.of("mooc_user_id", user, "learner_id", extra.id().toString()))
			.send()
			.expect(204);
		assertThat(api.get("/api/v1/analytics/runs/" + run + "/unmatched")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items")
			.size()).isEqualTo(2);
		JsonNode items = api.get("/api/v1/analytics/runs/" + run + "/learners")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items");
		assertThat(find(items, user).get("learner_id").asString()).isEqualTo(extra.id().toString());
		api.post("/api/v1/analytics/runs/" + run + "/links")
			.bearer(ops)
			.json(Map.of("mooc_user_id", user, "learner_id", UUID.randomUUID().toString()))
			.send()
			.expectProblem(400, "validation-failed");
	}

	/**
	 * Links the run to a fresh simulated course of 15 users (none of them the run's
	 * learners), as big as the first, so its ingestion makes as many calls; its id.
	 */
	private String linkAFreshCourse() {
		String second = course + "-b";
		simulator.addCourse(site, second, 43, List.of(), 15, Instant.now(), false);
		api.request("PUT", "/api/v1/analytics/runs/" + run + "/course")
			.bearer(ops)
			.json(Map.of("mooc_course_id", second))
			.send()
			.expect(200);
		return second;
	}

	/**
	 * The grades' first call (after {@code pages} enrolment pages) fails with the status.
	 */
	private void failAfter(int pages, int status) {
		// the simulator fails its next calls in order: let the enrolment pages through
		// first
		simulator.passNext(site, pages);
		simulator.failNext(site, 1, status);
	}

	private JsonNode state() {
		return api.get("/api/v1/analytics/runs/" + run + "/ingestion").bearer(ops).send().expect(200).json();
	}

	/** The tenant's analytics jobs, oldest first. */
	private List<JsonNode> jobs() {
		List<JsonNode> jobs = new ArrayList<>();
		api.get("/api/v1/jobs?target=ANALYTICS&size=50")
			.bearer(ops)
			.send()
			.expect(200)
			.json()
			.get("items")
			.forEach(jobs::add);
		jobs.sort(java.util.Comparator.comparing(j -> j.get("created_at").asString()));
		return jobs;
	}

	/** The run's only analytics job. */
	private JsonNode job() {
		List<JsonNode> jobs = jobs();
		assertThat(jobs).hasSize(1);
		assertThat(jobs.get(0).get("entity_id").asString()).isEqualTo(run.toString());
		return jobs.get(0);
	}

	private JsonNode ingest() {
		return api.post("/api/v1/analytics/runs/" + run + "/ingest").bearer(ops).send().expect(200).json();
	}

	private static JsonNode find(JsonNode items, long user) {
		for (JsonNode item : items) {
			if (item.get("mooc_user_id").asLong() == user) {
				return item;
			}
		}
		throw new AssertionError("no row for user " + user);
	}

}
