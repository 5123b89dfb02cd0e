import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Absence alerts and the request that records them. Run through bench/notify.sh, which starts the
 * packaged application with its mail going to this class's SMTP server:
 *
 * <pre>
 *   NotifyBench &lt;base&gt; &lt;smtp port&gt; &lt;repetitions&gt; &lt;file that appears once the application is ready&gt; &lt;jdbc url&gt;
 * </pre>
 *
 * A run of 500 enrolled learners; in each of its fresh sessions one request ({@code mark-bulk}) marks the
 * whole sheet, 100 ABSENT and 400 PRESENT. "On": the 100 absent are learners who keep the default
 * channels for absences (EMAIL and IN_APP), so 100 emails and 100 in-app messages follow; "off": another
 * 100 whose absence channels are empty (the listeners still run, and find nothing to send). On and off
 * alternate, each after one untimed warm-up; after an "on" sheet the bench waits (bounded) until all 100
 * emails arrived, and before each sheet until every event publication is complete, so that each sheet starts
 * on a quiet application. Prints the p50 and max of the request
 * both ways, their ratio, and the time from the request's start until the 100th email.
 */
public class NotifyBench {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static final int LEARNERS = 500;

	static final int ABSENT = 100;

	static final String PASSWORD = "bench-kestrel-4417-run";

	static String base;

	static String jdbcUrl;

	/** Absence emails received, and when the last one came (System.nanoTime). */
	static final AtomicInteger ALERTS = new AtomicInteger();

	static final AtomicLong LAST_ALERT = new AtomicLong();

	public static void main(String[] args) throws Exception {
		base = args[0];
		jdbcUrl = args[4];
		int smtpPort = Integer.parseInt(args[1]);
		int repetitions = Integer.parseInt(args[2]);
		smtp(smtpPort);
		java.nio.file.Path ready = java.nio.file.Path.of(args[3]);
		while (!java.nio.file.Files.exists(ready)) {
			Thread.sleep(200); // notify.sh touches it once the application answers
		}

		int sessions = 2 * (repetitions + 1);
		long setUpStart = System.nanoTime();
		Setup setup = setUp(sessions);
		System.out.printf(Locale.ROOT, "set-up: tenant, run of %d learners, %d sessions in %.1f s%n", LEARNERS,
				sessions, (System.nanoTime() - setUpStart) / 1e9);
		List<String> on = setup.enrolments.subList(0, ABSENT);
		List<String> off = setup.enrolments.subList(ABSENT, 2 * ABSENT);

		List<Double> onMs = new ArrayList<>();
		List<Double> offMs = new ArrayList<>();
		List<Double> lastAlertMs = new ArrayList<>();
		int session = 0;
		for (int rep = 0; rep <= repetitions; rep++) {
			int expected = ALERTS.get() + ABSENT;
			awaitQuiet();
			long start = System.nanoTime();
			sheet(setup, setup.sessions.get(session++), on);
			double requestMs = (System.nanoTime() - start) / 1e6;
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (ALERTS.get() < expected) {
				check(System.nanoTime() < deadline, "only " + ALERTS.get() + " of " + expected + " alerts in 2 minutes");
				Thread.sleep(20); // a bounded poll for the end state, not a race
			}
			check(ALERTS.get() == expected, ALERTS.get() + " alerts, expected " + expected);
			double alertMs = (LAST_ALERT.get() - start) / 1e6;
			awaitQuiet();
			start = System.nanoTime();
			sheet(setup, setup.sessions.get(session++), off);
			double offRequestMs = (System.nanoTime() - start) / 1e6;
			if (rep > 0) {
				onMs.add(requestMs);
				lastAlertMs.add(alertMs);
				offMs.add(offRequestMs);
			}
		}
		Thread.sleep(2000);
		check(ALERTS.get() == (repetitions + 1) * ABSENT, "no alert for an 'off' sheet, none twice: " + ALERTS.get());
		double p50On = p50(onMs);
		double p50Off = p50(offMs);
		System.out.printf(Locale.ROOT, "mark-bulk of %d learners, %d ABSENT, %d repetitions each:%n", LEARNERS, ABSENT,
				repetitions);
		System.out.printf(Locale.ROOT, "  notifications off: p50 %.0f ms, max %.0f ms%n", p50Off, Collections.max(offMs));
		System.out.printf(Locale.ROOT, "  notifications on:  p50 %.0f ms, max %.0f ms%n", p50On, Collections.max(onMs));
		System.out.printf(Locale.ROOT, "  on / off (p50): %.2f (target <= 1.10)%n", p50On / p50Off);
		System.out.printf(Locale.ROOT, "  request start to the 100th email: p50 %.0f ms, max %.0f ms; %d emails, each once%n",
				p50(lastAlertMs), Collections.max(lastAlertMs), ALERTS.get());
	}

	/**
	 * Waits (bounded) until every event publication is complete, so that a sheet never shares the
	 * cores with the previous one's listeners.
	 */
	static void awaitQuiet() throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
				java.sql.PreparedStatement incomplete = c
					.prepareStatement("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")) {
			while (true) {
				try (java.sql.ResultSet rs = incomplete.executeQuery()) {
					rs.next();
					if (rs.getLong(1) == 0) {
						return;
					}
				}
				check(System.nanoTime() < deadline, "event publications still incomplete after 2 minutes");
				Thread.sleep(20);
			}
		}
	}

	record Setup(String ops, List<String> sessions, List<String> enrolments) {
	}

	static Setup setUp(int sessions) throws Exception {
		String platform = field(send("POST", "/api/v1/auth/login", null,
				"{\"email\":\"bench@cohort.local\",\"password\":\"" + PASSWORD + "\"}"), "access_token");
		String slug = "notify-" + UUID.randomUUID().toString().substring(0, 8);
		String uen = "20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "N";
		send("POST", "/api/v1/platform/tenants", platform, "{\"slug\":\"" + slug + "\",\"name\":\"Notify\",\"uen\":\"" + uen
				+ "\",\"admin_email\":\"admin@notify.test\",\"admin_password\":\"" + PASSWORD + "\"}");
		String admin = login(slug, "admin@notify.test");
		send("POST", "/api/v1/users", admin, "{\"email\":\"ops@notify.test\",\"display_name\":\"Ops\",\"password\":\""
				+ PASSWORD + "\",\"roles\":[\"OPS\"]}");
		String ops = login(slug, "ops@notify.test");
		String course = field(send("POST", "/api/v1/courses", ops,
				"{\"code\":\"N1\",\"title\":\"Notify\",\"modules\":[{\"code\":\"M1\",\"title\":\"M\",\"hours\":8}]}"), "id");
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Singapore")).plusDays(14);
		int days = (sessions + 9) / 10;
		String run = field(send("POST", "/api/v1/courses/" + course + "/runs", ops, "{\"reference\":\"NOTIFY\",\"start_date\":\""
				+ start + "\",\"end_date\":\"" + start.plusDays(days - 1) + "\",\"registration_opens\":\"" + start.minusDays(20)
				+ "\",\"registration_closes\":\"" + start.minusDays(1) + "\",\"capacity\":" + LEARNERS
				+ ",\"mode_of_training\":\"1\",\"status\":\"DRAFT\",\"venue\":\"112 Robinson Road\",\"venue_postal_code\":\"068902\"}"),
				"id");
		List<String> sessionIds = new ArrayList<>();
		for (int s = 0; s < sessions; s++) {
			sessionIds.add(field(send("POST", "/api/v1/runs/" + run + "/sessions", ops, "{\"date\":\"" + start.plusDays(s / 10)
					+ "\",\"start_time\":\"" + String.format("%02d:00", 8 + s % 10) + "\",\"end_time\":\""
					+ String.format("%02d:45", 8 + s % 10) + "\"}"), "id"));
		}
		send("PATCH", "/api/v1/runs/" + run, ops, "{\"status\":\"PUBLISHED\"}");
		List<String> enrolments = parallel(LEARNERS, 4, i -> {
			String learner = field(send("POST", "/api/v1/learners", ops, "{\"full_name\":\"Learner " + i + "\",\"email\":\"l" + i
					+ "@notify.test\",\"id_type\":\"SP\",\"national_id\":\"" + nric(3_000_000 + i) + "\",\"consent\":true}"), "id");
			// threshold alerts off for everyone: the "on" sheets send exactly their absence alerts;
			// absences off for the "off" group (learners 100-199)
			String absence = i >= ABSENT && i < 2 * ABSENT ? "\"ABSENCE_RECORDED\":[]," : "";
			send("PUT", "/api/v1/learners/" + learner + "/notification-preferences", ops, "{\"channels\":{" + absence
					+ "\"ATTENDANCE_BELOW_THRESHOLD\":[],\"ATTENDANCE_THRESHOLD_UNREACHABLE\":[]}}");
			return field(send("POST", "/api/v1/enrollments", ops,
					"{\"learner_id\":\"" + learner + "\",\"class_run_id\":\"" + run + "\"}"), "id");
		});
		return new Setup(ops, sessionIds, enrolments);
	}

	/** One request: the whole sheet, the {@code absent} ABSENT and everyone else PRESENT. */
	static void sheet(Setup setup, String session, List<String> absent) throws Exception {
		StringBuilder records = new StringBuilder();
		for (String enrolment : setup.enrolments) {
			if (records.length() > 0) {
				records.append(',');
			}
			records.append("{\"enrollment_id\":\"").append(enrolment).append("\",\"status\":\"")
				.append(absent.contains(enrolment) ? "ABSENT" : "PRESENT").append("\"}");
		}
		send("POST", "/api/v1/attendance/mark-bulk", setup.ops,
				"{\"session_id\":\"" + session + "\",\"records\":[" + records + "]}");
	}

	/** A minimal SMTP server: accepts every message and counts the absence alerts by their subject. */
	static void smtp(int port) throws Exception {
		ServerSocket server = new ServerSocket(port);
		Thread acceptor = new Thread(() -> {
			while (true) {
				try {
					Socket socket = server.accept();
					Thread conversation = new Thread(() -> converse(socket));
					conversation.setDaemon(true);
					conversation.start();
				}
				catch (Exception ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
	}

	static void converse(Socket socket) {
		try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				OutputStream out = socket.getOutputStream()) {
			reply(out, "220 notify-bench");
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
				switch (command) {
					case "DATA" -> {
						reply(out, "354 go on");
						boolean alert = false;
						while (!(line = in.readLine()).equals(".")) {
							alert |= line.startsWith("Subject: Marked absent");
						}
						if (alert) {
							LAST_ALERT.set(System.nanoTime());
							ALERTS.incrementAndGet();
						}
						reply(out, "250 queued");
					}
					case "QUIT" -> {
						reply(out, "221 bye");
						return;
					}
					default -> reply(out, "250 ok");
				}
			}
		}
		catch (Exception ex) {
			// the client went away
		}
	}

	static void reply(OutputStream out, String line) throws Exception {
		out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	static double p50(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	static String login(String tenant, String email) throws Exception {
		return field(send("POST", "/api/v1/auth/login", null, "{\"tenant\":\"" + tenant + "\",\"email\":\"" + email
				+ "\",\"password\":\"" + PASSWORD + "\"}"), "access_token");
	}

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
