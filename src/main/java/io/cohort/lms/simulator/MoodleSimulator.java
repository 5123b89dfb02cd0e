package io.cohort.lms.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cohort.system.Installation;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * An in-repo simulator of Moodle's REST web services for local use and tests, answering
 * the real form encoding at {@code /simulators/moodle/{site}/webservice/rest/server.php}
 * and Moodle's error shape (HTTP 200 with {@code {exception, errorcode, message}}). Its
 * sites live in memory; tests create sites and courses, arm faults (unavailable, stalls,
 * a user created between search and create, errors, a revoked token) and read users,
 * enrolments and every request through this Java API.
 */
@Component
public class MoodleSimulator {

	static final String RELEASE = "4.5.1 (Build: 20241209)";

	private static final Pattern INDEXED = Pattern.compile("(\\w+)\\[(\\d+)]\\[(\\w+)]");

	private final Map<String, Site> sites = new ConcurrentHashMap<>();

	private final SecureRandom secure = new SecureRandom();

	private final boolean enabled;

	MoodleSimulator(Environment environment, Installation installation) {
		Boolean setting = environment.getProperty("cohort.lms.simulator.enabled", Boolean.class);
		this.enabled = setting != null ? setting : installation.local();
	}

	/**
	 * Whether the simulator answers HTTP calls ({@code cohort.lms.simulator.enabled},
	 * else local mode).
	 */
	public boolean enabled() {
		return enabled;
	}

	/** A new site with a fresh token. */
	public SimulatedSite createSite(String name) {
		String token = HexFormat.of().formatHex(bytes(16));
		sites.put(name, new Site(name, token));
		return new SimulatedSite(name, token);
	}

	/**
	 * The site with this token (the local demo's, kept in its settings): kept if it
	 * exists with it, else new.
	 */
	public SimulatedSite site(String name, String token) {
		Site site = sites.compute(name,
				(key, existing) -> existing != null && existing.token.equals(token) ? existing : new Site(name, token));
		return new SimulatedSite(site.name, site.token);
	}

	/** Adds a course (with a manual enrolment instance); answers its id. */
	public long addCourse(String site, String idnumber, String shortname, String fullname) {
		Site s = site(site);
		synchronized (s) {
			Optional<SimulatedCourse> existing = s.courses.stream()
				.filter(c -> c.idnumber().equals(idnumber))
				.findFirst();
			if (existing.isPresent()) {
				return existing.get().id();
			}
			SimulatedCourse course = new SimulatedCourse(s.nextId++, idnumber, shortname, fullname);
			s.courses.add(course);
			return course.id();
		}
	}

	/**
	 * Adds a user, as another system (or an administrator) would have; answers its id.
	 */
	public long addUser(String site, String username, String email, String idnumber, String firstname,
			String lastname) {
		Site s = site(site);
		synchronized (s) {
			SimulatedUser user = new SimulatedUser(s.nextId++, username, email, idnumber, firstname, lastname);
			s.users.add(user);
			return user.id();
		}
	}

	/** Deletes a user and its enrolments, as an administrator would. */
	public void deleteUser(String site, long userId) {
		Site s = site(site);
		synchronized (s) {
			s.users.removeIf(u -> u.id() == userId);
			s.enrolments.removeIf(e -> e.userId() == userId);
		}
	}

	/** How many user creations met a twin (armed or drawn). */
	public int racesMet(String site) {
		Site s = site(site);
		synchronized (s) {
			return s.racesMet;
		}
	}

	/** How many calls were answered 503 by the random outages. */
	public int outagesServed(String site) {
		Site s = site(site);
		synchronized (s) {
			return s.outagesServed;
		}
	}

	public List<SimulatedUser> users(String site) {
		Site s = site(site);
		synchronized (s) {
			return List.copyOf(s.users);
		}
	}

	public List<SimulatedCourse> courses(String site) {
		Site s = site(site);
		synchronized (s) {
			return List.copyOf(s.courses);
		}
	}

	public List<SimulatedEnrolment> enrolments(String site) {
		Site s = site(site);
		synchronized (s) {
			return List.copyOf(s.enrolments);
		}
	}

	/** Every call the site received, oldest first, without the token. */
	public List<SimulatedRequest> requests(String site) {
		Site s = site(site);
		synchronized (s) {
			return List.copyOf(s.requests);
		}
	}

	/** The next {@code calls} calls answer 503 and change nothing. */
	public void unavailableNext(String site, int calls) {
		arm(site, calls, new Site.Fault.Unavailable());
	}

	/**
	 * The next call is answered only after this delay (set the client's timeout shorter).
	 */
	public void stallNext(String site, Duration stall) {
		arm(site, 1, new Site.Fault.Stall(stall));
	}

	/** The next call answers this Moodle error inside HTTP 200 and changes nothing. */
	public void failNextWith(String site, String exception, String errorcode, String message) {
		arm(site, 1, new Site.Fault.Error(exception, errorcode, message));
	}

	/**
	 * The next user creation meets a twin: the user appears just before it, and it is
	 * refused as existing.
	 */
	public void raceNextCreate(String site) {
		Site s = site(site);
		synchronized (s) {
			s.races++;
		}
	}

	/**
	 * From now on, this share of calls answers 503 and this share of user creations meets
	 * a twin (seeded).
	 */
	public void randomFaults(String site, long seed, double outages, double races) {
		Site s = site(site);
		synchronized (s) {
			s.random = new Random(seed);
			s.outages = outages;
			s.raceShare = races;
		}
	}

	/** The site's token stops working (as when an administrator deletes it). */
	public void revokeToken(String site) {
		Site s = site(site);
		synchronized (s) {
			s.token = HexFormat.of().formatHex(bytes(16));
		}
	}

	private void arm(String site, int calls, Site.Fault fault) {
		Site s = site(site);
		synchronized (s) {
			for (int i = 0; i < calls; i++) {
				s.faults.add(fault);
			}
		}
	}

	private Site site(String name) {
		Site site = sites.get(name);
		if (site == null) {
			throw new IllegalArgumentException("No simulated Moodle site " + name);
		}
		return site;
	}

	/**
	 * An answer: its HTTP status, its JSON body (or text for a 503) and how long to hold
	 * it.
	 */
	record Answer(int status, Object body, Duration hold) {
	}

	/**
	 * One call to the site's REST server with the request's parameters; empty when there
	 * is no such site.
	 */
	Optional<Answer> call(String siteName, Map<String, String> parameters) {
		Site site = sites.get(siteName);
		if (site == null || !enabled) {
			return Optional.empty();
		}
		synchronized (site) {
			String function = parameters.getOrDefault("wsfunction", "");
			Map<String, String> recorded = new TreeMap<>(parameters);
			recorded.remove("wstoken");
			site.requests.add(new SimulatedRequest(function, Map.copyOf(recorded)));
			Site.Fault fault = site.nextFault();
			if (fault instanceof Site.Fault.Unavailable) {
				return Optional.of(new Answer(503, "Service Unavailable", Duration.ZERO));
			}
			Duration hold = fault instanceof Site.Fault.Stall stall ? stall.stall() : Duration.ZERO;
			if (!"json".equals(parameters.get("moodlewsrestformat"))) {
				return Optional.of(new Answer(200, error("moodle_exception", "invalidparameter",
						"This simulator answers moodlewsrestformat=json only"), hold));
			}
			if (!site.token.equals(parameters.get("wstoken"))) {
				return Optional.of(new Answer(200,
						error("moodle_exception", "invalidtoken", "Invalid token - token not found"), hold));
			}
			if (fault instanceof Site.Fault.Error armed) {
				return Optional.of(new Answer(200, error(armed.exception(), armed.errorcode(), armed.message()), hold));
			}
			Object body = switch (function) {
				case "core_webservice_get_site_info" -> siteInfo(site);
				case "core_user_get_users_by_field" -> usersByField(site, parameters);
				case "core_user_create_users" -> createUsers(site, parameters);
				case "core_course_get_courses_by_field" -> coursesByField(site, parameters);
				case "enrol_manual_enrol_users" -> enrol(site, parameters);
				case "enrol_manual_unenrol_users" -> unenrol(site, parameters);
				default -> error("webservice_access_exception", "accessexception",
						"Access control exception (function " + function + " is not in the service)");
			};
			return Optional.of(new Answer(200, body == null ? "null" : body, hold));
		}
	}

	private static Map<String, Object> siteInfo(Site site) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("sitename", "Simulated Moodle (" + site.name + ")");
		info.put("username", "cohort-ws");
		info.put("release", RELEASE);
		info.put("version", "2024100701.01");
		return info;
	}

	private static Object usersByField(Site site, Map<String, String> parameters) {
		String field = parameters.getOrDefault("field", "");
		List<String> values = new ArrayList<>();
		for (int i = 0; parameters.containsKey("values[" + i + "]"); i++) {
			values.add(parameters.get("values[" + i + "]"));
		}
		if (!List.of("id", "idnumber", "username", "email").contains(field)) {
			return error("invalid_parameter_exception", "invalidparameter", "Invalid parameter value detected");
		}
		return site.users.stream().filter(user -> values.stream().anyMatch(value -> switch (field) {
			case "id" -> Long.toString(user.id()).equals(value);
			case "idnumber" -> user.idnumber().equals(value);
			case "username" -> user.username().equals(value.toLowerCase(Locale.ROOT));
			default -> user.email().equalsIgnoreCase(value);
		})).map(MoodleSimulator::user).toList();
	}

	private static Map<String, Object> user(SimulatedUser user) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", user.id());
		json.put("username", user.username());
		json.put("firstname", user.firstname());
		json.put("lastname", user.lastname());
		json.put("fullname", user.firstname() + " " + user.lastname());
		json.put("email", user.email());
		json.put("idnumber", user.idnumber());
		return json;
	}

	/**
	 * All or nothing, as Moodle's delegated transaction; a taken username or idnumber
	 * refuses the batch.
	 */
	private @Nullable Object createUsers(Site site, Map<String, String> parameters) {
		List<Map<String, String>> users = indexed("users", parameters);
		if (users.isEmpty()) {
			return error("invalid_parameter_exception", "invalidparameter", "Invalid parameter value detected (users)");
		}
		if (site.race()) {
			Map<String, String> twin = users.get(0);
			site.users.add(new SimulatedUser(site.nextId++, twin.getOrDefault("username", ""),
					twin.getOrDefault("email", ""), twin.getOrDefault("idnumber", ""),
					twin.getOrDefault("firstname", ""), twin.getOrDefault("lastname", "")));
		}
		for (Map<String, String> user : users) {
			String username = user.getOrDefault("username", "");
			for (String required : List.of("username", "firstname", "lastname", "email")) {
				if (user.getOrDefault(required, "").isBlank()) {
					return error("invalid_parameter_exception", "invalidparameter",
							"Invalid parameter value detected (Missing required key in single structure: " + required
									+ ")");
				}
			}
			if (!username.equals(username.toLowerCase(Locale.ROOT)) || !username.matches("[a-z0-9_.@-]+")) {
				return error("invalid_parameter_exception", "invalidparameter",
						"Invalid parameter value detected (The username must be in lower case and plain characters)");
			}
			if (site.users.stream().anyMatch(u -> u.username().equals(username))) {
				return error("invalid_parameter_exception", "invalidparameter",
						"Invalid parameter value detected (Username already exists: " + username + ")");
			}
			String idnumber = user.getOrDefault("idnumber", "");
			if (!idnumber.isEmpty() && site.users.stream().anyMatch(u -> u.idnumber().equals(idnumber))) {
				return error("invalid_parameter_exception", "invalidparameter",
						"Invalid parameter value detected (The ID number is already in use: " + idnumber + ")");
			}
		}
		List<Map<String, Object>> created = new ArrayList<>();
		for (Map<String, String> user : users) {
			SimulatedUser added = new SimulatedUser(site.nextId++, user.get("username"), user.get("email"),
					user.getOrDefault("idnumber", ""), user.get("firstname"), user.get("lastname"));
			site.users.add(added);
			created.add(Map.of("id", added.id(), "username", added.username()));
		}
		return created;
	}

	private static Object coursesByField(Site site, Map<String, String> parameters) {
		String field = parameters.getOrDefault("field", "");
		String value = parameters.getOrDefault("value", "");
		List<Map<String, Object>> courses = site.courses.stream().filter(course -> switch (field) {
			case "" -> true;
			case "id" -> Long.toString(course.id()).equals(value);
			case "idnumber" -> course.idnumber().equals(value);
			case "shortname" -> course.shortname().equals(value);
			default -> false;
		}).map(course -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", course.id());
			json.put("fullname", course.fullname());
			json.put("shortname", course.shortname());
			json.put("idnumber", course.idnumber());
			return json;
		}).toList();
		return Map.of("courses", courses, "warnings", List.of());
	}

	private static @Nullable Object enrol(Site site, Map<String, String> parameters) {
		List<Map<String, String>> enrolments = indexed("enrolments", parameters);
		List<SimulatedEnrolment> checked = new ArrayList<>();
		for (Map<String, String> enrolment : enrolments) {
			long role = number(enrolment.get("roleid"));
			long user = number(enrolment.get("userid"));
			long course = number(enrolment.get("courseid"));
			if (role < 1 || role > 8) {
				return error("moodle_exception", "wsusercannotassign",
						"You don't have the permission to assign this role (" + role + ") to this user (" + user
								+ ") in this course(" + course + ").");
			}
			if (site.users.stream().noneMatch(u -> u.id() == user)) {
				return error("dml_missing_record_exception", "invalidrecord",
						"Can't find data record in database table user.");
			}
			if (site.courses.stream().noneMatch(c -> c.id() == course)) {
				return error("dml_missing_record_exception", "invalidrecord",
						"Can't find data record in database table course.");
			}
			checked.add(new SimulatedEnrolment(user, course, role));
		}
		for (SimulatedEnrolment enrolment : checked) {
			site.enrolments.removeIf(e -> e.userId() == enrolment.userId() && e.courseId() == enrolment.courseId());
			site.enrolments.add(enrolment);
		}
		return null;
	}

	private static @Nullable Object unenrol(Site site, Map<String, String> parameters) {
		for (Map<String, String> enrolment : indexed("enrolments", parameters)) {
			long user = number(enrolment.get("userid"));
			long course = number(enrolment.get("courseid"));
			if (site.courses.stream().noneMatch(c -> c.id() == course)) {
				return error("dml_missing_record_exception", "invalidrecord",
						"Can't find data record in database table course.");
			}
			site.enrolments.removeIf(e -> e.userId() == user && e.courseId() == course);
		}
		return null;
	}

	/**
	 * The parameters of an array of structures ({@code users[0][username]}) as one map
	 * per element.
	 */
	private static List<Map<String, String>> indexed(String name, Map<String, String> parameters) {
		Map<Integer, Map<String, String>> elements = new TreeMap<>();
		parameters.forEach((key, value) -> {
			Matcher matcher = INDEXED.matcher(key);
			if (matcher.matches() && matcher.group(1).equals(name)) {
				elements.computeIfAbsent(Integer.parseInt(matcher.group(2)), i -> new LinkedHashMap<>())
					.put(matcher.group(3), value);
			}
		});
		return new ArrayList<>(elements.values());
	}

	private static long number(@Nullable String value) {
		try {
			return value == null ? -1 : Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Map<String, Object> error(String exception, String errorcode, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("exception", exception);
		error.put("errorcode", errorcode);
		error.put("message", message);
		return error;
	}

	private byte[] bytes(int n) {
		byte[] bytes = new byte[n];
		secure.nextBytes(bytes);
		return bytes;
	}

}
