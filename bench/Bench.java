import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cohort's benchmarks against the bare SQL floor. Run through bench/run.sh, which starts the packaged
 * application with -Xmx512m on its embedded PostgreSQL and passes its URL and the database's.
 */
public class Bench {

	static final int CLIENTS = 200;

	static final int CAPACITY = 50;

	static final int POOL = 20; // the application's connection pool size, given to the floor too

	static final int ROUNDS = Integer.getInteger("rounds", 10);

	/** Warm-up rounds at least, and at most: it goes on until the JIT has settled (see {@link #settled}). */
	static final int WARMUP = Integer.getInteger("warmup", 10);

	static final int WARMUP_MAX = Integer.getInteger("warmupMax", 100);

	static final String PHASES = System.getProperty("phases");

	static final int SHEET = 500;

	static final int SHEETS = Integer.getInteger("sheets", 20);

	static String base;

	static String jdbcUrl;

	static String token;

	static long appPid;

	/**
	 * CPU seconds used so far by the application's JVM, all PostgreSQL processes, this load generator and,
	 * of the application's, its JIT compiler threads (from /proc).
	 */
	static double[] cpu() throws Exception {
		double app = 0;
		double db = 0;
		double self = 0;
		double jit = 0;
		long me = ProcessHandle.current().pid();
		for (java.io.File proc : java.util.Objects.requireNonNull(new java.io.File("/proc").listFiles())) {
			if (!proc.getName().matches("\\d+")) {
				continue;
			}
			Stat stat = Stat.of(proc);
			if (stat == null) {
				continue;
			}
			if (Long.parseLong(proc.getName()) == appPid) {
				app += stat.seconds();
				jit += compilerSeconds(proc);
			}
			else if (Long.parseLong(proc.getName()) == me) {
				self += stat.seconds();
			}
			else if (stat.name().startsWith("postgres")) {
				db += stat.seconds();
			}
		}
		return new double[] { app, db, self, jit };
	}

	/** CPU seconds of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"). */
	static double compilerSeconds(java.io.File proc) {
		double seconds = 0;
		java.io.File[] tasks = proc.toPath().resolve("task").toFile().listFiles();
		for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
			Stat stat = Stat.of(task);
			if (stat != null && stat.name().contains("CompilerThre")) {
				seconds += stat.seconds();
			}
		}
		return seconds;
	}

	/** A process's or thread's name and CPU seconds so far (user + system), from its /proc stat file. */
	record Stat(String name, double seconds) {

		static final double TICKS_PER_SECOND = 100;

		/** The stat of /proc/PID or /proc/PID/task/TID, or null once it has ended. */
		static Stat of(java.io.File dir) {
			try {
				String stat = java.nio.file.Files.readString(dir.toPath().resolve("stat"));
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return new Stat(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
			}
			catch (java.io.IOException | RuntimeException ex) {
				return null;
			}
		}

	}

	/**
	 * Whether the application's JIT has settled: its compiler threads took under 5% of the application's
	 * CPU over the last warm-up round. Before that, measured requests would run partly in interpreted and
	 * profiling code and pay for compiling the rest, which a server in service long since has not.
	 */
	static boolean settled(double[] before, double[] after) {
		double app = after[0] - before[0];
		double jit = after[3] - before[3];
		return app > 0 && jit < 0.05 * app;
	}

	static void addCpu(double[] sum, double[] before, double[] after) {
		for (int i = 0; i < sum.length; i++) {
			sum[i] += after[i] - before[i];
		}
	}

	static void cpuPerRequest(String scenario, double[] before, double[] after, long requests) {
		System.out.printf(Locale.ROOT,
				"  %-32s app %.2f (of which JIT %.2f), PostgreSQL %.2f, load generator %.2f ms CPU/request%n", scenario,
				(after[0] - before[0]) * 1000 / requests, (after[3] - before[3]) * 1000 / requests,
				(after[1] - before[1]) * 1000 / requests, (after[2] - before[2]) * 1000 / requests);
	}

	/** ANALYZE of the whole database, as the superuser. */
	static void analyze() throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
			s.execute("ANALYZE");
		}
	}

	public static void main(String[] args) throws Exception {
		base = args[0];
		URI uri = URI.create(base);
		Wire.host = uri.getHost();
		Wire.port = uri.getPort();
		jdbcUrl = args[1];
		appPid = Long.parseLong(args[2]);
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		System.out.printf(Locale.ROOT, "Cohort benchmarks, %s, %d cores, %d clients, app -Xmx512m, pool %d%n",
				java.time.OffsetDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(), CLIENTS, POOL);

		String platform = field(send("POST", "/api/v1/auth/login", null,
				"{\"email\":\"bench@cohort.local\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		send("POST", "/api/v1/platform/tenants", platform, "{\"slug\":\"" + slug
				+ "\",\"name\":\"Bench\",\"uen\":\"201912345K\",\"admin_email\":\"admin@bench.test\",\"admin_password\":\"bench-kestrel-4417-run\"}");
		token = field(send("POST", "/api/v1/auth/login", null, "{\"tenant\":\"" + slug
				+ "\",\"email\":\"admin@bench.test\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String admin = token;
		send("POST", "/api/v1/users", admin, "{\"email\":\"ops@bench.test\",\"display_name\":\"Ops\",\"password\":\"bench-kestrel-4417-run\",\"roles\":[\"OPS\"]}");
		token = field(send("POST", "/api/v1/auth/login", null, "{\"tenant\":\"" + slug
				+ "\",\"email\":\"ops@bench.test\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String opsId = field(send("GET", "/api/v1/me", token, null), "id");
		String tenantId = field(send("GET", "/api/v1/me", token, null).replaceFirst(".*\"tenant\":", ""), "id");
		String course = field(send("POST", "/api/v1/courses", token,
				"{\"code\":\"B1\",\"title\":\"Bench\",\"modules\":[{\"code\":\"M1\",\"title\":\"M\",\"hours\":8}]}"), "id");
		List<String> learners = parallel(SHEET, 8, i -> {
			String nric = nric(1_000_000 + i);
			return field(send("POST", "/api/v1/learners", token, "{\"full_name\":\"Learner " + i
					+ "\",\"email\":\"l" + i + "@bench.test\",\"id_type\":\"SP\",\"national_id\":\"" + nric + "\"}"), "id");
		});

		try (Floor floor = new Floor(UUID.fromString(opsId), UUID.fromString(tenantId), UUID.fromString(course))) {

			// 0. warm-up (JIT, pools, caches): both races on both sides, not measured, until the JIT has settled
			int warmed = 0;
			boolean settled = false;
			for (; warmed < WARMUP_MAX && (warmed < WARMUP || !settled); warmed++) {
				int r = warmed;
				String one = run(course, today, "WARM-ONE-" + r, CAPACITY);
				List<String> runs = parallel(100, 4, i -> run(course, today, "WARM-" + r + "-" + i, CAPACITY));
				double[] w0 = cpu();
				race(CLIENTS, i -> enrol(learners.get(i), one), new Result());
				race(CLIENTS, i -> enrol(learners.get(i), runs.get(i % 100)), new Result());
				settled = settled(w0, cpu());
				UUID floorOne = UUID.fromString(run(course, today, "WARM-FLOOR-ONE-" + r, CAPACITY));
				List<String> floorRuns = parallel(100, 4, i -> run(course, today, "WARM-FLOOR-" + r + "-" + i, CAPACITY));
				floor.race(CLIENTS, i -> floor.enrol(floorOne, UUID.fromString(learners.get(i))), new Result());
				floor.race(CLIENTS, i -> floor.enrol(UUID.fromString(floorRuns.get(i % 100)), UUID.fromString(learners.get(i))),
						new Result());
				List<String> chainedRuns = parallel(100, 4, i -> run(course, today, "WARM-CHAINED-" + r + "-" + i, CAPACITY));
				floor.race(CLIENTS, i -> floor.enrolChained(UUID.fromString(chainedRuns.get(i % 100)),
						UUID.fromString(learners.get(i))), new Result());
			}
			System.out.printf(Locale.ROOT, "%d warm-up rounds of %d enrolments on each side; %s%n", warmed, 2 * CLIENTS,
					settled ? "the JIT settled" : "the JIT had not settled");
			System.out.println();
			System.out.printf(Locale.ROOT, "%-34s %10s %9s %9s %10s %9s %9s %7s%n", "scenario", "app req/s", "app p50",
					"app p99", "SQL req/s", "SQL p50", "SQL p99", "ratio");

			// statistics, as a database in service has them (autovacuum analyses within minutes): without
			// them both sides run on plans cached while the tables were nearly empty, the floor the more so
			analyze();

			// 1. one run of capacity 50, 200 clients at once
			double[] cpuApp1 = new double[4];
			double[] cpuApp2 = new double[4];
			double[] cpuSql1 = new double[4];
			double[] cpuSql2 = new double[4];
			Result app1 = new Result();
			Result sql1 = new Result();
			for (int round = 0; round < ROUNDS; round++) {
				String run = run(course, today, "ONE-" + round, CAPACITY);
				double[] c0 = cpu();
				Outcome outcome = race(CLIENTS, i -> enrol(learners.get(i), run), app1);
				double[] c1 = cpu();
				addCpu(cpuApp1, c0, c1);
				int seats = Integer.parseInt(field(send("GET", "/api/v1/runs/" + run, token, null), "seats_taken"));
				check(outcome.created == CAPACITY && seats == CAPACITY,
						"one run: " + outcome.created + " created, seats_taken " + seats + ", expected exactly " + CAPACITY);
				UUID floorRun = UUID.fromString(run(course, today, "ONE-FLOOR-" + round, CAPACITY));
				double[] f0 = cpu();
				int floorConfirmed = floor.race(CLIENTS, i -> floor.enrol(floorRun, UUID.fromString(learners.get(i))), sql1);
				addCpu(cpuSql1, f0, cpu());
				check(floorConfirmed == CAPACITY, "floor one run confirmed " + floorConfirmed);
			}
			print("enrol: 1 run x cap 50 (exactly 50)", app1, sql1);

			// 2. the same spread over 100 runs, against three floors: the statements as the application runs
			// them now (audit facts written unchained, sealed after commit; the learner's confirmation after
			// commit), the request's statements alone, and with the tenant's chain lock held through commit as
			// before GH-15
			Result app2 = new Result();
			Result sql2 = new Result();
			Result bare2 = new Result();
			Result chained2 = new Result();
			double[] cpuBare2 = new double[4];
			double[] cpuChained2 = new double[4];
			for (int round = 0; round < ROUNDS; round++) {
				int r = round;
				List<String> runs = parallel(100, 4, i -> run(course, today, "SPREAD-" + r + "-" + i, CAPACITY));
				double[] c0 = cpu();
				Outcome outcome = race(CLIENTS, i -> enrol(learners.get(i), runs.get(i % 100)), app2);
				double[] c1 = cpu();
				addCpu(cpuApp2, c0, c1);
				check(outcome.created == CLIENTS, "spread: " + outcome.created + " created of " + CLIENTS);
				spread(floor, floor::enrol, "SPREAD-FLOOR-" + r, course, today, learners, sql2, cpuSql2);
				spread(floor, floor::enrolRequestOnly, "SPREAD-BARE-" + r, course, today, learners, bare2, cpuBare2);
				spread(floor, floor::enrolChained, "SPREAD-CHAINED-" + r, course, today, learners, chained2, cpuChained2);
			}
			print("enrol: 100 runs x cap 50", app2, sql2);
			print("  the same, request-only floor", app2, bare2);
			print("  the same, floor with chain lock", app2, chained2);

			// 3. one request marks a 500-learner session
			String big = run(course, today, "SHEET", SHEET);
			List<String> enrolments = parallel(SHEET, 8, i -> field(enrol(learners.get(i), big), "id"));
			appSettled();
			Result app3 = new Result();
			Result sql3 = new Result();
			long floorSession = 0;
			for (int s = 0; s < SHEETS + 3; s++) {
				String session = field(send("POST", "/api/v1/runs/" + big + "/sessions", token,
						"{\"date\":\"" + today.plusDays(7 + s / 10) + "\",\"start_time\":\"" + String.format("%02d:00", 8 + s % 10)
								+ "\",\"end_time\":\"" + String.format("%02d:45", 8 + s % 10) + "\"}"), "id");
				StringBuilder sheet = new StringBuilder("{\"session_id\":\"" + session + "\",\"records\":[");
				for (int i = 0; i < SHEET; i++) {
					sheet.append(i == 0 ? "" : ",")
						.append("{\"enrollment_id\":\"")
						.append(enrolments.get(i))
						.append("\",\"status\":\"")
						.append(i % 7 == 0 ? "ABSENT" : "PRESENT")
						.append("\"}");
				}
				String body = sheet.append("]}").toString();
				boolean warmup = s < 3;
				long t0 = System.nanoTime();
				String answer = send("POST", "/api/v1/attendance/mark-bulk", token, body);
				long t1 = System.nanoTime();
				check(field(answer, "created").equals(String.valueOf(SHEET)), "sheet created " + field(answer, "created"));
				long session0 = floor.session();
				long t2 = System.nanoTime();
				floor.sheet(session0, UUID.fromString(session), UUID.fromString(big), SHEET);
				long t3 = System.nanoTime();
				if (!warmup) {
					app3.add(t1 - t0, 1);
					sql3.add(t3 - t2, 1);
				}
				floorSession = session0;
			}
			print("attendance: 500-learner sheet", app3, sql3);
			System.out.println();
			cpuPerRequest("enrol: 1 run, app", new double[4], cpuApp1, app1.requests);
			cpuPerRequest("enrol: 1 run, floor", new double[4], cpuSql1, sql1.requests);
			cpuPerRequest("enrol: 100 runs, app", new double[4], cpuApp2, app2.requests);
			cpuPerRequest("enrol: 100 runs, floor", new double[4], cpuSql2, sql2.requests);
			cpuPerRequest("enrol: 100 runs, request-only", new double[4], cpuBare2, bare2.requests);
			cpuPerRequest("enrol: 100 runs, chained floor", new double[4], cpuChained2, chained2.requests);
			System.out.println("ratio = app throughput / SQL throughput for enrolment; app p50 / SQL p50 for the sheet.");
			System.out.println("a race lasts until every answer is in and the side's after-commit work is done. the floors write");
			System.out.println("audit facts as the application does (unchained, sealed after commit) and, after commit on 8 threads,");
			System.out.println("the learner's confirmation as the application's notification listener and sender do; the");
			System.out.println("'request-only' floor leaves the confirmation out (the floor before notifications landed); the");
			System.out.println("'chain lock' floor appends to a scratch chain under the tenant's lock through commit, as before GH-15.");
			System.out.println("targets: enrolment ratio >= 0.5 (both, against the chain-free floors), sheet p50 <= 4x the floor's.");
			check(floorSession > 0, "floor sessions");
		}
	}

	// ---- application side ----

	/** The application's enrolment of a learner into a run, as OPS. */
	static String enrol(String learner, String run) throws Exception {
		return send("POST", "/api/v1/enrollments", token,
				"{\"learner_id\":\"" + learner + "\",\"class_run_id\":\"" + run + "\"}");
	}

	/** One of the floor's ways to enrol a learner into a run. */
	interface FloorEnrol {

		boolean enrol(UUID run, UUID learner) throws Exception;

	}

	/**
	 * A floor's race of CLIENTS enrolments spread over 100 fresh runs named after {@code prefix}: its CPU is added to
	 * {@code cpu}, and every enrolment must be confirmed.
	 */
	static void spread(Floor floor, FloorEnrol enrol, String prefix, String course, LocalDate today,
			List<String> learners, Result result, double[] cpu) throws Exception {
		List<String> runs = parallel(100, 4, i -> run(course, today, prefix + "-" + i, CAPACITY));
		double[] before = cpu();
		int confirmed = floor.race(CLIENTS,
				i -> enrol.enrol(UUID.fromString(runs.get(i % 100)), UUID.fromString(learners.get(i))), result);
		addCpu(cpu, before, cpu());
		check(confirmed == CLIENTS, prefix + ": " + confirmed + " confirmed of " + CLIENTS);
	}

	static String run(String course, LocalDate today, String reference, int capacity) throws Exception {
		return field(send("POST", "/api/v1/courses/" + course + "/runs", token, "{\"reference\":\"" + reference
				+ "\",\"start_date\":\"" + today.plusDays(7) + "\",\"end_date\":\"" + today.plusDays(30)
				+ "\",\"registration_opens\":\"" + today.minusDays(1) + "\",\"registration_closes\":\"" + today.plusDays(6)
				+ "\",\"capacity\":" + capacity + ",\"mode_of_training\":\"1\",\"status\":\"PUBLISHED\"}"), "id");
	}

	record Outcome(int created, int refused) {
	}

	interface Step {
		String call(int i) throws Exception;
	}

	/** What a side must finish after its answers before a race counts as done. */
	interface Settle {
		void await() throws Exception;
	}

	/**
	 * The application's side effects of its enrolments: the confirmations its notification listener
	 * writes after commit, on its own threads (done when no event publication waits for completion).
	 */
	static void appSettled() throws Exception {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
			for (int i = 0; i < 60_000; i++) {
				try (var rs = s.executeQuery("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")) {
					rs.next();
					if (rs.getLong(1) == 0) {
						return;
					}
				}
				Thread.sleep(1);
			}
			throw new IllegalStateException("the application's event publications did not complete in a minute");
		}
	}

	/** CLIENTS requests released together; records each latency and the wall time. */
	static Outcome race(int clients, Step step, Result result) throws Exception {
		return race(clients, step, result, Bench::appSettled);
	}

	/**
	 * CLIENTS requests released together; records each latency and the wall time until every answer is in
	 * and the side's after-commit work is done.
	 */
	static Outcome race(int clients, Step step, Result result, Settle settle) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		CountDownLatch go = new CountDownLatch(1);
		AtomicInteger created = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			int n = i;
			futures.add(pool.submit(() -> {
				go.await();
				long t0 = System.nanoTime();
				try {
					step.call(n);
					created.incrementAndGet();
				}
				catch (Refused ex) {
					refused.incrementAndGet();
				}
				latencies.add(System.nanoTime() - t0);
				return null;
			}));
		}
		long start = System.nanoTime();
		long startMillis = System.currentTimeMillis();
		go.countDown();
		for (Future<?> f : futures) {
			f.get();
		}
		settle.await();
		long wall = System.nanoTime() - start;
		if (PHASES != null) { // -Dphases=FILE: each race's wall-clock window, to cut a profile of the app to it
			java.nio.file.Files.writeString(java.nio.file.Path.of(PHASES), startMillis + " " + System.currentTimeMillis() + "\n",
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		}
		pool.shutdown();
		result.addRound(latencies, wall);
		return new Outcome(created.get(), refused.get());
	}

	static final class Refused extends RuntimeException {
		Refused(String message) {
			super(message, null, false, false);
		}
	}

	static String send(String method, String path, String bearer, String json) throws Exception {
		Wire.Response response = Wire.exchange(method, path, bearer, json);
		if (response.status() == 409) {
			throw new Refused(response.body());
		}
		if (response.status() >= 300) {
			throw new IllegalStateException(method + " " + path + " -> " + response.status() + " " + response.body());
		}
		return response.body();
	}

	/**
	 * A bare HTTP/1.1 client over kept-alive sockets, so that the load generator spends as little of the
	 * machine's two cores as the floor's JDBC callers do (java.net.http costs about as much CPU per request
	 * as the request itself). Knows just what Tomcat answers: a status line, headers, and a body given by
	 * Content-Length or chunked.
	 */
	static final class Wire {

		record Response(int status, String body) {
		}

		static final java.util.concurrent.ConcurrentLinkedQueue<Wire> IDLE = new java.util.concurrent.ConcurrentLinkedQueue<>();

		static String host;

		static int port;

		final java.net.Socket socket;

		final java.io.InputStream in;

		final java.io.OutputStream out;

		long lastUsed;

		Wire() throws java.io.IOException {
			socket = new java.net.Socket(host, port);
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(120_000);
			in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
			out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16384);
		}

		static Response exchange(String method, String path, String bearer, String json) throws Exception {
			Wire wire = IDLE.poll();
			// Tomcat closes connections idle for 20 s; leave those alone rather than race its close
			while (wire != null && System.nanoTime() - wire.lastUsed > 5_000_000_000L) {
				wire.socket.close();
				wire = IDLE.poll();
			}
			if (wire == null) {
				wire = new Wire();
			}
			byte[] body = json == null ? new byte[0] : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
				.append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
				.append("\r\nAccept: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
			if (json != null) {
				head.append("Content-Type: application/json\r\n");
			}
			if (bearer != null) {
				head.append("Authorization: Bearer ").append(bearer).append("\r\n");
			}
			head.append("\r\n");
			wire.out.write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			wire.out.write(body);
			wire.out.flush();
			String status = wire.line();
			int code = Integer.parseInt(status.substring(9, 12));
			int length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String line = wire.line(); !line.isEmpty(); line = wire.line()) {
				String lower = line.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Integer.parseInt(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(wire.line().split(";")[0].trim(), 16); size > 0;
						size = Integer.parseInt(wire.line().split(";")[0].trim(), 16)) {
					content.write(wire.in.readNBytes(size));
					wire.line();
				}
				wire.line();
			}
			else if (length > 0) {
				content.write(wire.in.readNBytes(length));
			}
			if (close) {
				wire.socket.close();
			}
			else {
				wire.lastUsed = System.nanoTime();
				IDLE.add(wire);
			}
			return new Response(code, content.toString(java.nio.charset.StandardCharsets.UTF_8));
		}

		String line() throws java.io.IOException {
			StringBuilder line = new StringBuilder(64);
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new java.io.EOFException("connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	static <T> List<T> parallel(int count, int threads, Callable1<T> task) throws Exception {
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

	interface Callable1<T> {
		T call(int i) throws Exception;
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

	// ---- figures ----

	static final class Result {

		final List<Long> latencies = new ArrayList<>();

		long requests;

		long wallNanos;

		void addRound(List<Long> round, long wall) {
			latencies.addAll(round);
			requests += round.size();
			wallNanos += wall;
		}

		void add(long nanos, int n) {
			latencies.add(nanos);
			requests += n;
			wallNanos += nanos;
		}

		double throughput() {
			return requests / (wallNanos / 1e9);
		}

		double percentile(double p) {
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, index)) / 1e6;
		}

	}

	static void print(String scenario, Result app, Result sql) {
		boolean sheet = scenario.startsWith("attendance");
		double ratio = sheet ? app.percentile(50) / sql.percentile(50) : app.throughput() / sql.throughput();
		System.out.printf(Locale.ROOT, "%-34s %10.0f %7.1fms %7.1fms %10.0f %7.1fms %7.1fms %7.2f%n", scenario,
				app.throughput(), app.percentile(50), app.percentile(99), sql.throughput(), sql.percentile(50),
				sql.percentile(99), ratio);
	}

	// ---- the bare SQL floor: the statements the application runs for the same request, over plain JDBC,
	// ---- against the same database with the same pool size. Enrolments go to the application's own tables
	// ---- (runs of the floor's own, the tenant's audit chain); the sheet's rows go to a scratch schema of
	// ---- plainer tables, which makes that floor the stricter.

	static final class Floor implements AutoCloseable {

		final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL);

		final AtomicInteger ids = new AtomicInteger();

		final UUID user;

		final UUID tenant;

		final UUID course;

		/** The application's async listener threads (Boot's task executor on JDK 17: 8). */
		final ExecutorService listeners = Executors.newFixedThreadPool(8);

		final List<Future<?>> followUps = Collections.synchronizedList(new ArrayList<>());

		Floor(UUID user, UUID tenant, UUID course) throws Exception {
			this.user = user;
			this.tenant = tenant;
			this.course = course;
			try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
					Statement s = c.createStatement()) {
				s.execute("DROP SCHEMA IF EXISTS bench CASCADE");
				s.execute("CREATE SCHEMA bench");
				s.execute("CREATE TABLE bench.session (id BIGINT PRIMARY KEY)");
				// the audit table as it was before GH-15, for the floor with the chain lock
				s.execute("CREATE TABLE bench.audit_chain (id BIGSERIAL PRIMARY KEY, tenant_id UUID, seq BIGINT NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, actor_type TEXT NOT NULL, actor_id TEXT, actor_label TEXT NOT NULL, action TEXT NOT NULL, entity_type TEXT NOT NULL, entity_id TEXT, changes TEXT NOT NULL, correlation_id TEXT, client_address TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)");
				s.execute("CREATE UNIQUE INDEX ON bench.audit_chain (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq)");
				s.execute("CREATE INDEX ON bench.audit_chain (tenant_id, occurred_at DESC)");
				s.execute("CREATE INDEX ON bench.audit_chain (tenant_id, entity_type, entity_id)");
				s.execute("CREATE TABLE bench.attendance (id UUID PRIMARY KEY, session_id BIGINT NOT NULL REFERENCES bench.session, run_id UUID NOT NULL, enrolment_id UUID NOT NULL, learner_id UUID NOT NULL, status TEXT NOT NULL, remarks TEXT NOT NULL, hours NUMERIC(5,2) NOT NULL, method TEXT NOT NULL, marked_by TEXT NOT NULL, marked_at TIMESTAMPTZ NOT NULL, UNIQUE (session_id, enrolment_id))");
				s.execute("CREATE TABLE bench.attendance_history (id BIGSERIAL PRIMARY KEY, attendance_id UUID NOT NULL REFERENCES bench.attendance, old_status TEXT, new_status TEXT NOT NULL, old_remarks TEXT, new_remarks TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at TIMESTAMPTZ NOT NULL, correlation_id TEXT)");
			}
			for (int i = 0; i < POOL; i++) {
				Connection c = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", "postgres", "");
				pool.add(c);
			}
		}

		long session() throws Exception {
			return insertId("INSERT INTO bench.session (id) VALUES (?)");
		}

		private long insertId(String sql) throws Exception {
			long id = ids.incrementAndGet();
			Connection c = pool.take();
			try (PreparedStatement p = c.prepareStatement(sql)) {
				c.setAutoCommit(true);
				p.setLong(1, id);
				p.executeUpdate();
			}
			finally {
				pool.add(c);
			}
			return id;
		}

		/** What the application reads about its caller on every request, outside the transaction. */
		private void principal(Connection c) throws Exception {
			c.setAutoCommit(true);
			query(c, "SELECT u.id, u.tenant_id, t.slug, u.email, u.roles FROM app_user u LEFT JOIN tenant t ON t.id = u.tenant_id WHERE u.id = ? AND u.enabled", user);
		}

		/**
		 * The application's enrolment statements, in its order, on its own tables (so with their foreign keys,
		 * indexes and checks): reads, the guarded seat, the row, the gateway and Moodle switches, the event
		 * publication, the audit fact; after commit, on a listener thread, the learner's confirmation. The
		 * floor enrols into runs of its own, created through the API like the application's.
		 */
		boolean enrol(UUID run, UUID learner) throws Exception {
			return enrol(run, learner, false, true);
		}

		/**
		 * The request's statements only: without the event publication and the learner's confirmation
		 * after commit (the floor until the notifications landed).
		 */
		boolean enrolRequestOnly(UUID run, UUID learner) throws Exception {
			return enrol(run, learner, false, false);
		}

		/** The same with the audit chain appended under the tenant's lock through commit, as before GH-15. */
		boolean enrolChained(UUID run, UUID learner) throws Exception {
			return enrol(run, learner, true, true);
		}

		/** Waits for the confirmations written after the floor's enrolments. */
		void followUpsDone() throws Exception {
			List<Future<?>> done;
			synchronized (followUps) {
				done = new ArrayList<>(followUps);
				followUps.clear();
			}
			for (Future<?> f : done) {
				f.get();
			}
		}

		private boolean enrol(UUID run, UUID learner, boolean chained, boolean notified) throws Exception {
			Connection c = pool.take();
			try {
				principal(c);
				c.setAutoCommit(false);
				query(c, "SELECT * FROM class_run WHERE id = ? AND tenant_id = ?", run, tenant);
				query(c, "SELECT id, code, title FROM course WHERE tenant_id = ? AND id IN (?)", tenant, course);
				query(c, "SELECT * FROM learner WHERE id = ? AND tenant_id = ?", learner, tenant);
				query(c, "SELECT * FROM tenant WHERE id = ?", tenant);
				query(c, "SELECT EXISTS (SELECT 1 FROM enrolment WHERE tenant_id = ? AND run_id = ? AND learner_id = ? AND status IN ('CONFIRMED', 'WAITLISTED', 'COMPLETED'))",
						tenant, run, learner);
				try (PreparedStatement seat = c.prepareStatement(
						"UPDATE class_run SET seats_taken = seats_taken + 1 WHERE id = ? AND tenant_id = ? AND status IN ('PUBLISHED', 'ONGOING') AND seats_taken < capacity")) {
					seat.setObject(1, run);
					seat.setObject(2, tenant);
					if (seat.executeUpdate() == 0) {
						query(c, "SELECT * FROM class_run WHERE id = ? AND tenant_id = ?", run, tenant);
						c.rollback();
						return false;
					}
				}
				UUID id = UUID.randomUUID();
				java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
				try (PreparedStatement insert = c.prepareStatement(
						"INSERT INTO enrolment (id, tenant_id, run_id, learner_id, status, sponsorship_type, employer_uen, fee_amount, discount_amount, fee_collection_status, source, enrolled_at, confirmed_at, updated_at) VALUES (?, ?, ?, ?, 'CONFIRMED', 'INDIVIDUAL', NULL, 0, 0, 'PENDING', 'STAFF', ?, ?, ?)")) {
					insert.setObject(1, id);
					insert.setObject(2, tenant);
					insert.setObject(3, run);
					insert.setObject(4, learner);
					insert.setTimestamp(5, now);
					insert.setTimestamp(6, now);
					insert.setTimestamp(7, now);
					insert.executeUpdate();
				}
				query(c, "SELECT enabled FROM gateway_settings WHERE tenant_id = ?", tenant);
				UUID publication = UUID.randomUUID();
				if (notified) {
					query(c, "SELECT enabled FROM moodle_settings WHERE tenant_id = ?", tenant);
					publish(c, publication, id, run, learner);
				}
				String changes = "{\"class_run_id\":\"" + run + "\",\"learner_id\":\"" + learner
						+ "\",\"source\":\"STAFF\",\"status\":\"CONFIRMED\"}";
				if (chained) {
					chainedAudit(c, "enrolment.created", "enrolment", id.toString(), changes);
				}
				else {
					audit(c, "enrolment.created", "enrolment", id.toString(), changes);
				}
				c.commit();
				if (notified) {
					followUps.add(listeners.submit(() -> {
						confirm(publication, id, run, learner);
						return null;
					}));
				}
				return true;
			}
			finally {
				pool.add(c);
			}
		}

		/** The event publication Spring Modulith writes in the change's transaction for the notification listener. */
		private void publish(Connection c, UUID publication, UUID enrolment, UUID run, UUID learner) throws Exception {
			try (PreparedStatement insert = c.prepareStatement(
					"INSERT INTO event_publication (id, event_type, listener_id, publication_date, serialized_event, status, completion_attempts, last_resubmission_date) VALUES (?, 'io.cohort.enrolment.EnrolmentConfirmed', 'io.cohort.notification.NotificationTriggers.on(io.cohort.enrolment.EnrolmentConfirmed)', now(), ?, 'PUBLISHED', 0, NULL)")) {
				insert.setObject(1, publication);
				insert.setString(2, "{\"tenantId\":\"" + tenant + "\",\"enrolmentId\":\"" + enrolment + "\",\"classRunId\":\"" + run
						+ "\",\"learnerId\":\"" + learner + "\",\"promotedFromWaitlist\":false}");
				insert.executeUpdate();
			}
		}

		/**
		 * What the application does after an enrolment commits, on a listener thread: marks the publication
		 * in progress, reads the run, course and learner, the learner's preferences and the tenant's template,
		 * writes the e-mail and in-app confirmations and completes the publication; then the sender claims the
		 * e-mail and records its outcome (skipped: no mail server in the bench).
		 */
		private void confirm(UUID publication, UUID enrolment, UUID run, UUID learner) throws Exception {
			Connection c = pool.take();
			try {
				c.setAutoCommit(true);
				update(c, "UPDATE event_publication SET status = 'PROCESSING' WHERE id = ? AND status != 'COMPLETED'", publication);
				c.setAutoCommit(false);
				query(c, "SELECT * FROM class_run WHERE id = ? AND tenant_id = ?", run, tenant);
				query(c, "SELECT id, code, title FROM course WHERE tenant_id = ? AND id IN (?)", tenant, course);
				query(c, "SELECT * FROM learner WHERE id = ? AND tenant_id = ?", learner, tenant);
				query(c, "SELECT kind, channels FROM notification_preference WHERE tenant_id = ? AND learner_id = ?", tenant, learner);
				query(c, "SELECT subject, body_text, body_html FROM notification_template WHERE tenant_id = ? AND kind = ?", tenant,
						"ENROLMENT_CONFIRMED");
				UUID mail = UUID.randomUUID();
				notification(c, mail, learner, enrolment, "EMAIL", "PENDING");
				notification(c, UUID.randomUUID(), learner, enrolment, "IN_APP", "SENT");
				update(c, "UPDATE event_publication SET status = 'COMPLETED', completion_date = now() WHERE id = ?", publication);
				c.commit();
				query(c, "SELECT id, tenant_id, channel, recipient, subject, body_text, body_html, attempts FROM notification WHERE id = ? AND status = 'PENDING' FOR UPDATE SKIP LOCKED",
						mail);
				update(c, "UPDATE notification SET status = 'SKIPPED', attempts = attempts + 1, last_error = 'e-mail is switched off', next_attempt_at = now() WHERE id = ?",
						mail);
				c.commit();
			}
			finally {
				pool.add(c);
			}
		}

		private void notification(Connection c, UUID id, UUID learner, UUID enrolment, String channel, String status)
				throws Exception {
			try (PreparedStatement insert = c.prepareStatement(
					"INSERT INTO notification (id, tenant_id, learner_id, user_id, kind, channel, dedup_key, recipient, subject, body_text, body_html, status, next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, NULL, 'ENROLMENT_CONFIRMED', ?, ?, ?, 'You are enrolled', ?, ?, ?, now(), now(), CASE WHEN ? = 'SENT' THEN now() END) ON CONFLICT (tenant_id, dedup_key) DO NOTHING")) {
				insert.setObject(1, id);
				insert.setObject(2, tenant);
				insert.setObject(3, learner);
				insert.setString(4, channel);
				insert.setString(5, "ENROLMENT_CONFIRMED:" + enrolment + ":" + channel);
				insert.setString(6, channel.equals("EMAIL") ? "learner@bench.test" : null);
				insert.setString(7, "Dear learner, you are enrolled in run " + enrolment
						+ ". It starts soon; your schedule and venue are in the learner portal. Reply to this message if you need to change anything.");
				insert.setString(8, channel.equals("EMAIL") ? "<p>Dear learner,</p><p>you are enrolled in run " + enrolment
						+ ". It starts soon; your schedule and venue are in the learner portal.</p><p>Reply to this message if you need to change anything.</p>"
						: null);
				insert.setString(9, status);
				insert.setString(10, status);
				insert.executeUpdate();
			}
		}

		private static void update(Connection c, String sql, UUID id) throws Exception {
			try (PreparedStatement update = c.prepareStatement(sql)) {
				update.setObject(1, id);
				update.executeUpdate();
			}
		}

		/** The audit fact the application writes before commit: one row, no lock, chained after commit. */
		private void audit(Connection c, String action, String entityType, String entity, String changes) throws Exception {
			try (PreparedStatement insert = c.prepareStatement(
					"INSERT INTO audit_event (tenant_id, occurred_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, changes, correlation_id, client_address) VALUES (?, now(), 'USER', ?, 'ops@bench.test', ?, ?, ?, ?, ?, '127.0.0.1')")) {
				insert.setObject(1, tenant);
				insert.setString(2, user.toString());
				insert.setString(3, action);
				insert.setString(4, entityType);
				insert.setString(5, entity);
				insert.setString(6, changes);
				insert.setString(7, UUID.randomUUID().toString());
				insert.executeUpdate();
			}
		}

		/**
		 * The tenant's audit chain append the application did before commit until GH-15, hashed with SHA-256
		 * like it, on a scratch table of the old shape.
		 */
		private void chainedAudit(Connection c, String action, String entityType, String entity, String changes)
				throws Exception {
			query(c, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "audit:" + tenant);
			long seq = 0;
			String prev = "0".repeat(64);
			try (PreparedStatement head = c.prepareStatement(
					"SELECT seq, hash FROM bench.audit_chain WHERE coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = ? ORDER BY seq DESC LIMIT 1")) {
				head.setObject(1, tenant);
				try (var rs = head.executeQuery()) {
					if (rs.next()) {
						seq = rs.getLong(1);
						prev = rs.getString(2);
					}
				}
			}
			java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
			String hash = java.util.HexFormat.of().formatHex(sha.digest((prev + tenant + (seq + 1) + action + entity + changes)
				.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			try (PreparedStatement insert = c.prepareStatement(
					"INSERT INTO bench.audit_chain (tenant_id, seq, occurred_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, changes, correlation_id, client_address, prev_hash, hash) VALUES (?, ?, now(), 'USER', ?, 'ops@bench.test', ?, ?, ?, ?, ?, '127.0.0.1', ?, ?)")) {
				insert.setObject(1, tenant);
				insert.setLong(2, seq + 1);
				insert.setString(3, user.toString());
				insert.setString(4, action);
				insert.setString(5, entityType);
				insert.setString(6, entity);
				insert.setString(7, changes);
				insert.setString(8, UUID.randomUUID().toString());
				insert.setString(9, prev);
				insert.setString(10, hash);
				insert.executeUpdate();
			}
		}

		private static void query(Connection c, String sql, Object... params) throws Exception {
			try (PreparedStatement p = c.prepareStatement(sql)) {
				for (int i = 0; i < params.length; i++) {
					p.setObject(i + 1, params[i]);
				}
				try (var rs = p.executeQuery()) {
					while (rs.next()) {
						rs.getObject(1);
					}
				}
			}
		}

		int race(int clients, FloorStep step, Result result) throws Exception {
			AtomicInteger confirmed = new AtomicInteger();
			Bench.race(clients, i -> {
				if (step.call(i)) {
					confirmed.incrementAndGet();
					return "ok";
				}
				throw new Refused("full");
			}, result, this::followUpsDone);
			return confirmed.get();
		}

		/**
		 * The application's sheet statements: caller, session, the run's confirmed roster with names, the
		 * session lock, what is there, batched rows and history, the audit chain, commit.
		 */
		void sheet(long benchSession, UUID appSession, UUID appRun, int learners) throws Exception {
			Connection c = pool.take();
			try {
				principal(c);
				c.setAutoCommit(false);
				query(c, "SELECT s.*, t.full_name AS trainer_name FROM class_session s LEFT JOIN trainer t ON t.id = s.trainer_id WHERE s.tenant_id = ? AND s.id = ?", tenant, appSession);
				List<UUID> enrolments = new ArrayList<>();
				List<UUID> learnerIds = new ArrayList<>();
				try (PreparedStatement roster = c.prepareStatement(
						"SELECT e.*, CASE WHEN e.status = 'WAITLISTED' THEN (SELECT count(*) FROM enrolment w WHERE w.run_id = e.run_id AND w.status = 'WAITLISTED' AND w.queue_no <= e.queue_no) END AS waitlist_position FROM enrolment e WHERE e.tenant_id = ? AND e.run_id = ? AND e.status = 'CONFIRMED' ORDER BY e.queue_no LIMIT 10000")) {
					roster.setObject(1, tenant);
					roster.setObject(2, appRun);
					try (var rs = roster.executeQuery()) {
						while (rs.next()) {
							enrolments.add(rs.getObject("id", UUID.class));
							learnerIds.add(rs.getObject("learner_id", UUID.class));
						}
					}
				}
				query(c, "SELECT count(*) FROM enrolment e WHERE e.tenant_id = ? AND e.run_id = ? AND e.status = 'CONFIRMED'", tenant, appRun);
				try (PreparedStatement names = c.prepareStatement("SELECT * FROM learner WHERE tenant_id = ? AND id = ANY (?)")) {
					names.setObject(1, tenant);
					names.setArray(2, c.createArrayOf("uuid", learnerIds.toArray()));
					names.executeQuery().close();
				}
				query(c, "SELECT * FROM class_run WHERE id = ? AND tenant_id = ?", appRun, tenant);
				query(c, "SELECT id, code, title FROM course WHERE tenant_id = ? AND id IN (?)", tenant, course);
				query(c, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "bench-attendance:" + benchSession);
				try (PreparedStatement read = c.prepareStatement("SELECT * FROM bench.attendance WHERE session_id = ?")) {
					read.setLong(1, benchSession);
					read.executeQuery().close();
				}
				List<UUID> ids = new ArrayList<>();
				try (PreparedStatement insert = c.prepareStatement(
						"INSERT INTO bench.attendance (id, session_id, run_id, enrolment_id, learner_id, status, remarks, hours, method, marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?, '', 0.75, 'SHEET', 'ops@bench.test', now())")) {
					for (int i = 0; i < learners; i++) {
						UUID id = UUID.randomUUID();
						ids.add(id);
						insert.setObject(1, id);
						insert.setLong(2, benchSession);
						insert.setObject(3, appRun);
						insert.setObject(4, enrolments.get(i));
						insert.setObject(5, learnerIds.get(i));
						insert.setString(6, i % 7 == 0 ? "ABSENT" : "PRESENT");
						insert.addBatch();
					}
					insert.executeBatch();
				}
				try (PreparedStatement history = c.prepareStatement(
						"INSERT INTO bench.attendance_history (attendance_id, old_status, new_status, old_remarks, new_remarks, changed_by, changed_at, correlation_id) VALUES (?, NULL, ?, NULL, '', 'ops@bench.test', now(), 'bench')")) {
					for (int i = 0; i < learners; i++) {
						history.setObject(1, ids.get(i));
						history.setString(2, i % 7 == 0 ? "ABSENT" : "PRESENT");
						history.addBatch();
					}
					history.executeBatch();
				}
				audit(c, "attendance.marked", "class_session", String.valueOf(benchSession), "{\"records\":" + learners + "}");
				c.commit();
			}
			finally {
				pool.add(c);
			}
		}

		interface FloorStep {
			boolean call(int i) throws Exception;
		}

		@Override
		public void close() throws Exception {
			listeners.shutdown();
			for (Connection c : pool) {
				c.close();
			}
		}

	}

}
