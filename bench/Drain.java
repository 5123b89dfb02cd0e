import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbound job drain against the in-app TPGateway simulator, beside the bare SKIP LOCKED dequeue
 * floor. Run through bench/drain.sh, which starts the packaged application once per worker count on one
 * embedded PostgreSQL and calls this once per start:
 *
 * <pre>
 *   Drain app &lt;base&gt; &lt;jdbc&gt; &lt;pid&gt; &lt;workers&gt; &lt;jobs&gt; [backlog]   one start of the application
 *   Drain floor &lt;jdbc&gt; &lt;threads&gt; &lt;jobs&gt;                        the floor, same statements, no HTTP
 * </pre>
 *
 * The application part makes a tenant on a provider of its own at the simulator, a run of 20 sessions
 * with 500 enrolled learners (whose enrolments it lets sync), then writes attendance upload jobs for
 * them straight into the queue in one transaction (as the application would write them; the write side
 * is not what is measured) and, after an untimed warm-up drain of {@value #WARM_UP}, times the
 * application's workers draining them, from the jobs' commit to the last one's finish. With {@code backlog} it
 * then measures an authenticated API call and the heap after a full GC with no backlog, with 100,000 jobs
 * queued but not yet due (the backlog's own cost), and with those jobs due and draining (the drain's).
 */
public class Drain {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static final int LEARNERS = 500;

	static final int SESSIONS = 20;

	static final int BACKLOG = 100_000;

	static final int WARM_UP = 5_000;

	static final int API_CALLS = 2_000;

	static String base;

	static String jdbcUrl;

	public static void main(String[] args) throws Exception {
		if (args[0].equals("floor")) {
			jdbcUrl = args[1];
			floor(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			return;
		}
		base = args[1];
		jdbcUrl = args[2];
		long pid = Long.parseLong(args[3]);
		int workers = Integer.parseInt(args[4]);
		int jobs = Integer.parseInt(args[5]);
		boolean backlog = args.length > 6 && args[6].equals("backlog");

		Tenant tenant = setUp();
		UUID tenantId = tenant.id;
		// the run and its enrolments sync first (the uploads wait for them)
		awaitDrained(tenantId, Duration.ofMinutes(5));

		insertUploads(tenantId, WARM_UP, 0); // untimed: the same path compiled by the JIT before it is timed
		awaitDrained(tenantId, Duration.ofMinutes(10));
		long cpu0 = cpuTicks(pid);
		Instant written = insertUploads(tenantId, jobs, 1);
		awaitDrained(tenantId, Duration.ofMinutes(10));
		long cpu1 = cpuTicks(pid);
		System.out.printf(Locale.ROOT, "cpu    app %.3f ms per job%n", (cpu1 - cpu0) * 10.0 / jobs);
		double seconds = Duration.between(written, lastFinished(tenantId, "bench:1:%")).toNanos() / 1e9;
		check(count(tenantId, "status = 'SUCCEEDED' AND idempotency_key LIKE 'bench:1:%'") == jobs,
				"every upload succeeded (" + count(tenantId, "status = 'DEAD'") + " dead)");
		System.out.printf(Locale.ROOT, "drain  %d worker(s): %,d attendance uploads in %.1f s = %,.0f jobs/s%n", workers,
				jobs, seconds, jobs / seconds);

		if (backlog) {
			// three states, workers running in all: no backlog; 100,000 jobs queued but due in an hour (what
			// the backlog itself costs the API and the heap); the same jobs due and draining (what the drain costs)
			Latency idle = api(tenant);
			long heapIdle = heapAfterGc(pid);
			long b0 = System.nanoTime();
			insertUploads(tenantId, BACKLOG, 2, 3600);
			long inserted = System.nanoTime();
			Latency waiting = api(tenant);
			long heapWaiting = heapAfterGc(pid);
			long before = count(tenantId, "status = 'SUCCEEDED'");
			makeDue(tenantId);
			long due = System.nanoTime();
			Latency busy = api(tenant);
			long heapBusy = heapAfterGc(pid);
			double window = (System.nanoTime() - due) / 1e9;
			long drained = count(tenantId, "status = 'SUCCEEDED'") - before;
			long open = count(tenantId, "status IN ('PENDING', 'RUNNING', 'RETRYING')");
			System.out.printf(Locale.ROOT, "api    GET /api/v1/me x %d (4 clients), no backlog:                     p50 %5.1f ms  p99 %5.1f ms%n",
					API_CALLS, idle.p50, idle.p99);
			System.out.printf(Locale.ROOT, "api    GET /api/v1/me x %d (4 clients), %,d jobs queued, not yet due: p50 %5.1f ms  p99 %5.1f ms%n",
					API_CALLS, BACKLOG, waiting.p50, waiting.p99);
			System.out.printf(Locale.ROOT, "api    GET /api/v1/me x %d (4 clients), %,d jobs queued and draining: p50 %5.1f ms  p99 %5.1f ms%n",
					API_CALLS, BACKLOG, busy.p50, busy.p99);
			System.out.printf(Locale.ROOT, "heap   used after full GC: no backlog %d MB; %,d queued, not yet due %d MB; draining %d MB (%,d jobs still open)%n",
					heapIdle >> 20, BACKLOG, heapWaiting >> 20, heapBusy >> 20, open);
			System.out.printf(Locale.ROOT, "drain  %d worker(s) with %,d jobs queued: %,d done in %.1f s = %,.0f jobs/s (writing the backlog took %.1f s)%n",
					workers, BACKLOG, drained, window, drained / window, (inserted - b0) / 1e9);
			try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
					PreparedStatement cancel = c.prepareStatement(
							"UPDATE sync_job SET status = 'CANCELLED' WHERE tenant_id = ? AND status IN ('PENDING', 'RETRYING')")) {
				cancel.setObject(1, tenantId); // the next start's workers would otherwise drain the rest first
				cancel.executeUpdate();
			}
		}
	}

	// ---- the application: a tenant, its gateway at the simulator, a run, learners, enrolments ----

	record Tenant(UUID id, String ops) {
	}

	static Tenant setUp() throws Exception {
		String platform = field(send("POST", "/api/v1/auth/login", null,
				"{\"email\":\"bench@cohort.local\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String slug = "drain-" + UUID.randomUUID().toString().substring(0, 8);
		String uen = "20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "D";
		send("POST", "/api/v1/platform/tenants", platform, "{\"slug\":\"" + slug
				+ "\",\"name\":\"Drain\",\"uen\":\"" + uen + "\",\"admin_email\":\"admin@drain.test\",\"admin_password\":\"bench-kestrel-4417-run\"}");
		String admin = field(send("POST", "/api/v1/auth/login", null, "{\"tenant\":\"" + slug
				+ "\",\"email\":\"admin@drain.test\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String key = field(send("POST", "/simulators/tpgateway/" + uen + "/portal/credentials", null, null),
				"encryption_key");
		send("PUT", "/api/v1/settings/gateway", admin, "{\"enabled\":true,\"base_url\":\"" + base
				+ "/simulators/tpgateway/" + uen + "\",\"uen\":\"" + uen + "\",\"encryption_key\":\"" + key
				+ "\",\"auth_mode\":\"NONE\"}");
		send("POST", "/api/v1/users", admin,
				"{\"email\":\"ops@drain.test\",\"display_name\":\"Ops\",\"password\":\"bench-kestrel-4417-run\",\"roles\":[\"OPS\"]}");
		String ops = field(send("POST", "/api/v1/auth/login", null, "{\"tenant\":\"" + slug
				+ "\",\"email\":\"ops@drain.test\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		UUID tenantId = UUID.fromString(field(send("GET", "/api/v1/me", ops, null).replaceFirst(".*\"tenant\":", ""), "id"));
		String course = field(send("POST", "/api/v1/courses", ops,
				"{\"code\":\"D1\",\"title\":\"Drain\",\"ssg_course_ref\":\"TGS-2020002096\",\"modules\":[{\"code\":\"M1\",\"title\":\"M\",\"hours\":8}]}"),
				"id");
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		String run = field(send("POST", "/api/v1/courses/" + course + "/runs", ops, "{\"reference\":\"DRAIN\",\"start_date\":\""
				+ start + "\",\"end_date\":\"" + start.plusDays(1) + "\",\"registration_opens\":\"" + start.minusDays(20)
				+ "\",\"registration_closes\":\"" + start.minusDays(1) + "\",\"capacity\":" + LEARNERS
				+ ",\"mode_of_training\":\"1\",\"status\":\"DRAFT\",\"venue\":\"112 Robinson Road\",\"venue_postal_code\":\"068902\",\"course_admin_email\":\"admin@drain.test\"}"),
				"id");
		for (int s = 0; s < SESSIONS; s++) {
			send("POST", "/api/v1/runs/" + run + "/sessions", ops, "{\"date\":\"" + start.plusDays(s / 10) + "\",\"start_time\":\""
					+ String.format("%02d:00", 8 + s % 10) + "\",\"end_time\":\"" + String.format("%02d:45", 8 + s % 10) + "\"}");
		}
		send("PATCH", "/api/v1/runs/" + run, ops, "{\"status\":\"PUBLISHED\"}");
		parallel(LEARNERS, 4, i -> {
			String learner = field(send("POST", "/api/v1/learners", ops, "{\"full_name\":\"Learner " + i
					+ "\",\"email\":\"l" + i + "@drain.test\",\"phone\":\"+65 9123 4567\",\"date_of_birth\":\"1990-01-31\",\"id_type\":\"SP\",\"national_id\":\""
					+ nric(2_000_000 + i) + "\"}"), "id");
			return send("POST", "/api/v1/enrollments", ops,
					"{\"learner_id\":\"" + learner + "\",\"class_run_id\":\"" + run + "\",\"fee_collection_status\":\"FULL\"}");
		});
		return new Tenant(tenantId, ops);
	}

	/**
	 * Writes {@code jobs} due attendance uploads of the tenant's enrolled learners over the run's
	 * sessions, shaped as the application writes them, in one transaction.
	 */
	static Instant insertUploads(UUID tenant, int jobs, int batch) throws Exception {
		return insertUploads(tenant, jobs, batch, 0);
	}

	/** As above, due {@code dueInSeconds} from now. */
	static Instant insertUploads(UUID tenant, int jobs, int batch, int dueInSeconds) throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
				PreparedStatement insert = c.prepareStatement("""
						INSERT INTO sync_job (id, tenant_id, target, operation, entity_type, entity_id, idempotency_key, payload,
						    status, attempts, next_attempt_at, waits_for, run_id, created_at, updated_at)
						SELECT gen_random_uuid(), x.tenant_id, 'TPGATEWAY', 'UPLOAD_ATTENDANCE', 'attendance', x.aid,
						    'bench:' || ? || ':' || x.aid, json_build_object('attendance_id', x.aid,
						        'learner_id', x.payload::json ->> 'learner_id', 'course_reference_number', 'TGS-2020002096',
						        'session_date', x.session_date, 'start_time', to_char(x.start_time, 'HH24:MI'), 'hours', 0.75)::text,
						    'PENDING', 0, now() + ? * interval '1 second', x.id, x.run_id, now(), now()
						FROM (SELECT gen_random_uuid() AS aid, e.id, e.tenant_id, e.run_id, e.payload, s.session_date, s.start_time
						      FROM sync_job e JOIN class_session s ON s.run_id = e.run_id CROSS JOIN generate_series(1, ?)
						      WHERE e.tenant_id = ? AND e.operation = 'CREATE_ENROLMENT' LIMIT ?) x""")) {
			insert.setInt(1, batch);
			insert.setInt(2, dueInSeconds);
			insert.setInt(3, (jobs + LEARNERS * SESSIONS - 1) / (LEARNERS * SESSIONS));
			insert.setObject(4, tenant);
			insert.setInt(5, jobs);
			check(insert.executeUpdate() == jobs, "wrote " + jobs + " jobs");
			return now(c);
		}
	}

	/** The database's clock: the drain is timed from the jobs' commit to the last one's finish, both by it. */
	static Instant now(Connection c) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
			rs.next();
			return rs.getTimestamp(1).toInstant();
		}
	}

	static Instant lastFinished(UUID tenant, String keys) throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
				PreparedStatement q = c.prepareStatement(
						"SELECT max(finished_at) FROM sync_job WHERE tenant_id = ? AND idempotency_key LIKE ?")) {
			q.setObject(1, tenant);
			q.setString(2, keys);
			try (ResultSet rs = q.executeQuery()) {
				rs.next();
				return rs.getTimestamp(1).toInstant();
			}
		}
	}

	/** Makes the tenant's waiting jobs due now. */
	static void makeDue(UUID tenant) throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
				PreparedStatement due = c.prepareStatement(
						"UPDATE sync_job SET next_attempt_at = now() WHERE tenant_id = ? AND status = 'PENDING'")) {
			due.setObject(1, tenant);
			due.executeUpdate();
		}
	}

	static void awaitDrained(UUID tenant, Duration atMost) throws Exception {
		Instant until = Instant.now().plus(atMost);
		while (count(tenant, "status IN ('PENDING', 'RUNNING', 'RETRYING')") > 0) {
			check(Instant.now().isBefore(until), "drained within " + atMost);
			Thread.sleep(500); // seldom: the drain is timed by the jobs' own finish times, not by this poll
		}
		check(count(tenant, "status = 'DEAD'") == 0, "no job dead: " + lastError(tenant));
	}

	static long count(UUID tenant, String condition) throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
				PreparedStatement q = c.prepareStatement("SELECT count(*) FROM sync_job WHERE tenant_id = ? AND " + condition)) {
			q.setObject(1, tenant);
			try (ResultSet rs = q.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	static String lastError(UUID tenant) throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
				PreparedStatement q = c.prepareStatement("SELECT last_error FROM sync_job WHERE tenant_id = ? AND status = 'DEAD' LIMIT 1")) {
			q.setObject(1, tenant);
			try (ResultSet rs = q.executeQuery()) {
				return rs.next() ? rs.getString(1) : "";
			}
		}
	}

	record Latency(double p50, double p99) {
	}

	/** {@value #API_CALLS} calls of GET /api/v1/me from 4 clients (after 200 not counted). */
	static Latency api(Tenant tenant) throws Exception {
		for (int i = 0; i < 200; i++) {
			send("GET", "/api/v1/me", tenant.ops, null);
		}
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		parallel(API_CALLS, 4, i -> {
			long t0 = System.nanoTime();
			send("GET", "/api/v1/me", tenant.ops, null);
			latencies.add(System.nanoTime() - t0);
			return "";
		});
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return new Latency(sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6);
	}

	/** Heap in use right after a full collection, as jcmd reports it. */
	static long cpuTicks(long pid) throws Exception {
		String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(f[11]) + Long.parseLong(f[12]);
	}

	static long heapAfterGc(long pid) throws Exception {
		run("jcmd", Long.toString(pid), "GC.run");
		String info = run("jcmd", Long.toString(pid), "GC.heap_info");
		Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
		check(m.find(), "heap info: " + info);
		return Long.parseLong(m.group(1)) << 10;
	}

	static String run(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		p.waitFor();
		return out;
	}

	// ---- the floor: the workers' claim and finish statements over plain JDBC, no HTTP, no audit ----

	static final String CLAIM = """
			WITH expired AS (
			    SELECT j.id FROM bench.sync_job j
			    WHERE j.status = 'RUNNING' AND j.lease_until < ?
			    ORDER BY j.lease_until
			    LIMIT ?
			    FOR UPDATE SKIP LOCKED),
			due AS (
			    SELECT j.id FROM bench.sync_job j
			    WHERE j.status IN ('PENDING', 'RETRYING') AND j.next_attempt_at <= ?
			      AND (j.waits_for IS NULL
			           OR EXISTS (SELECT 1 FROM bench.sync_job w WHERE w.id = j.waits_for AND w.status = 'SUCCEEDED'))
			    ORDER BY j.next_attempt_at
			    LIMIT ?
			    FOR UPDATE SKIP LOCKED)
			UPDATE bench.sync_job SET status = 'RUNNING', attempts = attempts + 1, lease_until = ?, leased_by = ?,
			    updated_at = ?
			WHERE id IN (SELECT id FROM expired UNION ALL SELECT id FROM due LIMIT ?)
			RETURNING *""";

	static final String FINISH = """
			UPDATE bench.sync_job SET status = ?, last_error = ?,
			    gateway_reference = coalesce(?, gateway_reference), next_attempt_at = ?,
			    lease_until = NULL, leased_by = NULL, updated_at = ?,
			    finished_at = CASE WHEN ? IN ('SUCCEEDED', 'DEAD') THEN CAST(? AS TIMESTAMPTZ) END
			WHERE id = ? AND status = 'RUNNING' AND leased_by = ?""";

	/** {@code threads} loops claiming 10 jobs (one transaction) and finishing each (one transaction each). */
	static void floor(int threads, int jobs) throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
			s.execute("CREATE SCHEMA IF NOT EXISTS bench");
			s.execute("DROP TABLE IF EXISTS bench.sync_job");
			s.execute("CREATE TABLE bench.sync_job (LIKE public.sync_job INCLUDING ALL)");
			s.execute("ALTER TABLE bench.sync_job ADD FOREIGN KEY (waits_for) REFERENCES bench.sync_job (id)");
			s.execute("""
					INSERT INTO bench.sync_job (id, tenant_id, target, operation, entity_type, entity_id, idempotency_key,
					    payload, status, attempts, next_attempt_at, created_at, updated_at)
					SELECT '00000000-0000-0000-0000-000000000001', id, 'TPGATEWAY', 'CREATE_ENROLMENT', 'enrolment',
					    gen_random_uuid(), 'floor:parent', '{}', 'SUCCEEDED', 1, now(), now(), now() FROM tenant LIMIT 1""");
			s.execute("""
					INSERT INTO bench.sync_job (id, tenant_id, target, operation, entity_type, entity_id, idempotency_key,
					    payload, status, attempts, next_attempt_at, waits_for, created_at, updated_at)
					SELECT gen_random_uuid(), p.tenant_id, 'TPGATEWAY', 'UPLOAD_ATTENDANCE', 'attendance', gen_random_uuid(),
					    'floor:' || i, '{"learner_id":"x","session_date":"2026-12-07","start_time":"08:00","hours":0.75}',
					    'PENDING', 0, now(), p.id, now(), now()
					FROM bench.sync_job p CROSS JOIN generate_series(1, %d) AS i""".formatted(jobs));
			s.execute("ANALYZE bench.sync_job");
		}
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> futures = new ArrayList<>();
		long t0 = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			String worker = "floor-" + t;
			futures.add(pool.submit(() -> {
				try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
						PreparedStatement claim = c.prepareStatement(CLAIM);
						PreparedStatement finish = c.prepareStatement(FINISH)) {
					while (true) {
						Timestamp now = Timestamp.from(Instant.now());
						c.setAutoCommit(false);
						claim.setTimestamp(1, now);
						claim.setInt(2, 10);
						claim.setTimestamp(3, now);
						claim.setInt(4, 10);
						claim.setTimestamp(5, Timestamp.from(Instant.now().plusSeconds(120)));
						claim.setString(6, worker);
						claim.setTimestamp(7, now);
						claim.setInt(8, 10);
						List<UUID> claimed = new ArrayList<>();
						try (ResultSet rs = claim.executeQuery()) {
							while (rs.next()) {
								claimed.add(rs.getObject("id", UUID.class));
							}
						}
						c.commit();
						if (claimed.isEmpty()) {
							return null;
						}
						for (UUID id : claimed) {
							Timestamp end = Timestamp.from(Instant.now());
							finish.setString(1, "SUCCEEDED");
							finish.setString(2, null);
							finish.setString(3, null);
							finish.setTimestamp(4, end);
							finish.setTimestamp(5, end);
							finish.setString(6, "SUCCEEDED");
							finish.setTimestamp(7, end);
							finish.setObject(8, id);
							finish.setString(9, worker);
							check(finish.executeUpdate() == 1, "finished " + id);
							c.commit();
							done.incrementAndGet();
						}
					}
				}
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - t0) / 1e9;
		check(done.get() == jobs, "floor finished " + done.get() + " of " + jobs);
		System.out.printf(Locale.ROOT, "floor  %d thread(s): %,d claim-and-finish in %.1f s = %,.0f jobs/s (SKIP LOCKED, no HTTP)%n",
				threads, jobs, seconds, jobs / seconds);
	}

	// ---- plumbing ----

	static String send(String method, String path, String bearer, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (json != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	interface Step<T> {
		T call(int i) throws Exception;
	}

	static <T> List<T> parallel(int count, int threads, Step<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int n = i;
			futures.add(pool.submit((Callable<T>) () -> task.call(n)));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> f : futures) {
			results.add(f.get());
		}
		pool.shutdown();
		return results;
	}

	static String nric(int n) {
		String digits = String.format("%07d", n % 10_000_000);
		int[] w = { 2, 7, 6, 5, 4, 3, 2 };
		int sum = 0;
		for (int i = 0; i < 7; i++) {
			sum += (digits.charAt(i) - '0') * w[i];
		}
		return "S" + digits + "JZIHGFEDCBA".charAt(sum % 11);
	}

	static void check(boolean ok, String message) {
		if (!ok) {
			throw new IllegalStateException("invariant broken: " + message);
		}
	}

}
