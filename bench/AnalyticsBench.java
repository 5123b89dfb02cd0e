import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The analytics benchmark: first the ingestion of a simulated course (rows written per second beside a plain COPY
 * of the same rows into the same tables); then a run's dashboard query through the API beside the bare SQL floor
 * of the same query, at a million feature rows across 200 tenants, idle and while the tenant's model is retrained
 * and its runs rescored off the request path. Run through bench/analytics.sh.
 */
public class AnalyticsBench {

	static final int TENANTS = 200;

	static final int RUNS = 50;

	static final int LEARNERS = 100;

	static final int REQUESTS = Integer.getInteger("requests", 300);

	static final int WARMUP = Integer.getInteger("warmup", 100);

	/** Rounds of the dashboard read alone, then while the model is retrained and the runs rescored. */
	static final int RECOMPUTE_ROUNDS = Integer.getInteger("recomputeRounds", 8);

	static final HttpClient HTTP = HttpClient.newHttpClient();

	/** Users of the simulated course that the ingestion reads. */
	static final int INGEST_LEARNERS = Integer.getInteger("ingestLearners", 5_000);

	/** The MOOC exports' page size during the ingestion (the most the settings take). */
	static final int INGEST_PAGE = Integer.getInteger("ingestPage", 1_000);

	/** The simulated source's round trip in milliseconds (0: it answers at once, in the same JVM). */
	static final int INGEST_LATENCY_MS = Integer.getInteger("ingestLatencyMs", 0);

	/** Only the ingestion part, not the million-row dashboard part. */
	static final boolean INGESTION_ONLY = Boolean.getBoolean("ingestionOnly");

	/** The tables an ingestion writes: details, summaries, feature rows and their history. */
	static final List<String> INGESTED = List.of("mooc_enrollment", "mooc_grades", "mooc_progress",
			"mooc_discussions", "h5p_scores", "h5p_scores_summary", "video_progress", "video_progress_summary",
			"dashboard_summary", "raw_data", "raw_data_history");

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
		try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
			ingestion(db, tenantId(db, slug), admin, course, today);
		}
		if (INGESTION_ONLY) {
			return;
		}
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
			UUID tenant = tenantId(db, slug);
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

			// the first scoring: the model trained on the generated labels, every row rewritten from its sources and the
			// learners at risk of the runs under way raised; then rounds of full recomputation, each a new model version
			// and so every row rewritten, while the dashboard is read, each round after the same loop alone
			long first = System.nanoTime();
			send("POST", "/api/v1/analytics/model/train", admin, null);
			awaitRescored(db, tenant);
			System.out.printf(Locale.ROOT, "first scoring (%,d rows rewritten from their sources, %,d learners raised): %.1f s%n",
					rewritten(db, tenant, Instant.EPOCH), raised(db, tenant), (System.nanoTime() - first) / 1e9);
			List<Double> idle = new ArrayList<>();
			List<Double> during = new ArrayList<>();
			long window = 5_000_000_000L;
			for (int round = 1; round <= RECOMPUTE_ROUNDS; round++) {
				List<Double> alone = new ArrayList<>();
				long until = System.nanoTime() + window;
				while (System.nanoTime() < until) {
					alone.add(api(run, admin));
				}
				Instant start = Instant.now();
				AtomicBoolean done = new AtomicBoolean();
				long[] took = new long[1];
				Thread retrain = new Thread(() -> {
					try (Connection own = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
						long s = System.nanoTime();
						send("POST", "/api/v1/analytics/model/train", admin, null);
						awaitRescored(own, tenant);
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
				List<Double> busy = new ArrayList<>();
				while (!done.get()) {
					busy.add(api(run, admin));
				}
				retrain.join();
				window = Math.max(took[0], 1_000_000_000L);
				idle.addAll(alone);
				during.addAll(busy);
				System.out.printf(Locale.ROOT,
						"round %d: retrain and rescoring, %,d rows rewritten, %.1f s; dashboard p50/p99 alone %.1f/%.1f ms (%d requests), meanwhile %.1f/%.1f ms (%d)%n",
						round, rewritten(db, tenant, start), took[0] / 1e9, pct(array(alone), 50), pct(array(alone), 99),
						alone.size(), pct(array(busy), 50), pct(array(busy), 99), busy.size());
			}
			System.out.printf(Locale.ROOT, "%-44s %9s %9s%n", "the dashboard over all rounds", "p50 ms", "p99 ms");
			line("API alone, the same loop (" + idle.size() + " requests)", array(idle));
			line("API while recomputing (" + during.size() + " requests)", array(during));
			System.out.printf(Locale.ROOT, "p99 while recomputing minus p99 alone: %+.1f ms%n",
					pct(array(during), 99) - pct(array(idle), 99));
		}
	}

	static double[] array(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/**
	 * Waits until the rescoring that follows the tenant's latest training (in the background) is done, looking at
	 * the database every 10 ms, not through the API being measured.
	 */
	static void awaitRescored(Connection db, UUID tenant) throws Exception {
		while (one(db, Long.class, """
				SELECT count(*) FROM (SELECT rescored_at FROM analytics_model WHERE tenant_id = ?
				                      ORDER BY trained_at DESC LIMIT 1) latest
				WHERE rescored_at IS NOT NULL""", tenant) == 0) {
			Thread.sleep(10);
		}
	}

	/** The tenant's feature rows computed since the instant. */
	static long rewritten(Connection db, UUID tenant, Instant since) throws Exception {
		return one(db, Long.class, "SELECT count(*) FROM raw_data WHERE tenant_id = ? AND computed_at >= ?", tenant,
				java.sql.Timestamp.from(since));
	}

	static long raised(Connection db, UUID tenant) throws Exception {
		return one(db, Long.class, "SELECT count(*) FROM analytics_risk_raised WHERE tenant_id = ?", tenant);
	}

	static UUID tenantId(Connection db, String slug) throws Exception {
		return one(db, UUID.class, "SELECT id FROM tenant WHERE slug = ?", slug);
	}

	/** The first column of the query's one row. */
	static <T> T one(Connection db, Class<T> type, String sql, Object... params) throws Exception {
		try (PreparedStatement q = db.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				q.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = q.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("no row: " + sql);
				}
				return rs.getObject(1, type);
			}
		}
	}

	/**
	 * A simulated course of INGEST_LEARNERS users (set up over the simulator's HTTP face), a run linked to it, and
	 * POST /api/v1/analytics/runs/{id}/ingest timed to completion: rows written per second. Then the floor: the same
	 * rows, as the ingestion left them (under another course id, without the serial ids), written into the same
	 * tables by one plain COPY per table, in one transaction.
	 */
	static void ingestion(Connection db, UUID tenant, String admin, String course, LocalDate start) throws Exception {
		String site = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		String token = field(send("POST", "/simulators/analytics/" + site, null, "{\"latency_ms\":" + INGEST_LATENCY_MS + "}"),
				"token");
		String mooc = "course-v1:Bench+Ingest+2026";
		send("POST", "/simulators/analytics/" + site + "/courses", token,
				"{\"course_id\":\"" + mooc + "\",\"learners\":" + INGEST_LEARNERS + ",\"seed\":2026}");
		String source = base + "/simulators/analytics/" + site;
		send("PUT", "/api/v1/settings/analytics", admin, "{\"mooc_base_url\":\"" + source + "/mooc\",\"mooc_token\":\""
				+ token + "\",\"h5p_base_url\":\"" + source + "/h5p\",\"h5p_token\":\"" + token + "\",\"page_size\":"
				+ INGEST_PAGE + "}");
		UUID run = UUID.fromString(field(send("POST", "/api/v1/courses/" + course + "/runs", admin,
				"{\"reference\":\"AN-INGEST\",\"start_date\":\"" + start + "\",\"end_date\":\"" + start.plusDays(30)
						+ "\",\"registration_opens\":\"" + start + "\",\"registration_closes\":\"" + start.plusDays(1)
						+ "\",\"capacity\":100,\"mode_of_training\":\"1\",\"status\":\"DRAFT\"}"),
				"id"));
		send("PUT", "/api/v1/analytics/runs/" + run + "/course", admin, "{\"mooc_course_id\":\"" + mooc + "\"}");
		System.out.printf(Locale.ROOT, "load average before the ingestion: %s%n", loadAverage());

		long t0 = System.nanoTime();
		String state = send("POST", "/api/v1/analytics/runs/" + run + "/ingest", admin, null);
		double ingest = (System.nanoTime() - t0) / 1e9;
		if (!"DONE".equals(field(state, "state"))) {
			throw new IllegalStateException("the ingestion ended " + state);
		}
		long rows = 0;
		StringBuilder perTable = new StringBuilder();
		for (String table : INGESTED) {
			long n = count(db, table, tenant, mooc);
			rows += n;
			perTable.append(perTable.isEmpty() ? "" : ", ").append(table).append(' ').append(n);
		}

		// the floor: the same rows under another course id, one COPY per table, one transaction
		String floorCourse = mooc + "-floor";
		CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
		List<byte[]> dumps = new ArrayList<>();
		List<String> columns = new ArrayList<>();
		for (String table : INGESTED) {
			List<String> names = columns(db, table);
			String select = String.join(", ", names.stream()
				.map(c -> c.equals("course_id") ? "'" + floorCourse + "'::text AS course_id" : c)
				.toList());
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			copy.copyOut("COPY (SELECT " + select + " FROM " + table + " WHERE tenant_id = '" + tenant
					+ "' AND course_id = '" + mooc + "') TO STDOUT", out);
			dumps.add(out.toByteArray());
			columns.add(String.join(", ", names));
		}
		db.setAutoCommit(false);
		long c0 = System.nanoTime();
		long copied = 0;
		for (int i = 0; i < INGESTED.size(); i++) {
			copied += copy.copyIn("COPY " + INGESTED.get(i) + " (" + columns.get(i) + ") FROM STDIN",
					new ByteArrayInputStream(dumps.get(i)));
		}
		db.commit();
		double floor = (System.nanoTime() - c0) / 1e9;
		for (String table : INGESTED) {
			try (Statement s = db.createStatement()) {
				s.executeUpdate("DELETE FROM " + table + " WHERE tenant_id = '" + tenant + "' AND course_id = '"
						+ floorCourse + "'");
			}
		}
		db.commit();
		db.setAutoCommit(true);
		if (copied != rows) {
			throw new IllegalStateException("COPY wrote " + copied + " rows, the ingestion " + rows);
		}

		System.out.printf(Locale.ROOT,
				"ingestion of a simulated course of %,d users (MOOC pages of %d; H5P: 3 calls a user; each answer after %d ms)%n",
				INGEST_LEARNERS, INGEST_PAGE, INGEST_LATENCY_MS);
		System.out.printf(Locale.ROOT, "  rows written: %,d (%s)%n", rows, perTable);
		System.out.printf(Locale.ROOT, "%-44s %9s %11s%n", "", "seconds", "rows/s");
		System.out.printf(Locale.ROOT, "%-44s %9.1f %,11.0f%n", "POST /api/v1/analytics/runs/{id}/ingest", ingest,
				rows / ingest);
		System.out.printf(Locale.ROOT, "%-44s %9.2f %,11.0f%n", "COPY floor (same rows, same tables)", floor,
				rows / floor);
		System.out.printf(Locale.ROOT, "ingestion at %.1f%% of the COPY floor's rate; load average after: %s%n%n",
				100 * floor / ingest, loadAverage());
	}

	static long count(Connection db, String table, UUID tenant, String course) throws Exception {
		return one(db, Long.class, "SELECT count(*) FROM " + table + " WHERE tenant_id = ? AND course_id = ?", tenant,
				course);
	}

	/** The table's columns in order, without its serial id (the database assigns it, as for the application). */
	static List<String> columns(Connection db, String table) throws Exception {
		List<String> names = new ArrayList<>();
		try (PreparedStatement q = db.prepareStatement("SELECT column_name FROM information_schema.columns "
				+ "WHERE table_schema = 'public' AND table_name = ? AND column_name <> 'id' ORDER BY ordinal_position")) {
			q.setString(1, table);
			try (ResultSet rs = q.executeQuery()) {
				while (rs.next()) {
					names.add(rs.getString(1));
				}
			}
		}
		return names;
	}

	static String loadAverage() {
		try {
			String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (Exception ex) {
			return "unknown";
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
					       CASE WHEN r >= %d THEN random() < 0.3 END, round(random()::numeric, 4),
					       '[{"feature":"days_since_activity","text":"no activity for 9 days","weight":0.35}]',
					       'baseline-1', md5(t.id::text || r || u), now()
					""".formatted(RUNS / 2) + rows);
			// the bench tenant's runs get sources with a dropout signal: progress and inactivity drive it, through a
			// logistic curve so that the model beats the baseline's thresholds; its second half of runs is finished, a
			// dropout there being a MOOC user no longer active
			s.execute("""
					CREATE TEMP TABLE bench_user AS
					SELECT b.n AS r, e.user_id, e.course_id, p, d,
					       random() < 1 / (1 + exp(0.06 * (p - 40) - 0.15 * (d - 10))) AS dropout
					FROM mooc_enrollment e JOIN bench_run b ON e.course_id = 'course-v1:Bench+R' || b.n || '+2026'
					CROSS JOIN LATERAL (SELECT round((random() * 100)::numeric, 2) AS p, (random() * 20)::int AS d
					                    WHERE e.user_id IS NOT NULL) x
					WHERE e.tenant_id = '%s'::uuid""".formatted(tenant));
			s.execute("""
					INSERT INTO mooc_progress (tenant_id, user_id, course_id, total_blocks, completed_blocks, progress_percent,
					    completion_rate, last_activity, fetched_at)
					SELECT '%s'::uuid, user_id, course_id, 100, p::int, p, round(p / 100, 4), now() - d * interval '1 day', now()
					FROM bench_user""".formatted(tenant));
			s.execute("""
					UPDATE mooc_enrollment e SET is_active = NOT u.dropout FROM bench_user u
					WHERE e.tenant_id = '%s'::uuid AND e.user_id = u.user_id AND e.course_id = u.course_id
					  AND u.r >= %d""".formatted(tenant, RUNS / 2));
			s.execute("UPDATE class_run SET status = 'COMPLETED' WHERE id IN (SELECT id FROM bench_run WHERE n >= %d)"
				.formatted(RUNS / 2));
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
