package io.cohort.gateway;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.testing.Api;
import io.cohort.testing.Nrics;
import io.cohort.testing.TestTenant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant of its own on a provider of its own at the simulator, and the records that
 * give it gateway jobs: runs with one session each, learners enrolled, attendance marked.
 * Built through the API (four clients at once), so the application writes the jobs as it
 * does for real changes.
 */
final class GatewayBacklog {

	private static final int CLIENTS = 4;

	final Api api;

	final TestTenant tenant;

	final String ops;

	final SimulatedProvider provider;

	private final String course;

	/** A run and its sessions. */
	record Run(String id, List<String> sessions) {
	}

	/**
	 * A tenant whose gateway is the simulator, waiting {@code timeoutMs} for each answer,
	 * with the installation's retry policy.
	 */
	GatewayBacklog(Api api, TpGatewaySimulator simulator, int timeoutMs) {
		this.api = api;
		this.tenant = api.newTenant();
		this.ops = tenant.addUser("OPS").token();
		this.provider = simulator.register("20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K",
				false);
		Map<String, Object> settings = new HashMap<>(Map.of("enabled", true, "base_url",
				api.base() + "/simulators/tpgateway/" + provider.uen(), "uen", provider.uen(), "encryption_key",
				provider.encryptionKey(), "auth_mode", "NONE", "timeout_ms", timeoutMs));
		api.request("PUT", "/api/v1/settings/gateway").bearer(tenant.adminToken()).json(settings).send().expect(200);
		this.course = api.post("/api/v1/courses")
			.bearer(ops)
			.json(Map.of("code", Api.unique("WSH"), "title", "Workplace Safety", "ssg_course_ref", "TGS-2020002096",
					"modules", List.of(Map.of("code", "M1", "title", "Hazards", "hours", 4))))
			.send()
			.expect(201)
			.json()
			.get("id")
			.asString();
	}

	/**
	 * Published runs of this capacity, each with {@code sessions} one-hour sessions on
	 * its first day: one PUBLISH_RUN job each.
	 */
	List<Run> runs(int count, int capacity, int sessions) {
		List<Run> runs = new ArrayList<>();
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		for (int i = 0; i < count; i++) {
			Map<String, Object> body = new HashMap<>(Map.of("reference", Api.unique("R"), "start_date",
					start.toString(), "end_date", start.plusDays(1).toString(), "registration_opens",
					start.minusDays(20).toString(), "registration_closes", start.minusDays(1).toString(), "capacity",
					capacity, "mode_of_training", "1", "status", "DRAFT", "venue", "112 Robinson Road"));
			body.put("course_admin_email", "admin@provider.test");
			body.put("venue_postal_code", "068902");
			String run = api.post("/api/v1/courses/" + course + "/runs")
				.bearer(ops)
				.json(body)
				.send()
				.expect(201)
				.json()
				.get("id")
				.asString();
			List<String> sessionIds = new ArrayList<>();
			for (int s = 0; s < sessions; s++) {
				sessionIds.add(api.post("/api/v1/runs/" + run + "/sessions")
					.bearer(ops)
					.json(Map.of("date", start.toString(), "start_time", String.format("%02d:00", 8 + s), "end_time",
							String.format("%02d:00", 9 + s)))
					.send()
					.expect(201)
					.json()
					.get("id")
					.asString());
			}
			api.patch("/api/v1/runs/" + run).bearer(ops).json(Map.of("status", "PUBLISHED")).send().expect(200);
			runs.add(new Run(run, sessionIds));
		}
		return runs;
	}

	/**
	 * Enrols {@code learners} new learners into the run (a CREATE_ENROLMENT job each)
	 * and, with {@code attendance}, marks them all present at each of its sessions (an
	 * UPLOAD_ATTENDANCE job each).
	 */
	void enrol(Run run, int learners, boolean attendance) {
		List<String> enrolments = parallel(learners, i -> {
			String learner = api.post("/api/v1/learners")
				.bearer(ops)
				.json(Map.of("full_name", "Learner " + i, "email", Api.unique("l") + "@example.com", "phone",
						"+65 9123 4567", "id_type", "SP", "national_id", Nrics.next(), "date_of_birth", "1990-01-31"))
				.send()
				.expect(201)
				.json()
				.get("id")
				.asString();
			return api.post("/api/v1/enrollments")
				.bearer(ops)
				.json(Map.of("learner_id", learner, "class_run_id", run.id(), "fee_collection_status", "FULL"))
				.send()
				.expect(201)
				.json()
				.get("id")
				.asString();
		});
		if (attendance) {
			for (String session : run.sessions()) {
				api.post("/api/v1/attendance/mark-bulk")
					.bearer(ops)
					.json(Map.of("session_id", session, "records",
							enrolments.stream().map(e -> Map.of("enrollment_id", e, "status", "PRESENT")).toList()))
					.send()
					.expect(200);
			}
		}
	}

	/** The tenant's jobs per status. */
	Map<String, Long> statuses(JdbcClient jdbc) {
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("SELECT status, count(*) AS n FROM sync_job WHERE tenant_id = :t GROUP BY status")
			.param("t", tenant.id())
			.query(rs -> {
				counts.put(rs.getString("status"), rs.getLong("n"));
			});
		return counts;
	}

	/** How many of the tenant's jobs have not finished. */
	long open(JdbcClient jdbc) {
		return jdbc
			.sql("SELECT count(*) FROM sync_job WHERE tenant_id = :t AND status IN ('PENDING', 'RETRYING', 'RUNNING')")
			.param("t", tenant.id())
			.query(Long.class)
			.single();
	}

	UUID tenantId() {
		return tenant.id();
	}

	private interface Step {

		String call(int i) throws Exception;

	}

	private static List<String> parallel(int count, Step step) {
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				futures.add(pool.submit(() -> step.call(n)));
			}
			List<String> results = new ArrayList<>();
			for (Future<String> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
