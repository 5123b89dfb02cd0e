import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analytics benchmark: a run's dashboard query through the API beside the bare SQL floor of the same query,
 * at a million feature rows across 200 tenants, idle and while the tenant's model is retrained and its runs
 * rescored off the request path. Run through bench/analytics.sh.
 */
public class AnalyticsBench {

	static final int TENANTS = 200;

	static final int RUNS = 50;

	static final int LEARNERS = 100;

	static final int REQUESTS = Integer.getInteger("requests", 300);

	static final int WARMUP = Integer.getInteger("warmup", 100);

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static final String DASHBOARD = """
			SELECT r.*, e.full_name FROM raw_data r
			JOIN mooc_enrollment e ON e.tenant_id = r.tenant_id AND e.user_id = r.user_id AND e.course_id = r.course_id
			WHERE r.tenant_id = ? AND r.run_id = ?
			ORDER BY r.dropout_risk_score DESC, r.user_id""";

	static String base;

	public static void main(String[] args) throws Exception {
		base = args[0];
		String jdbcUrl = args[1];
		System.out.printf(Locale.ROOT, "Cohort analytics benchmark, %s, %d cores, app -Xmx512m%n",
				java.time.OffsetDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors());
		String platform = field(send("POST", "/api/v1/auth/login", null,
				"{\"email\":\"bench@cohort.local\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String slug = "an-" + UUID.randomUUID().toString().substring(0, 8);
		send("POST", "/api/v1/platform/tenants", platform, "{\"slug\":\"" + slug
				+ "\",\"name\":\"Analytics bench\",\"uen\":\"201912345K\",\"admin_email\":\"admin@an.test\",\"admin_password\":\"bench-kestrel-4417-run\"}");
		String admin = field(send("POST", "/api/v1/auth/login", null, "{\"tenant\":\"" + slug
				+ "\",\"email\":\"admin@an.test\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String course = field(send("POST", "/api/v1/courses", admin,
				"{\"code\":\"AN-1\",\"title\":\"Analytics bench\",\"modules\":[{\"code\":\"M1\",\"title\":\"One\",\"hours\":3}]}"),
				"id");
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Singapore")).plusDays(1);
		List<UUID> runs = new ArrayList<>();
		for (int r = 0; r < RUNS; r++) {
			UUID run = UUID.fromString(field(send("POST", "/api/v1/courses/" + course + "/runs", admin,
					"{\"reference\":\"AN-R" + r + "\",\"start_date\":\"" + today + "\",\"end_date\":\"" + today.plusDays(30)
							+ "\",\"registration_opens\":\"" + today + "\",\"registration_closes\":\"" + today.plusDays(1)
							+ "\",\"capacity\":100,\"mode_of_training\":\"1\",\"status\":\"DRAFT\"}"),
					"id"));
			send("PUT", "/api/v1/analytics/runs/" + run + "/course", admin,
					"{\"mooc_course_id\":\"" + courseId(r) + "\"}");
			runs.add(run);
		}
		try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
			UUID tenant;
			try (PreparedStatement find = db.prepareStatement("SELECT id FROM tenant WHERE slug = ?")) {
				find.setString(1, slug);
				try (ResultSet rs = find.executeQuery()) {
					rs.next();
					tenant = rs.getObject(1, UUID.class);
				}
			}
			long t0 = System.nanoTime();
			generate(db, tenant, runs);
			System.out.printf(Locale.ROOT, "generated %,d raw_data rows and their MOOC enrolments across %d tenants in %.1f s%n%n",
					(long) TENANTS * RUNS * LEARNERS, TENANTS, (System.nanoTime() - t0) / 1e9);

			UUID run = runs.get(0);
			for (int i = 0; i < WARMUP; i++) {
				api(run, admin);
				floor(db, tenant, run);
			}
			double[] api = new double[REQUESTS];
			double[] sql = new double[REQUESTS];
			for (int i = 0; i < REQUESTS; i++) {
				api[i] = api(run, admin);
				sql[i] = floor(db, tenant, run);
			}
			System.out.printf(Locale.ROOT, "%-44s %9s %9s%n", "a run's dashboard (100 learners)", "p50 ms", "p99 ms");
			line("API  GET /api/v1/analytics/runs/{id}/learners", api);
			line("SQL floor (same query, plain JDBC)", sql);
			System.out.printf(Locale.ROOT, "API minus floor: p50 %+.1f ms, p99 %+.1f ms (target: within 20 ms)%n%n",
					pct(api, 50) - pct(sql, 50), pct(api, 99) - pct(sql, 99));

			// a full retrain and rescoring of the tenant's runs on another thread, while the dashboard is read
			AtomicBoolean done = new AtomicBoolean();
			long[] took = new long[1];
			Thread retrain = new Thread(() -> {
				try {
					long s = System.nanoTime();
					send("POST", "/api/v1/analytics/model/train", admin, null);
					took[0] = System.nanoTime() - s;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					done.set(true);
				}
			});
			retrain.start();
			List<Double> during = new ArrayList<>();
			while (!done.get()) {
				during.add(api(run, admin));
			}
			retrain.join();
			double[] busy = during.stream().mapToDouble(Double::doubleValue).toArray();
			System.out.printf(Locale.ROOT, "retrain + rescoring of %d runs (%,d rows): %.1f s; dashboard meanwhile, %d requests:%n",
					RUNS, RUNS * LEARNERS, took[0] / 1e9, busy.length);
			line("API while recomputing", busy);
			System.out.printf(Locale.ROOT, "p99 while recomputing minus idle p99: %+.1f ms%n", pct(busy, 99) - pct(api, 99));
		}
	}

	static String courseId(int run) {
		return "course-v1:Bench+R" + run + "+2026";
	}

	/** 199 more tenants, then 200 × 50 runs × 100 learners of feature rows and MOOC enrolments. */
	static void generate(Connection db, UUID tenant, List<UUID> runs) throws Exception {
		try (Statement s = db.createStatement()) {
			s.execute("""
					INSERT INTO tenant (id, slug, name, uen)
					SELECT md5('analytics-bench-' || g)::uuid, 'anb-' || g || '-' || substr(md5(random()::text), 1, 6),
					       'Analytics bench ' || g, '201912345K'
					FROM generate_series(1, %d) g""".formatted(TENANTS - 1));
			s.execute("CREATE TEMP TABLE bench_tenant AS SELECT id FROM tenant WHERE slug LIKE 'anb-%%' UNION ALL SELECT '%s'::uuid"
				.formatted(tenant));
			StringBuilder ids = new StringBuilder();
			for (int r = 0; r < runs.size(); r++) {
				ids.append(r == 0 ? "" : ",").append("('").append(runs.get(r)).append("'::uuid,").append(r).append(')');
			}
			s.execute("CREATE TEMP TABLE bench_run (id UUID, n INT)");
			s.execute("INSERT INTO bench_run VALUES " + ids);
			String rows = """
					FROM bench_tenant t CROSS JOIN generate_series(0, %d) r CROSS JOIN generate_series(1, %d) u
					LEFT JOIN bench_run b ON t.id = '%s'::uuid AND b.n = r""".formatted(RUNS - 1, LEARNERS, tenant);
			s.execute("""
					INSERT INTO mooc_enrollment (tenant_id, course_id, user_id, username, email, full_name, enrollment_id,
					    mode, is_active, created)
					SELECT t.id, 'course-v1:Bench+R' || r || '+2026', r * 1000 + u, 'user' || u, 'user' || u || '@mooc.example',
					       'User ' || u, r * 1000 + u, 'audit', true, now() - interval '20 days'
					""" + rows);
			s.execute("""
					INSERT INTO raw_data (tenant_id, user_id, course_id, run_id, enrollment_date, mooc_grade_percentage,
					    mooc_is_passed, progress_percent, mooc_completion_rate, h5p_total_contents, h5p_overall_percentage,
					    video_total_videos, video_watched_percent, discussion_total_interactions, days_since_activity,
					    is_dropout, dropout_risk_score, risk_reasons, model_version, inputs_digest, computed_at)
					SELECT t.id, r * 1000 + u, 'course-v1:Bench+R' || r || '+2026',
					       coalesce(b.id, md5(t.id::text || r)::uuid), now() - interval '20 days',
					       round((random() * 100)::numeric, 2), random() < 0.7, round((random() * 100)::numeric, 2),
					       round(random()::numeric, 4), 8, round((random() * 100)::numeric, 2), 6,
					       round((random() * 100)::numeric, 2), (random() * 30)::int, (random() * 20)::int,
					       CASE WHEN r < 25 THEN random() < 0.3 END, round(random()::numeric, 4),
					       '[{"feature":"days_since_activity","text":"no activity for 9 days","weight":0.35}]',
					       'baseline-1', md5(t.id::text || r || u), now()
					""" + rows);
			s.execute("ANALYZE");
		}
	}

	static double api(UUID run, String token) throws Exception {
		long t0 = System.nanoTime();
		String body = send("GET", "/api/v1/analytics/runs/" + run + "/learners", token, null);
		long t1 = System.nanoTime();
		if (!body.contains("\"mooc_user_id\"")) {
			throw new IllegalStateException("no learners: " + body.substring(0, Math.min(300, body.length())));
		}
		return (t1 - t0) / 1e6;
	}

	static double floor(Connection db, UUID tenant, UUID run) throws Exception {
		long t0 = System.nanoTime();
		int n = 0;
		try (PreparedStatement q = db.prepareStatement(DASHBOARD)) {
			q.setObject(1, tenant);
			q.setObject(2, run);
			try (ResultSet rs = q.executeQuery()) {
				int columns = rs.getMetaData().getColumnCount();
				while (rs.next()) {
					for (int c = 1; c <= columns; c++) {
						rs.getObject(c);
					}
					n++;
				}
			}
		}
		if (n != LEARNERS) {
			throw new IllegalStateException("floor: " + n + " rows");
		}
		return (System.nanoTime() - t0) / 1e6;
	}

	static void line(String what, double[] ms) {
		System.out.printf(Locale.ROOT, "%-44s %9.1f %9.1f%n", what, pct(ms, 50), pct(ms, 99));
	}

	static double pct(double[] values, int p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}

	static String send(String method, String path, String bearer, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

}
