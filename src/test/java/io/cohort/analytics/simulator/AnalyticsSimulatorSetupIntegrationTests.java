package io.cohort.analytics.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.system.Installation;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A benchmark sets a simulated source up over HTTP where the simulator runs: a site with
 * its token, then a course of N generated users, which a linked run ingests whole. Where
 * the simulator is off, the same requests find nothing. GH-13
 */
class AnalyticsSimulatorSetupIntegrationTests extends ApiIntegrationTest {

	@Autowired
	Installation installation;

	@Test
	void aSiteAndACourseOfGeneratedUsersAreMadeOverHttpAndIngestedWhole() {
		String site = Api.unique("http-site");
		String token = api.post("/simulators/analytics/" + site).send().expect(201).json().get("token").asString();
		api.post("/simulators/analytics/" + site).send().expect(409);
		String course = "course-v1:Bench+" + Api.unique("C") + "+2026";
		JsonNode added = api.post("/simulators/analytics/" + site + "/courses")
			.header("Authorization", "Bearer " + token)
			.json(Map.of("course_id", course, "learners", 37, "seed", 7))
			.send()
			.expect(201)
			.json();
		assertThat(added.get("users").asInt()).isEqualTo(37);
		api.post("/simulators/analytics/" + site + "/courses")
			.header("Authorization", "Bearer wrong")
			.json(Map.of("course_id", course, "learners", 5))
			.send()
			.expect(401);
		for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("course_id", course),
				Map.of("course_id", " ", "learners", 5), Map.of("course_id", course, "learners", 0),
				Map.of("course_id", course, "learners", 100_001), Map.of("course_id", course, "learners", "many"))) {
			api.post("/simulators/analytics/" + site + "/courses")
				.header("Authorization", "Bearer " + token)
				.json(bad)
				.send()
				.expect(400);
		}
		api.post("/simulators/analytics/" + site + "/elsewhere").send().expect(404);

		TestTenant tenant = api.newTenant();
		Training training = new Training(tenant);
		UUID run = training.run(training.course().id());
		String base = api.base() + "/simulators/analytics/" + site;
		api.request("PUT", "/api/v1/settings/analytics")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_base_url", base + "/mooc", "mooc_token", token, "h5p_base_url", base + "/h5p",
					"h5p_token", token, "page_size", 10))
			.send()
			.expect(200);
		api.request("PUT", "/api/v1/analytics/runs/" + run + "/course")
			.bearer(tenant.adminToken())
			.json(Map.of("mooc_course_id", course))
			.send()
			.expect(200);
		JsonNode done = api.post("/api/v1/analytics/runs/" + run + "/ingest")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();
		assertThat(done.get("state").asString()).isEqualTo("DONE");
		assertThat(jdbc.sql("SELECT count(*) FROM raw_data WHERE tenant_id = :t AND run_id = :r")
			.param("t", tenant.id())
			.param("r", run)
			.query(Long.class)
			.single()).isEqualTo(37);
	}

	@Test
	void aSiteMayBeGivenARoundTripAndABadOneMakesNoSite() {
		String site = Api.unique("slow-site");
		for (Object bad : List.of(-1, 5_001, "10")) {
			api.post("/simulators/analytics/" + site).json(Map.of("latency_ms", bad)).send().expect(400);
		}
		api.post("/simulators/analytics/" + site).body("application/json", "{not json").send().expect(400);
		String token = api.post("/simulators/analytics/" + site)
			.json(Map.of("latency_ms", 5))
			.send()
			.expect(201)
			.json()
			.get("token")
			.asString();
		String course = "course-v1:Slow+" + Api.unique("C") + "+2026";
		api.post("/simulators/analytics/" + site + "/courses")
			.header("Authorization", "Bearer " + token)
			.json(Map.of("course_id", course, "learners", 3))
			.send()
			.expect(201);
		JsonNode page = api.get("/simulators/analytics/" + site + "/mooc/course-enrollments-attributes/" + course + "/")
			.header("Authorization", "Bearer " + token)
			.send()
			.expect(200)
			.json();
		assertThat(page.get("count").asInt()).isEqualTo(3);
	}

	@Test
	void whereTheSimulatorIsOffNothingCanBeSetUp() throws Exception {
		AnalyticsSimulator off = new AnalyticsSimulator(
				new MockEnvironment().withProperty("cohort.analytics.simulator.enabled", "false"), installation);
		AnalyticsSimulatorServlet servlet = new AnalyticsSimulatorServlet(off);
		for (String path : new String[] { "/site-a", "/site-a/courses" }) {
			MockHttpServletRequest request = new MockHttpServletRequest("POST", "/simulators/analytics" + path);
			request.setServletPath("/simulators/analytics");
			request.setPathInfo(path);
			request.setContentType("application/json");
			request.setContent("{\"course_id\":\"c\",\"learners\":5}".getBytes(StandardCharsets.UTF_8));
			MockHttpServletResponse response = new MockHttpServletResponse();

			servlet.service(request, response);

			assertThat(response.getStatus()).as(path).isEqualTo(404);
		}
	}

}
