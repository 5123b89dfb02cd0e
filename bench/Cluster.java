import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load and the invariants of bench/cluster.sh.
 *
 * <pre>
 * java Cluster.java setup BASE STATE_FILE                 tenant, OPS user, course, hot runs, learners
 * java Cluster.java load BASE STATE_FILE SECONDS CLIENTS LABEL   enrolment races + logins; appends acknowledged ids
 * java Cluster.java check BASE STATE_FILE JDBC_URL         invariants from the database, exit 1 if one fails
 * </pre>
 *
 * Acknowledged means answered 201 to the client: every such enrolment must be in the database.
 */
public class Cluster {

	static final String PASSWORD = "bench-kestrel-4417-run";

	static final int RUNS = 6;

	static final int CAPACITY = 40;

	static final int LEARNERS = 400;

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static String base;

	public static void main(String[] args) throws Exception {
		base = args[1];
		Path state = Path.of(args[2]);
		switch (args[0]) {
			case "setup" -> setup(state);
			case "load" -> load(state, Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
			case "check" -> System.exit(check(state, args[3]) ? 0 : 1);
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	// ---- setup ----

	static void setup(Path state) throws Exception {
		String platform = field(send("POST", "/api/v1/auth/login", null,
				"{\"email\":\"bench@cohort.local\",\"password\":\"" + PASSWORD + "\"}").body(), "access_token");
		String slug = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
		send("POST", "/api/v1/platform/tenants", platform, "{\"slug\":\"" + slug
				+ "\",\"name\":\"Cluster\",\"uen\":\"201912345K\",\"admin_email\":\"admin@cluster.test\",\"admin_password\":\""
				+ PASSWORD + "\"}");
		String admin = login(slug, "admin@cluster.test");
		send("POST", "/api/v1/users", admin, "{\"email\":\"ops@cluster.test\",\"display_name\":\"Ops\",\"password\":\""
				+ PASSWORD + "\",\"roles\":[\"OPS\"]}");
		String ops = login(slug, "ops@cluster.test");
		String course = field(send("POST", "/api/v1/courses", ops,
				"{\"code\":\"C1\",\"title\":\"Cluster\",\"modules\":[{\"code\":\"M1\",\"title\":\"M\",\"hours\":8}]}").body(),
				"id");
		List<String> lines = new ArrayList<>();
		lines.add("slug " + slug);
		lines.add("course " + course);
		for (int i = 0; i < LEARNERS; i++) {
			lines.add("learner " + field(send("POST", "/api/v1/learners", ops, "{\"full_name\":\"Learner " + i
					+ "\",\"email\":\"l" + i + "@cluster.test\",\"id_type\":\"SP\",\"national_id\":\"" + nric(2_000_000 + i)
					+ "\"}").body(), "id"));
		}
		Files.write(state, lines);
		System.out.println("setup: tenant " + slug + ", " + LEARNERS + " learners; each load races into " + RUNS
				+ " fresh runs of " + CAPACITY + " seats");
	}

	/** Fresh hot runs for one load phase. */
	static List<String> hotRuns(String ops, String course, String label) throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		List<String> runs = new ArrayList<>();
		for (int r = 0; r < RUNS; r++) {
			runs.add(field(send("POST", "/api/v1/courses/" + course + "/runs", ops, "{\"reference\":\"HOT-"
					+ label.replaceAll("[^A-Za-z0-9]", "") + "-" + r + "\",\"start_date\":\"" + today.plusDays(7)
					+ "\",\"end_date\":\"" + today.plusDays(30) + "\",\"registration_opens\":\"" + today.minusDays(1)
					+ "\",\"registration_closes\":\"" + today.plusDays(6) + "\",\"capacity\":" + CAPACITY
					+ ",\"mode_of_training\":\"1\",\"status\":\"PUBLISHED\"}").body(), "id"));
		}
		return runs;
	}

	// ---- load ----

	static void load(Path state, int seconds, int clients, String label) throws Exception {
		List<String> lines = Files.readAllLines(state);
		String slug = value(lines, "slug").get(0);
		List<String> learners = value(lines, "learner");
		String ops = login(slug, "ops@cluster.test");
		List<String> runs = hotRuns(ops, value(lines, "course").get(0), label);
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger logins = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			int client = c;
			Thread thread = new Thread(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				int n = 0;
				while (System.nanoTime() < end) {
					n++;
					long t0 = System.nanoTime();
					try {
						if (n % 10 == 0) { // every tenth request a login
							login(slug, "ops@cluster.test");
							logins.incrementAndGet();
						}
						else {
							String learner = learners.get(random.nextInt(learners.size()));
							String run = runs.get(random.nextInt(runs.size()));
							HttpResponse<String> answer = request("POST", "/api/v1/enrollments", ops,
									"{\"learner_id\":\"" + learner + "\",\"class_run_id\":\"" + run + "\"}");
							if (answer.statusCode() == 201) {
								acknowledged.add(field(answer.body(), "id"));
							}
							else if (answer.statusCode() == 409) {
								refused.incrementAndGet();
							}
							else {
								failed.incrementAndGet();
							}
						}
						latencies.add(System.nanoTime() - t0);
					}
					catch (Exception ex) {
						failed.incrementAndGet(); // an instance or the database is down: not acknowledged
						pause();
					}
				}
			}, "client-" + client);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double wall = (System.nanoTime() - start) / 1e9;
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		Files.write(state, acknowledged.stream().map(id -> "acknowledged " + id).toList(),
				java.nio.file.StandardOpenOption.APPEND);
		System.out.printf(Locale.ROOT,
				"%s: %d requests in %.0f s = %.0f req/s, p50 %.1f ms, p99 %.1f ms; %d enrolments acknowledged, %d refused (full or already enrolled), %d logins, %d failed (instance or database down)%n",
				label, sorted.size(), wall, sorted.size() / wall, percentile(sorted, 0.50), percentile(sorted, 0.99),
				acknowledged.size(), refused.get(), logins.get(), failed.get());
	}

	static void pause() {
		try {
			Thread.sleep(100); // a client backing off from a refused connection
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static double percentile(List<Long> sorted, double p) {
		return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
	}

	// ---- invariants ----

	static boolean check(Path state, String jdbcUrl) throws Exception {
		List<String> lines = Files.readAllLines(state);
		String slug = value(lines, "slug").get(0);
		List<String> acknowledged = value(lines, "acknowledged");
		boolean ok = true;
		try (Connection db = DriverManager.getConnection(jdbcUrl, System.getenv("PGUSER"), null);
				Statement sql = db.createStatement()) {
			String tenant = one(sql, "SELECT id FROM tenant WHERE slug = '" + slug + "'");
			long over = Long.parseLong(one(sql, """
					SELECT count(*) FROM class_run r
					WHERE r.tenant_id = '%s' AND ((SELECT count(*) FROM enrolment e WHERE e.run_id = r.id AND e.status = 'CONFIRMED') > r.capacity
					   OR (SELECT count(*) FROM enrolment e WHERE e.run_id = r.id AND e.status = 'CONFIRMED') <> r.seats_taken)"""
				.formatted(tenant)));
			ok &= line("over-enrolments (runs over capacity or seats_taken off)", over, 0);
			Files.write(Path.of(state + ".ids"), acknowledged);
			sql.execute("CREATE TEMP TABLE acked (id uuid)");
			for (int i = 0; i < acknowledged.size(); i += 500) {
				sql.execute("INSERT INTO acked VALUES " + String.join(",", acknowledged
					.subList(i, Math.min(acknowledged.size(), i + 500)).stream().map(id -> "('" + id + "')").toList()));
			}
			long lost = acknowledged.isEmpty() ? 0
					: Long.parseLong(one(sql, "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.id = a.id)"));
			System.out.println("acknowledged enrolments: " + acknowledged.size());
			ok &= line("lost writes", lost, 0);
			long duplicates = Long.parseLong(one(sql, """
					SELECT count(*) FROM (SELECT run_id, learner_id FROM enrolment WHERE tenant_id = '%s'
					  AND status IN ('CONFIRMED', 'WAITLISTED') GROUP BY run_id, learner_id HAVING count(*) > 1) d"""
				.formatted(tenant)));
			ok &= line("duplicate enrolments", duplicates, 0);
			long stuck = Long.parseLong(one(sql, "SELECT count(*) FROM sync_job WHERE status = 'RUNNING' AND lease_until < now()"));
			ok &= line("jobs stuck RUNNING past their lease", stuck, 0);
			long passes = Long.parseLong(one(sql, "SELECT count(*) FROM periodic_pass"));
			System.out.println("periodic passes recorded once across instances: " + passes);
			long sessions = Long.parseLong(one(sql, "SELECT count(*) FROM spring_session"));
			System.out.println("web sessions in the database: " + sessions);
		}
		int wrong = 0;
		int throttled = 0;
		for (int i = 0; i < 15; i++) { // one guesser through nginx, spread over the instances
			int status = request("POST", "/api/v1/auth/login", null, "{\"tenant\":\"" + slug
					+ "\",\"email\":\"guess@cluster.test\",\"password\":\"wrong-" + i + "\"}").statusCode();
			wrong += status == 401 ? 1 : 0;
			throttled += status == 429 ? 1 : 0;
		}
		System.out.println("throttling across instances: 15 wrong logins through nginx, " + wrong + " refused, "
				+ throttled + " throttled (429)");
		ok &= line("wrong logins never throttled", throttled > 0 ? 0 : 1, 0);
		String admin = login(slug, "admin@cluster.test");
		// facts are chained after commit (ADR 25), within about a second: wait up to 10 s for the tail
		String verify = send("GET", "/api/v1/audit/verify", admin, null).body();
		for (int i = 0; i < 20 && !verify.contains("\"unsealed\":0,"); i++) {
			Thread.sleep(500);
			verify = send("GET", "/api/v1/audit/verify", admin, null).body();
		}
		boolean intact = verify.contains("\"intact\":true");
		System.out.println("audit chain: " + verify);
		ok &= line("audit chain broken", intact ? 0 : 1, 0);
		ok &= line("audit facts still unsealed after 10 s", verify.contains("\"unsealed\":0,") ? 0 : 1, 0);
		System.out.println(ok ? "invariants: all hold" : "invariants: FAILED");
		return ok;
	}

	static boolean line(String name, long value, long expected) {
		System.out.println(name + ": " + value + (value == expected ? "" : "   <-- FAILED, expected " + expected));
		return value == expected;
	}

	static String one(Statement sql, String query) throws Exception {
		try (ResultSet rs = sql.executeQuery(query)) {
			rs.next();
			return rs.getString(1);
		}
	}

	// ---- HTTP ----

	static String login(String slug, String email) throws Exception {
		return field(send("POST", "/api/v1/auth/login", null,
				"{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").body(),
				"access_token");
	}

	static HttpResponse<String> send(String method, String path, String bearer, String json) throws Exception {
		HttpResponse<String> response = request(method, path, bearer, json);
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
		}
		return response;
	}

	static HttpResponse<String> request(String method, String path, String bearer, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	static List<String> value(List<String> lines, String key) {
		return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).toList();
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

}
