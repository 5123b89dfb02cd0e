package io.cohort.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cohort as a small Learning Record Store for the xAPI statements H5P content and video
 * players send: statements are stored by id (one given, or one assigned), idempotently —
 * the same id with the same body again changes nothing, with another body is a 409 — and
 * from them the same H5P scores and video progress the H5P source gives are derived. A
 * statement's content is H5P's local content id (in the object's definition extensions,
 * where H5P puts it, or the context's); its course is the linked MOOC course named by one
 * of its context activities; its user is the actor's account name (the MOOC user id) or
 * the MOOC user with the actor's email.
 */
@Service
public class XapiStatements {

	static final String CONTENT_ID = "http://h5p.org/x-api/h5p-local-content-id";

	static final String SUB_CONTENT_ID = "http://h5p.org/x-api/h5p-subContentId";

	static final String VIDEO = "https://w3id.org/xapi/video/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final RunCourses courses;

	private final SourceRows rows;

	private final Clock clock;

	XapiStatements(JdbcClient jdbc, RunCourses courses, SourceRows rows, Clock clock) {
		this.jdbc = jdbc;
		this.courses = courses;
		this.rows = rows;
		this.clock = clock;
	}

	/**
	 * Stores the statements (an object or an array) in one transaction and returns their
	 * ids, in order. A malformed statement refuses the whole batch (400), as does a
	 * conflicting one (409): nothing of it is kept.
	 */
	@Transactional
	public List<UUID> store(JsonNode body) {
		UUID tenant = CurrentActor.tenantId();
		List<JsonNode> statements = new ArrayList<>();
		if (body.isArray()) {
			body.forEach(statements::add);
		}
		else {
			statements.add(body);
		}
		if (statements.isEmpty()) {
			throw CohortException.invalidField("statements", "must hold at least one statement");
		}
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < statements.size(); i++) {
			ids.add(storeOne(tenant, statements.get(i), statements.size() == 1 ? "" : "[" + i + "]."));
		}
		return ids;
	}

	private UUID storeOne(UUID tenant, JsonNode given, String at) {
		if (!given.isObject()) {
			throw CohortException.invalidField(at + "statement", "must be a JSON object");
		}
		ObjectNode statement = (ObjectNode) given.deepCopy();
		UUID id = statement.hasNonNull("id") ? uuid(statement.get("id").asString(), at + "id") : UUID.randomUUID();
		statement.put("id", id.toString());
		String verb = statement.path("verb").path("id").asString("");
		if (verb.isBlank()) {
			throw CohortException.invalidField(at + "verb.id", "is required");
		}
		if (!statement.path("actor").isObject()) {
			throw CohortException.invalidField(at + "actor", "is required");
		}
		if (!statement.path("object").path("id").isString()) {
			throw CohortException.invalidField(at + "object.id", "is required");
		}
		statement.remove("stored");
		statement.remove("authority");
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		int inserted = jdbc.sql("""
				INSERT INTO xapi_statement (tenant_id, id, body, verb, stored_at, stored_by)
				VALUES (:tenant, :id, CAST(:body AS JSONB), :verb, :now, :by) ON CONFLICT DO NOTHING""")
			.param("tenant", tenant)
			.param("id", id)
			.param("body", JSON.writeValueAsString(statement))
			.param("verb", verb)
			.param("now", Timestamp.from(now))
			.param("by", CurrentActor.actorRef().label())
			.update();
		if (inserted == 0) {
			JsonNode stored = JSON.readTree(
					jdbc.sql("SELECT body::text FROM xapi_statement WHERE tenant_id = :tenant AND id = :id FOR SHARE")
						.param("tenant", tenant)
						.param("id", id)
						.query(String.class)
						.single());
			if (stored.equals(statement)) {
				return id;
			}
			throw new CohortException(ProblemCode.XAPI_STATEMENT_CONFLICT,
					"A statement with id " + id + " is already stored with a different body");
		}
		derive(tenant, statement, verb, now);
		return id;
	}

	/**
	 * The H5P score or video progress the statement carries, if it names a known course
	 * and user.
	 */
	private void derive(UUID tenant, JsonNode statement, String verb, Instant now) {
		JsonNode context = statement.path("context");
		// H5P's setObject puts its ids in the object's definition; some hosts copy them
		// to the context
		JsonNode objectExtensions = statement.path("object").path("definition").path("extensions");
		JsonNode contentId = objectExtensions.has(CONTENT_ID) ? objectExtensions.path(CONTENT_ID)
				: context.path("extensions").path(CONTENT_ID);
		if (!contentId.isNumber() && !(contentId.isString() && contentId.asString().matches("\\d{1,18}"))) {
			return;
		}
		Optional<String> course = course(tenant, context.path("contextActivities"));
		if (course.isEmpty()) {
			return;
		}
		Optional<Long> user = user(tenant, course.get(), statement.path("actor"));
		if (user.isEmpty()) {
			return;
		}
		long content = contentId.asLong();
		String title = name(statement.path("object"));
		JsonNode result = statement.path("result");
		boolean changed = false;
		if (verb.startsWith(VIDEO) || result.path("extensions").has(VIDEO + "extensions/progress")) {
			JsonNode progress = result.path("extensions").path(VIDEO + "extensions/progress");
			double length = context.path("extensions").path(VIDEO + "extensions/length").asDouble(0);
			double time = result.path("extensions").path(VIDEO + "extensions/time").asDouble(0);
			double percent = progress.isNumber() ? progress.asDouble() * 100
					: verb.endsWith("/completed") ? 100 : length > 0 ? time * 100 / length : 0;
			changed = rows.video(tenant, user.get(), course.get(), content, title, percent, (int) Math.round(time),
					(int) Math.round(length), now, true) > 0;
		}
		else if (result.path("score").has("raw") && result.path("score").has("max")
				&& !objectExtensions.has(SUB_CONTENT_ID) && !context.path("extensions").has(SUB_CONTENT_ID)) {
			// H5P sends a statement per sub-content too; only the content's own score
			// counts
			changed = rows.score(tenant, user.get(), course.get(), content, title,
					(int) Math.round(result.path("score").path("raw").asDouble()),
					(int) Math.round(result.path("score").path("max").asDouble()), now) > 0;
		}
		if (changed) {
			rows.summarise(tenant, user.get(), course.get());
		}
	}

	private Optional<String> course(UUID tenant, JsonNode activities) {
		List<String> ids = new ArrayList<>();
		for (String kind : List.of("parent", "grouping", "category", "other")) {
			JsonNode list = activities.path(kind);
			if (list.isObject()) {
				ids.add(list.path("id").asString(""));
			}
			list.forEach(activity -> ids.add(activity.path("id").asString("")));
		}
		List<String> linked = courses.courses(tenant);
		for (String id : ids) {
			for (String course : linked) {
				if (id.equals(course) || id.endsWith("/" + course) || id.endsWith("/" + course + "/")
						|| id.contains("/courses/" + course + "/")) {
					return Optional.of(course);
				}
			}
		}
		return Optional.empty();
	}

	private Optional<Long> user(UUID tenant, String course, JsonNode actor) {
		String account = actor.path("account").path("name").asString("");
		if (account.matches("\\d{1,18}")) {
			return Optional.of(Long.parseLong(account));
		}
		String mbox = actor.path("mbox").asString("");
		if (mbox.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
			return rows.userByEmail(tenant, course, mbox.substring("mailto:".length()));
		}
		return Optional.empty();
	}

	private static @Nullable String name(JsonNode object) {
		JsonNode names = object.path("definition").path("name");
		if (names.isObject() && !names.isEmpty()) {
			JsonNode english = names.path("en-US");
			return english.isString() ? english.asString() : names.values().iterator().next().asString(null);
		}
		return null;
	}

	private static UUID uuid(String value, String field) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw CohortException.invalidField(field, "must be a UUID");
		}
	}

	/** The statements version Cohort speaks, checked against the request's header. */
	public static void checkVersion(@Nullable String version) {
		if (version == null || !version.trim().startsWith("1.0")) {
			throw new CohortException(ProblemCode.XAPI_VERSION, "Send X-Experience-API-Version: 1.0.3",
					Map.of("errors", List.of(Map.of("field", "X-Experience-API-Version", "message", "must be 1.0.x"))));
		}
	}

}
