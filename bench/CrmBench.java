import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRM webhook benchmark: records per second of a students batch, NEW then UNCHANGED, through
 * POST /v1/sync/students and through the bare SQL floor of the same writes. Run through bench/crm.sh.
 */
public class CrmBench {

	static final int RECORDS = Integer.getInteger("records", 1000);

	static final int ROUNDS = Integer.getInteger("rounds", 5);

	static final int WARMUP = Integer.getInteger("warmup", 10);

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static String base;

	static String jdbcUrl;

	public static void main(String[] args) throws Exception {
		base = args[0];
		jdbcUrl = args[1];
		System.out.printf(Locale.ROOT, "Cohort CRM webhook benchmark, %s, %d cores, %d records a batch, app -Xmx512m%n",
				java.time.OffsetDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(), RECORDS);
		String platform = field(send("POST", "/api/v1/auth/login", null, null,
				"{\"email\":\"bench@cohort.local\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String slug = "crm-" + UUID.randomUUID().toString().substring(0, 8);
		send("POST", "/api/v1/platform/tenants", platform, null, "{\"slug\":\"" + slug
				+ "\",\"name\":\"CRM bench\",\"uen\":\"201912345K\",\"admin_email\":\"admin@crm.test\",\"admin_password\":\"bench-kestrel-4417-run\"}");
		String admin = field(send("POST", "/api/v1/auth/login", null, null, "{\"tenant\":\"" + slug
				+ "\",\"email\":\"admin@crm.test\",\"password\":\"bench-kestrel-4417-run\"}"), "access_token");
		String key = field(send("POST", "/api/v1/api-keys", admin, null, "{\"name\":\"bench\"}"), "key");
		UUID tenant = UUID.fromString(field(send("GET", "/api/v1/me", admin, null, null).replaceFirst(".*\"tenant\":", ""), "id"));

		double[] appNew = new double[ROUNDS];
		double[] appSame = new double[ROUNDS];
		double[] sqlNew = new double[ROUNDS];
		double[] sqlSame = new double[ROUNDS];
		try (Connection db = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", "postgres", "")) {
			for (int round = -WARMUP; round < ROUNDS; round++) {
				String body = students("A" + round);
				double[] app = { appBatch(slug, key, body, "new-" + round, "NEW"), appBatch(slug, key, body, "same-" + round, "UNCHANGED") };
				double[] floor = { floorBatch(db, tenant, "F" + round, "fnew-" + round, true),
						floorBatch(db, tenant, "F" + round, "fsame-" + round, false) };
				if (round == -1) {
					try (Statement s = db.createStatement()) {
						s.execute("ANALYZE"); // statistics, as a database in service has them
					}
				}
				if (round >= 0) {
					appNew[round] = app[0];
					appSame[round] = app[1];
					sqlNew[round] = floor[0];
					sqlSame[round] = floor[1];
				}
			}
		}
		System.out.printf(Locale.ROOT, "%d warm-up rounds, %d measured (median records/s)%n%n", WARMUP, ROUNDS);
		System.out.printf(Locale.ROOT, "%-30s %12s %14s %7s%n", "scenario", "app rec/s", "SQL floor rec/s", "ratio");
		line("1,000 students, all NEW", appNew, sqlNew);
		line("same 1,000 again, UNCHANGED", appSame, sqlSame);
		System.out.println("target: app at least 40% of the floor.");
	}

	static void line(String scenario, double[] app, double[] floor) {
		double a = median(app);
		double f = median(floor);
		System.out.printf(Locale.ROOT, "%-30s %12.0f %14.0f %7.2f%n", scenario, a, f, a / f);
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static String students(String batch) {
		StringBuilder body = new StringBuilder("{\"data\":[");
		for (int i = 0; i < RECORDS; i++) {
			body.append(i == 0 ? "" : ",")
				.append("{\"id\":\"").append(batch).append('-').append(i)
				.append("\",\"Display_Name\":\"Student ").append(batch).append(' ').append(i)
				.append("\",\"Academic_Email\":\"s").append(i).append('.').append(batch.toLowerCase(Locale.ROOT))
				.append("@college.example\",\"Mobile\":\"+65 8").append(String.format("%07d", i))
				.append("\",\"Status\":\"Active\"}");
		}
		return body.append("]}").toString();
	}

	/** One batch through the application; records per second. */
	static double appBatch(String slug, String key, String body, String idempotencyKey, String expected) throws Exception {
		long t0 = System.nanoTime();
		String answer = send("POST", "/v1/sync/students", null,
				Map.of("X-API-Key", key, "X-Tenant-ID", slug, "X-Idempotency-Key", idempotencyKey), body);
		long t1 = System.nanoTime();
		int matched = count(answer, "\"status\":\"" + expected + "\"");
		if (matched != RECORDS) {
			throw new IllegalStateException("expected " + RECORDS + " " + expected + ", got " + matched + ": "
					+ answer.substring(0, Math.min(500, answer.length())));
		}
		return RECORDS / ((t1 - t0) / 1e9);
	}

	/**
	 * The floor: the idempotency key's insert, then per record one transaction (the learner's insert and
	 * the mapping's upsert) for NEW, or one read of the batch's fingerprints for UNCHANGED, then the key's
	 * completion; records per second.
	 */
	static double floorBatch(Connection db, UUID tenant, String batch, String idempotencyKey, boolean create)
			throws Exception {
		long t0 = System.nanoTime();
		db.setAutoCommit(true);
		try (PreparedStatement key = db.prepareStatement("""
				INSERT INTO crm_idempotency_key (tenant_id, entity, idempotency_key, request_hash, state, expires_at)
				VALUES (?, 'students', ?, ?, 'IN_PROGRESS', now() + interval '1 hour') ON CONFLICT DO NOTHING""")) {
			key.setObject(1, tenant);
			key.setString(2, idempotencyKey);
			key.setString(3, sha256(idempotencyKey));
			key.executeUpdate();
		}
		if (create) {
			db.setAutoCommit(false);
			try (PreparedStatement learner = db.prepareStatement("""
					INSERT INTO learner (id, tenant_id, full_name, email, phone, id_type, national_id_masked, consent,
					    created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, 'OT', '', false, now(), now())""");
					PreparedStatement mapping = db.prepareStatement("""
							INSERT INTO crm_record (tenant_id, entity, zoho_id, cohort_id, fingerprint, fields)
							VALUES (?, 'student', ?, ?, ?, CAST(? AS JSONB))
							ON CONFLICT (tenant_id, entity, zoho_id) DO UPDATE SET cohort_id = excluded.cohort_id,
							    fingerprint = excluded.fingerprint, fields = excluded.fields, updated_at = now()""")) {
				for (int i = 0; i < RECORDS; i++) {
					UUID id = UUID.randomUUID();
					String name = "Student " + batch + " " + i;
					String email = "s" + i + "." + batch.toLowerCase(Locale.ROOT) + "@college.example";
					String phone = "+65 8" + String.format("%07d", i);
					String fields = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"" + phone
							+ "\",\"status\":\"Active\"}";
					learner.setObject(1, id);
					learner.setObject(2, tenant);
					learner.setString(3, name);
					learner.setString(4, email);
					learner.setString(5, phone);
					learner.executeUpdate();
					mapping.setObject(1, tenant);
					mapping.setString(2, batch + "-" + i);
					mapping.setObject(3, id);
					mapping.setString(4, sha256(fields));
					mapping.setString(5, fields);
					mapping.executeUpdate();
					db.commit();
				}
			}
			db.setAutoCommit(true);
		}
		else {
			String[] ids = new String[RECORDS];
			for (int i = 0; i < RECORDS; i++) {
				ids[i] = batch + "-" + i;
			}
			Map<String, String> known = new HashMap<>();
			try (PreparedStatement read = db.prepareStatement(
					"SELECT zoho_id, fingerprint FROM crm_record WHERE tenant_id = ? AND entity = 'student' AND zoho_id = ANY(?)")) {
				read.setObject(1, tenant);
				read.setArray(2, db.createArrayOf("text", ids));
				try (ResultSet rs = read.executeQuery()) {
					while (rs.next()) {
						known.put(rs.getString(1), rs.getString(2));
					}
				}
			}
			if (known.size() != RECORDS) {
				throw new IllegalStateException("floor: " + known.size() + " known");
			}
		}
		// the delivery and its per-record outcomes, as the application logs them
		UUID delivery = UUID.randomUUID();
		try (PreparedStatement log = db.prepareStatement("""
				INSERT INTO crm_delivery (id, tenant_id, entity, idempotency_key, received_at, finished_at, record_count, counts)
				VALUES (?, ?, 'students', ?, now(), now(), ?, CAST(? AS JSONB))""")) {
			log.setObject(1, delivery);
			log.setObject(2, tenant);
			log.setString(3, idempotencyKey);
			log.setInt(4, RECORDS);
			log.setString(5, "{\"" + (create ? "NEW" : "UNCHANGED") + "\": " + RECORDS + "}");
			log.executeUpdate();
		}
		db.setAutoCommit(false);
		try (PreparedStatement outcome = db.prepareStatement("""
				INSERT INTO crm_delivery_result (delivery_id, position, zoho_id, status, reason, message)
				VALUES (?, ?, ?, ?, NULL, ?)""")) {
			for (int i = 0; i < RECORDS; i++) {
				outcome.setObject(1, delivery);
				outcome.setInt(2, i + 1);
				outcome.setString(3, batch + "-" + i);
				outcome.setString(4, create ? "NEW" : "UNCHANGED");
				outcome.setString(5, create ? "Student created" : "Student unchanged");
				outcome.addBatch();
			}
			outcome.executeBatch();
		}
		db.commit();
		db.setAutoCommit(true);
		try (PreparedStatement done = db.prepareStatement("""
				UPDATE crm_idempotency_key SET state = 'DONE', response = ?
				WHERE tenant_id = ? AND entity = 'students' AND idempotency_key = ?""")) {
			done.setBytes(1, new byte[RECORDS * 80]);
			done.setObject(2, tenant);
			done.setString(3, idempotencyKey);
			done.executeUpdate();
		}
		long t1 = System.nanoTime();
		return RECORDS / ((t1 - t0) / 1e9);
	}

	static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	static int count(String text, String needle) {
		int n = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			n++;
		}
		return n;
	}

	static String send(String method, String path, String bearer, Map<String, String> headers, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (headers != null) {
			headers.forEach(request::header);
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
