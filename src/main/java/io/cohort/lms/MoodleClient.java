package io.cohort.lms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.system.OutboundUrlPolicy;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of Moodle's REST web services: {@code POST {base}/webservice/rest/server.php}
 * with the token, the function and {@code moodlewsrestformat=json} as form fields beside
 * the function's parameters ({@code users[0][username]=…}). Moodle answers its errors as
 * HTTP 200 with {@code {exception, errorcode, message}}, which are failures here. The
 * token travels in the body only, never in the URL, a log line or a message.
 */
class MoodleClient {

	static final String PATH = "/webservice/rest/server.php";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MoodleConnection connection;

	private final OutboundUrlPolicy urls;

	private final HttpClient http;

	MoodleClient(MoodleConnection connection, OutboundUrlPolicy urls) {
		this.connection = connection;
		this.urls = urls;
		this.http = HttpClient.newBuilder().connectTimeout(connection.timeout()).build();
	}

	/**
	 * The site's name and release, as {@code core_webservice_get_site_info} tells them.
	 */
	record SiteInfo(String siteName, String release) {
	}

	/** A Moodle user as Cohort reads it. */
	record User(long id, String username, @Nullable String email, @Nullable String idnumber) {
	}

	/** A user to create; never with a national id. */
	record NewUser(String username, String email, String firstname, String lastname, String idnumber) {
	}

	/** A Moodle course as Cohort reads it. */
	record Course(long id, @Nullable String idnumber, @Nullable String shortname) {
	}

	MoodleResult<SiteInfo> siteInfo() {
		return call("core_webservice_get_site_info", Map.of(),
				body -> new SiteInfo(body.path("sitename").asString(""), body.path("release").asString("")));
	}

	/** The users whose {@code field} (id, idnumber, username or email) has this value. */
	MoodleResult<List<User>> usersByField(String field, String value) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("field", field);
		parameters.put("values[0]", value);
		return call("core_user_get_users_by_field", parameters, body -> {
			List<User> users = new ArrayList<>();
			body.forEach(user -> users.add(new User(user.path("id").asLong(), user.path("username").asString(""),
					text(user, "email"), text(user, "idnumber"))));
			return users;
		});
	}

	/**
	 * Creates the user (manual authentication, Moodle generates and mails the password);
	 * answers its id.
	 */
	MoodleResult<Long> createUser(NewUser user) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("users[0][username]", user.username());
		parameters.put("users[0][auth]", "manual");
		parameters.put("users[0][createpassword]", "1");
		parameters.put("users[0][firstname]", user.firstname());
		parameters.put("users[0][lastname]", user.lastname());
		parameters.put("users[0][email]", user.email());
		parameters.put("users[0][idnumber]", user.idnumber());
		return call("core_user_create_users", parameters, body -> body.path(0).path("id").asLong());
	}

	/** The courses whose idnumber is this one. */
	MoodleResult<List<Course>> coursesByIdnumber(String idnumber) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("field", "idnumber");
		parameters.put("value", idnumber);
		return call("core_course_get_courses_by_field", parameters, body -> {
			List<Course> courses = new ArrayList<>();
			body.path("courses")
				.forEach(course -> courses
					.add(new Course(course.path("id").asLong(), text(course, "idnumber"), text(course, "shortname"))));
			return courses;
		});
	}

	MoodleResult<Boolean> enrol(long roleId, long userId, long courseId) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("enrolments[0][roleid]", Long.toString(roleId));
		parameters.put("enrolments[0][userid]", Long.toString(userId));
		parameters.put("enrolments[0][courseid]", Long.toString(courseId));
		return call("enrol_manual_enrol_users", parameters, body -> true);
	}

	MoodleResult<Boolean> unenrol(long userId, long courseId) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("enrolments[0][userid]", Long.toString(userId));
		parameters.put("enrolments[0][courseid]", Long.toString(courseId));
		return call("enrol_manual_unenrol_users", parameters, body -> true);
	}

	/**
	 * The endpoint: the base URL's path with the REST server's appended, without any
	 * query.
	 */
	URI endpoint() {
		return UriComponentsBuilder.fromUri(connection.baseUrl()).path(PATH).build().toUri();
	}

	private <T> MoodleResult<T> call(String function, Map<String, String> parameters, Function<JsonNode, T> value) {
		URI uri = endpoint();
		try {
			urls.connectable(uri);
		}
		catch (OutboundUrlPolicy.Refused ex) {
			return new MoodleResult.Failure<>(false, null, "The Moodle URL is refused: " + ex.getMessage());
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("wstoken", connection.token());
		form.put("wsfunction", function);
		form.put("moodlewsrestformat", "json");
		form.putAll(parameters);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(connection.timeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)));
		RequestMetadata.correlationId().ifPresent(id -> request.header(RequestMetadata.HEADER, id));
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			return new MoodleResult.Failure<>(true, null,
					"Moodle did not answer " + function + " within " + connection.timeout().toMillis() + " ms");
		}
		catch (IOException ex) {
			return new MoodleResult.Failure<>(true, null,
					"Moodle could not be reached: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new MoodleResult.Failure<>(true, null, "Interrupted while calling Moodle");
		}
		return interpret(function, response, value);
	}

	private <T> MoodleResult<T> interpret(String function, HttpResponse<String> response, Function<JsonNode, T> value) {
		int status = response.statusCode();
		if (status == 408 || status == 429 || status >= 500) {
			return new MoodleResult.Failure<>(true, null, "Moodle answered HTTP " + status + " to " + function);
		}
		if (status != 200) {
			return new MoodleResult.Failure<>(false, null, "Moodle answered HTTP " + status + " to " + function
					+ (status == 404 ? " (is the base URL the site's root?)" : ""));
		}
		String text = response.body() == null ? "" : response.body().trim();
		JsonNode body;
		try {
			body = text.isEmpty() || text.equals("null") ? JSON.nullNode() : JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return new MoodleResult.Failure<>(false, null,
					"Moodle's answer to " + function + " is not JSON (is the REST protocol enabled?)");
		}
		if (body.isObject() && body.has("exception")) {
			return failure(function, body);
		}
		try {
			return new MoodleResult.Success<>(value.apply(body));
		}
		catch (RuntimeException ex) {
			return new MoodleResult.Failure<>(false, null, "Moodle's answer to " + function + " could not be read");
		}
	}

	/** An error Moodle answered inside HTTP 200, sorted by its errorcode. */
	static <T> MoodleResult.Failure<T> failure(String function, JsonNode body) {
		String errorcode = body.path("errorcode").asString("");
		String exception = body.path("exception").asString("");
		String message = body.path("message").asString("");
		boolean retryable = errorcode.startsWith("dml") && !errorcode.equals("dmlmissingrecordexception")
				|| exception.equals("dml_read_exception") || exception.equals("dml_write_exception")
				|| exception.equals("dml_connection_exception") || exception.equals("dml_transaction_exception");
		return new MoodleResult.Failure<>(retryable, errorcode.isEmpty() ? null : errorcode,
				"Moodle refused " + function + ": " + (errorcode.isEmpty() ? exception : errorcode) + " - " + message);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || value.asString("").isEmpty() ? null : value.asString();
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
