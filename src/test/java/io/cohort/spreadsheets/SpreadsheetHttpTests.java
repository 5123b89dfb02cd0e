package io.cohort.spreadsheets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.shared.NationalId;
import io.cohort.testing.Nrics;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spreadsheet endpoints over HTTP: upload, 202, polling to DONE and the rows through
 * the API with a bearer token; the same through the pages with a session; CSV downloads.
 */
class SpreadsheetHttpTests extends IntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String PASSWORD = "a-long-admin-password";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	ImportRepository repository;

	@Autowired
	JdbcClient jdbc;

	Tenants.TestTenant tenant;

	HttpClient http;

	@BeforeEach
	void tenant() {
		tenant = new Tenants(tenantManagement).create("csv-http");
		http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Test
	void uploadAnswers202AndTheJobIsPolledUntilDone() {
		String token = JSON
			.readTree(send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("tenant", tenant.slug(),
						"email", "admin@" + tenant.slug() + ".test", "password", PASSWORD))))
				.build()).body())
			.get("access_token")
			.asString();
		String good = Nrics.next();
		String bad = Nrics.next().substring(0, 8) + "Q";
		String csv = "full_name,email,id_type,national_id,consent\nAda Tan,ada@example.com,SP," + good
				+ ",yes\nBad Id,bad@example.com,SP," + bad + ",yes\n";

		HttpResponse<String> upload = send(multipart("/api/v1/learners/import", Map.of(), "learners.csv", csv)
			.header("Authorization", "Bearer " + token)
			.build());

		assertThat(upload.statusCode()).isEqualTo(202);
		JsonNode job = JSON.readTree(upload.body());
		String id = job.get("id").asString();
		assertThat(upload.headers().firstValue("Location")).hasValue("/api/v1/imports/" + id);
		assertThat(job.get("total_rows").asInt()).isEqualTo(2);
		JsonNode done = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> JSON.readTree(get("/api/v1/imports/" + id, token).body()),
					node -> node.get("status").asString().equals("DONE"));
		assertThat(done.get("progress_percent").asInt()).isEqualTo(100);
		assertThat(done.get("created").asInt()).isEqualTo(1);
		assertThat(done.get("invalid").asInt()).isEqualTo(1);
		HttpResponse<String> rows = get("/api/v1/imports/" + id + "/rows?outcome=INVALID", token);
		assertThat(rows.statusCode()).isEqualTo(200);
		JsonNode invalid = JSON.readTree(rows.body()).get("items").get(0);
		assertThat(invalid.get("row_number").asInt()).isEqualTo(3);
		assertThat(invalid.get("message").asString()).isEqualTo("national_id: has a wrong check letter");
		assertThat(invalid.get("data").get("national_id").asString()).isEqualTo(NationalId.mask(bad));
		String everything = get("/api/v1/imports/" + id + "/rows", token).body() + get("/api/v1/imports", token).body();
		assertThat(everything).doesNotContain(good).doesNotContain(bad).contains(NationalId.mask(good));
		assertThat(get("/api/v1/imports/" + UUID.randomUUID(), token).statusCode()).isEqualTo(404);

		HttpResponse<String> tooBig = send(multipart("/api/v1/learners/import", Map.of(), "big.csv",
				"full_name\n" + "x".repeat((int) CsvUpload.MAX_BYTES))
			.header("Authorization", "Bearer " + token)
			.build());
		assertThat(tooBig.statusCode()).isEqualTo(413);
		assertThat(tooBig.body()).contains("payload-too-large");
		HttpResponse<String> noHeader = send(
				multipart("/api/v1/learners/import", Map.of(), "bad.csv", "").header("Authorization", "Bearer " + token)
					.build());
		assertThat(noHeader.statusCode()).isEqualTo(400);
		assertThat(noHeader.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void exportsDownloadAsCsvAttachmentsThroughTheApiAndThePages() {
		ClassRunView run = run();
		String token = JSON
			.readTree(send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("tenant", tenant.slug(),
						"email", "admin@" + tenant.slug() + ".test", "password", PASSWORD))))
				.build()).body())
			.get("access_token")
			.asString();

		HttpResponse<String> api = get("/api/v1/runs/" + run.id() + "/enrollments.csv", token);

		assertThat(api.statusCode()).isEqualTo(200);
		assertThat(api.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(api.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"enrollments-" + run.reference() + ".csv\"");
		assertThat(api.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(api.body()).startsWith("\uFEFFlearner_name,national_id,email,status");
		HttpResponse<String> attendance = get("/api/v1/runs/" + run.id() + "/attendance.csv", token);
		assertThat(attendance.statusCode()).isEqualTo(200);
		assertThat(attendance.body()).startsWith("\uFEFFlearner_name,national_id,attended_hours");

		signIn();
		HttpResponse<String> chosen = send(
				HttpRequest.newBuilder(uri("/exports?run_id=" + run.id() + "&sheet=attendance")).GET().build());
		assertThat(chosen.statusCode()).isEqualTo(302);
		assertThat(chosen.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/exports/runs/" + run.id() + "/attendance.csv"));
		HttpResponse<String> download = send(
				HttpRequest.newBuilder(uri("/exports/runs/" + run.id() + "/enrollments.csv")).GET().build());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("attachment;"));
	}

	@Test
	void thePagesUploadAFileAndShowTheJobWithItsRows() {
		String page = signIn();
		assertThat(page).contains("href=\"/imports\"");
		HttpResponse<String> imports = send(HttpRequest.newBuilder(uri("/imports")).GET().build());
		assertThat(imports.statusCode()).isEqualTo(200);
		assertThat(imports.body()).contains("Import learners")
			.contains("Enrol learners into a run")
			.contains("Export a run");
		String nric = Nrics.next();

		HttpResponse<String> upload = send(multipart("/imports/learners", Map.of("_csrf", csrf(imports.body())),
				"people.csv",
				"full_name,email,id_type,national_id,consent\nBo Lim,bo@example.com,SP," + nric + ",yes\n,,,,\n")
			.build());

		assertThat(upload.statusCode()).isEqualTo(302);
		String location = upload.headers().firstValue("Location").orElseThrow();
		String id = location.substring(location.lastIndexOf('/') + 1);
		assertThat(location).endsWith("/imports/" + id);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> send(HttpRequest.newBuilder(uri("/imports/" + id + "/progress"))
				.header("HX-Request", "true")
				.GET()
				.build()).headers().firstValue("HX-Refresh").isPresent());
		HttpResponse<String> job = send(HttpRequest.newBuilder(uri("/imports/" + id)).GET().build());
		assertThat(job.statusCode()).isEqualTo(200);
		assertThat(job.body()).contains("Import of people.csv")
			.contains("2 of 2 rows processed (100%)")
			.doesNotContain("every 1s")
			.contains("Registered Bo Lim (" + NationalId.mask(nric) + ")")
			.contains("The row is blank")
			.doesNotContain(nric);
		HttpResponse<String> skipped = send(
				HttpRequest.newBuilder(uri("/imports/" + id + "?outcome=SKIPPED")).GET().build());
		assertThat(skipped.body()).contains("1 row SKIPPED").doesNotContain("Registered Bo Lim");

		HttpResponse<String> noFile = send(
				multipart("/imports/learners", Map.of("_csrf", csrf(imports.body())), "empty.csv", "").build());
		assertThat(noFile.statusCode()).isEqualTo(302);
		assertThat(send(HttpRequest.newBuilder(uri("/imports")).GET().build()).body())
			.contains("Choose a CSV file of learners to import.");
	}

	@Test
	void aRunningJobsPagePollsItsProgressEverySecond() {
		signIn();
		UUID id = UUID.randomUUID();
		Map<String, String> values = Map.of("full_name", "Pending Person");
		repository.insert(tenant.id(),
				new ImportRepository.NewJob(id, ImportKind.LEARNERS, null, "slow.csv", 1, UUID.randomUUID(),
						"admin@" + tenant.slug() + ".test", "ADMIN", Instant.now()),
				List.of(new CsvUpload.Row(2, values, null)));
		try {
			jdbc.sql("UPDATE import_job SET status = 'RUNNING' WHERE id = :id").param("id", id).update();

			HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/imports/" + id)).GET().build());
			HttpResponse<String> poll = send(HttpRequest.newBuilder(uri("/imports/" + id + "/progress"))
				.header("HX-Request", "true")
				.GET()
				.build());

			assertThat(page.body()).contains("hx-get=\"/imports/" + id + "/progress\"")
				.contains("hx-trigger=\"every 1s\"")
				.contains("0 of 1 rows processed (0%)")
				.contains("pending");
			assertThat(poll.statusCode()).isEqualTo(200);
			assertThat(poll.headers().firstValue("HX-Refresh")).isEmpty();
			assertThat(poll.body()).startsWith("<section").contains("every 1s").doesNotContain("<html");
		}
		finally {
			jdbc.sql("UPDATE import_job SET status = 'FAILED' WHERE id = :id").param("id", id).update();
		}
	}

	private String signIn() {
		HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login")).GET().build());
		HttpResponse<String> posted = send(form("/login", Map.of("tenant", tenant.slug(), "email",
				"admin@" + tenant.slug() + ".test", "password", PASSWORD, "_csrf", csrf(login.body()))));
		assertThat(posted.statusCode()).isEqualTo(302);
		return send(HttpRequest.newBuilder(uri("/")).GET().build()).body();
	}

	private ClassRunView run() {
		return Tenants.as(tenant.as(Role.OPS), () -> {
			UUID course = courses
				.create(new CourseManagement.NewCourse("C-" + tenant.slug(), "First Aid", null, null,
						List.of(new CourseManagement.NewModule("M1", "CPR", new BigDecimal("8")))))
				.id();
			LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
			return runs.schedule(course, new ClassRunManagement.NewRun("R-" + tenant.slug(), today.plusDays(3),
					today.plusDays(4), today, today.plusDays(2), 5, "1", null, false, false, RunStatus.PUBLISHED));
		});
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).as("the page has a CSRF token").isTrue();
		return matcher.group(1);
	}

	private HttpRequest.Builder multipart(String path, Map<String, String> fields, String fileName, String content) {
		String boundary = "----cohort" + UUID.randomUUID();
		StringBuilder body = new StringBuilder();
		fields.forEach((name, value) -> body.append("--")
			.append(boundary)
			.append("\r\n")
			.append("Content-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(value)
			.append("\r\n"));
		body.append("--")
			.append(boundary)
			.append("\r\n")
			.append("Content-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName)
			.append("\"\r\n")
			.append("Content-Type: text/csv\r\n\r\n")
			.append(content)
			.append("\r\n--")
			.append(boundary)
			.append("--\r\n");
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
	}

	private HttpRequest form(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> get(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
