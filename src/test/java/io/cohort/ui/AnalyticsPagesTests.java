package io.cohort.ui;

import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's analytics pages after an ingestion: the risk distribution and progress charts
 * as SVG in the page, the learners at risk with their reasons, a learner's trajectory and
 * the CSV export; staff of the tenant only, a learner sees none.
 */
class AnalyticsPagesTests extends ApiIntegrationTest {

	@Autowired
	AnalyticsSimulator simulator;

	@LocalServerPort
	int port;

	@Test
	void staffSeeTheRunsChartsReasonsAndExportAndALearnerSeesNone() {
		TestTenant tenant = api.newTenant();
		TestTenant.TestUser ops = tenant.addUser("OPS");
		TestTenant.TestUser learner = tenant.addUser("LEARNER");
		Training training = new Training(tenant);
		UUID run = training.run(training.course().id());
		String site = Api.unique("psite");
		String token = simulator.createSite(site);
		String course = "course-v1:Cohort+" + Api.unique("P") + "+2026";
		List<SimulatedUser> users = simulator.addCourse(site, course, 11, List.of(), 20, Instant.now(), false);
		api.request("PUT", "/api/v1/settings/analytics")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_base_url", api.base() + "/simulators/analytics/" + site + "/mooc", "mooc_token", token,
					"h5p_base_url", api.base() + "/simulators/analytics/" + site + "/h5p", "h5p_token", token))
			.send()
			.expect(200);
		api.request("PUT", "/api/v1/analytics/runs/" + run + "/course")
			.bearer(ops.token())
			.json(Map.of("mooc_course_id", course))
			.send()
			.expect(200);
		api.post("/api/v1/analytics/runs/" + run + "/ingest").bearer(ops.token()).send().expect(200);

		WebClient web = new WebClient(port);
		web.login(tenant.slug(), ops.email(), Api.PASSWORD);
		HttpResponse<String> page = web.get("/analytics/runs/" + run);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<svg").contains("Risk distribution").contains("Progress and grades");
		SimulatedUser dropout = users.stream()
			.filter(SimulatedUser::dropout)
			.max(java.util.Comparator
				.comparing(u -> Instant.now().getEpochSecond() - u.lastActivity().getEpochSecond()))
			.orElseThrow();
		assertThat(page.body()).contains("data-testid=\"at-risk\"")
			.contains(dropout.fullName())
			.contains("no activity for");
		HttpResponse<String> trajectory = web.get("/analytics/runs/" + run + "/learners/" + dropout.userId());
		assertThat(trajectory.statusCode()).isEqualTo(200);
		assertThat(trajectory.body()).contains("<polyline").contains("baseline-1");
		HttpResponse<String> csv = web.get("/analytics/runs/" + run + "/features.csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.body().lines().count()).isEqualTo(users.size() + 1);
		assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("mooc_user_id,learner_id,name,");

		WebClient learnerWeb = new WebClient(port);
		learnerWeb.login(tenant.slug(), learner.email(), Api.PASSWORD);
		assertThat(learnerWeb.get("/analytics/runs/" + run).statusCode()).isEqualTo(403);
		assertThat(learnerWeb.get("/analytics/runs/" + run + "/features.csv").statusCode()).isEqualTo(403);

		TestTenant other = api.newTenant();
		WebClient otherWeb = new WebClient(port);
		otherWeb.login(other.slug(), other.adminEmail(), Api.PASSWORD);
		assertThat(otherWeb.get("/analytics/runs/" + run).statusCode()).isEqualTo(404);
	}

}
