package io.cohort.gateway;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A course's SSG reference is checked against TPGateway's course registry, and no run of
 * a course the registry does not list as active is published while the gateway is on
 * (GH-10): such a run used to be queued only to die at the gateway.
 */
class CourseRegistryIntegrationTests extends ApiIntegrationTest {

	@Autowired
	TpGatewaySimulator simulator;

	TestTenant tenant;

	String ops;

	SimulatedProvider provider;

	@BeforeEach
	void tenantOnTheSimulator() {
		tenant = api.newTenant();
		ops = tenant.addUser("OPS").token();
		provider = simulator.register("20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K", false);
		OnTheSimulator.switchOn(api, tenant, provider);
	}

	@Test
	void theRegistrysTitleAndStatusOfACourseAreShownOnceAsked() {
		String reference = newReference();
		simulator.listCourse(reference, "Workplace Safety and Health (Level 2)", "Active");
		String course = course(reference);
		api.get(registry(course)).bearer(ops).send().expectProblem(404, "not-found");

		JsonNode listing = api.post(registry(course)).bearer(ops).send().expect(200).json();

		assertThat(listing.get("course_reference").asString()).isEqualTo(reference);
		assertThat(listing.get("found").asBoolean()).isTrue();
		assertThat(listing.get("title").asString()).isEqualTo("Workplace Safety and Health (Level 2)");
		assertThat(listing.get("status").asString()).isEqualTo("Active");
		assertThat(listing.get("publishable").asBoolean()).isTrue();
		assertThat(api.get(registry(course)).bearer(ops).send().expect(200).json()).isEqualTo(listing);
		api.post(registry(course)).bearer(tenant.addUser("TRAINER").token()).send().expectProblem(403, "forbidden");
	}

	@Test
	void aRegistryThatDoesNotAnswerIsReportedAsTheGatewayBeingUnavailable() {
		String course = course(newReference());
		simulator.failNext(provider.uen(), 3, 503);

		api.post(registry(course)).bearer(ops).send().expectProblem(502, "gateway-unavailable");
		api.get(registry(course)).bearer(ops).send().expectProblem(404, "not-found");
	}

	@Test
	void aRunOfACourseTheRegistryDoesNotListIsRefusedAndNothingIsQueued() {
		String reference = newReference();
		simulator.delistCourse(reference);
		String course = course(reference);

		api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(run("PUBLISHED"))
			.send()
			.expectProblem(422, "course-not-in-registry");

		assertThat(
				api.get("/api/v1/runs?course_id=" + course).bearer(ops).send().expect(200).json().get("total").asLong())
			.isZero();
		assertThat(api.get("/api/v1/jobs?target=TPGATEWAY").bearer(ops).send().expect(200).json().get("total").asLong())
			.isZero();
		// the refused change kept nothing, not even the registry's answer
		api.get(registry(course)).bearer(ops).send().expectProblem(404, "not-found");
	}

	@Test
	void aDraftOfAnInactiveCourseIsKeptButCannotBePublished() {
		String reference = newReference();
		simulator.listCourse(reference, "Retired course", "Inactive");
		String course = course(reference);
		String run = api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(run("DRAFT"))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();

		JsonNode refused = api.patch("/api/v1/runs/" + run)
			.bearer(ops)
			.json(Map.of("status", "PUBLISHED"))
			.send()
			.expectProblem(422, "course-not-active");

		assertThat(refused.get("detail").asString()).contains(reference, "Inactive");
		assertThat(api.get("/api/v1/runs/" + run).bearer(ops).send().expect(200).json().at("/run/status").asString())
			.isEqualTo("DRAFT");

		simulator.listCourse(reference, "Retired course", "Active");
		api.post(registry(course)).bearer(ops).send().expect(200);
		api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("status", "PUBLISHED")).send().expect(200);
	}

	@Test
	void aRunOfACourseWithoutAnSsgReferenceIsRefusedWhileTheGatewayIsOn() {
		String course = api.post("/api/v1/courses")
			.bearer(ops)
			.json(Map.of("code", Api.unique("NOREF"), "title", "In-house course", "modules",
					List.of(Map.of("code", "M1", "title", "Basics", "hours", 4))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();

		JsonNode refused = api.post("/api/v1/courses/" + course + "/runs")
			.bearer(ops)
			.json(run("PUBLISHED"))
			.send()
			.expectProblem(422, "run-incomplete-for-gateway");
		assertThat(refused.at("/errors/0/field").asString()).isEqualTo("ssg_course_ref");
		api.post(registry(course)).bearer(ops).send().expectProblem(422, "course-reference-missing");
	}

	private static String newReference() {
		return "TGS-20" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
	}

	private static String registry(String course) {
		return "/api/v1/gateway/courses/" + course + "/registry";
	}

	private String course(String reference) {
		return api.post("/api/v1/courses")
			.bearer(ops)
			.json(Map.of("code", Api.unique("REG"), "title", "Registered course", "ssg_course_ref", reference,
					"modules", List.of(Map.of("code", "M1", "title", "Hazards", "hours", 4))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	private static Map<String, Object> run(String status) {
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date", start.toString(),
				"end_date", start.plusDays(1).toString(), "registration_opens", start.minusDays(20).toString(),
				"registration_closes", start.minusDays(1).toString(), "capacity", 20, "mode_of_training", "1", "status",
				status, "venue", "112 Robinson Road"));
		body.put("course_admin_email", "admin@provider.test");
		body.put("venue_postal_code", "068902");
		return body;
	}

}
