package io.cohort.analytics.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.cohort.system.Installation;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Simulated MOOC and H5P sources, each site with its own token and courses. A course's
 * cohort is generated from a seed: each user's latent engagement drives their progress,
 * videos, H5P scores, discussions and last activity, and (with noise) whether they drop
 * out; in a finished course a dropout is unenrolled and has not passed. Answers follow
 * seed 004's endpoints, paginated like Django REST framework ({@code count, next,
 * results}, {@code ?page=&page_size=}); a site can be told to fail its next calls (a
 * status, or a slow answer).
 */
@Component
public class AnalyticsSimulator {

	/** Videos and H5P contents in every simulated course. */
	public static final int VIDEOS = 8;

	public static final int CONTENTS = 6;

	private final Map<String, Site> sites = new ConcurrentHashMap<>();

	private final SecureRandom secure = new SecureRandom();

	private final boolean enabled;

	AnalyticsSimulator(Environment environment, Installation installation) {
		Boolean setting = environment.getProperty("cohort.analytics.simulator.enabled", Boolean.class);
		this.enabled = setting != null ? setting : installation.local();
	}

	/** An answer: its status, its JSON-ready body, and how long to hold it first. */
	public record Answer(int status, Object body, Duration hold) {
	}

	/** A failure the site answers its next call with. */
	private record Failure(int status, Duration hold) {
	}

	private static final class Site {

		final String token;

		final Map<String, List<SimulatedUser>> courses = new ConcurrentHashMap<>();

		final Deque<Failure> failures = new ArrayDeque<>();

		final AtomicInteger calls = new AtomicInteger();

		/** How long every answer waits first: a remote source's round trip. */
		final Duration latency;

		Site(String token, Duration latency) {
			this.token = token;
			this.latency = latency;
		}

	}

	/**
	 * Whether the simulator answers HTTP calls
	 * ({@code cohort.analytics.simulator.enabled}, else local mode).
	 */
	public boolean enabled() {
		return enabled;
	}

	/** A new site with a fresh token; returns the token. */
	public String createSite(String name) {
		String token = HexFormat.of().formatHex(bytes(16));
		sites.put(name, new Site(token, Duration.ZERO));
		return token;
	}

	/**
	 * A new site under this name with a fresh token, unless the name is taken; returns
	 * the token. Each of the site's answers waits {@code latency} first, as a remote
	 * source's would.
	 */
	public Optional<String> createSiteIfAbsent(String name, Duration latency) {
		String token = HexFormat.of().formatHex(bytes(16));
		return sites.putIfAbsent(name, new Site(token, latency)) == null ? Optional.of(token) : Optional.empty();
	}

	/** Whether this is the token of the site under this name. */
	boolean tokenOf(String siteName, @Nullable String authorization) {
		Site site = sites.get(siteName);
		return site != null && authorization != null && authorization.equals("Bearer " + site.token);
	}

	/** The site under this name with this token, made (empty) unless it is there. */
	public void site(String name, String token) {
		sites.computeIfAbsent(name, n -> new Site(token, Duration.ZERO));
	}

	/**
	 * Adds (or replaces) a course generated from the seed: the known learners first, then
	 * {@code extra} generated users no Cohort learner matches.
	 * @param end when the course ends (or, for a course still running, now)
	 * @param finished whether the course is over: dropouts are then unenrolled
	 */
	public List<SimulatedUser> addCourse(String siteName, String courseId, long seed, List<SimulatedLearner> known,
			int extra, Instant end, boolean finished) {
		List<SimulatedLearner> all = new ArrayList<>(known);
		for (int i = 0; i < extra; i++) {
			String name = courseId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-guest" + (i + 1);
			all.add(new SimulatedLearner(name + "@mooc.example", "Guest " + (i + 1)));
		}
		List<SimulatedUser> users = SyntheticCohorts.cohort(seed, all, end, finished);
		site(siteName).courses.put(courseId, users);
		return users;
	}

	/** The site answers its next {@code count} calls with this status. */
	public void failNext(String siteName, int count, int status) {
		Site site = site(siteName);
		synchronized (site.failures) {
			for (int i = 0; i < count; i++) {
				site.failures.add(new Failure(status, Duration.ZERO));
			}
		}
	}

	/**
	 * The site answers its next {@code count} calls normally (before the failures queued
	 * after).
	 */
	public void passNext(String siteName, int count) {
		Site site = site(siteName);
		synchronized (site.failures) {
			for (int i = 0; i < count; i++) {
				site.failures.add(new Failure(200, Duration.ZERO));
			}
		}
	}

	/** The site holds its next call this long before answering it normally. */
	public void slowNext(String siteName, Duration hold) {
		Site site = site(siteName);
		synchronized (site.failures) {
			site.failures.add(new Failure(200, hold));
		}
	}

	/** How many calls the site has answered (failures included). */
	public int calls(String siteName) {
		return site(siteName).calls.get();
	}

	/** The users of a course, as generated. */
	public List<SimulatedUser> users(String siteName, String courseId) {
		return site(siteName).courses.getOrDefault(courseId, List.of());
	}

	/**
	 * Answers {@code GET /simulators/analytics/{site}/{path}}; empty (404) for an unknown
	 * site or path, or while the simulator is disabled.
	 */
	Optional<Answer> call(String siteName, String path, Map<String, String> query, @Nullable String authorization,
			String self) {
		Site site = sites.get(siteName);
		if (site == null || !enabled) {
			return Optional.empty();
		}
		site.calls.incrementAndGet();
		if (authorization == null || !authorization.equals("Bearer " + site.token)) {
			return Optional
				.of(new Answer(401, Map.of("detail", "Authentication credentials were not provided."), site.latency));
		}
		Failure failure;
		synchronized (site.failures) {
			failure = site.failures.poll();
		}
		Duration hold = site.latency;
		if (failure != null) {
			if (failure.status() != 200) {
				return Optional.of(new Answer(failure.status(), Map.of("detail", "Simulated failure"), site.latency));
			}
			hold = hold.plus(failure.hold());
		}
		Duration held = hold;
		return route(site, path.split("/"), query, self).map(body -> new Answer(200, body, held));
	}

	private Optional<Object> route(Site site, String[] parts, Map<String, String> query, String self) {
		// parts: "", "mooc"|"h5p", ...
		if (parts.length < 3) {
			return Optional.empty();
		}
		if ("mooc".equals(parts[1])) {
			String list = parts.length == 4 ? parts[2] : parts.length == 5 ? parts[2] + "/" + parts[3] : "";
			String courseId = parts[parts.length - 1];
			List<SimulatedUser> users = site.courses.get(courseId);
			if (users == null) {
				return Optional.empty();
			}
			return switch (list) {
				case "course-enrollments-attributes" ->
					Optional.of(page(users, query, self, u -> enrollment(u, courseId)));
				case "export/student-grades" -> Optional.of(page(users, query, self, AnalyticsSimulator::grade));
				case "export/student-progress" -> Optional.of(page(users, query, self, AnalyticsSimulator::progress));
				case "export/student-discussions" ->
					Optional.of(page(users, query, self, AnalyticsSimulator::discussions));
				case "export/complete-student-data" -> Optional.of(page(users, query, self, u -> {
					Map<String, Object> all = new LinkedHashMap<>(enrollment(u, courseId));
					all.put("grade", grade(u));
					all.put("progress", progress(u));
					all.put("discussions", discussions(u));
					return all;
				}));
				default -> Optional.empty();
			};
		}
		if ("h5p".equals(parts[1]) && parts.length == 5) {
			String courseId = parts[4];
			List<SimulatedUser> users = site.courses.get(courseId);
			if (users == null) {
				return Optional.empty();
			}
			Optional<SimulatedUser> user = users.stream()
				.filter(u -> String.valueOf(u.userId()).equals(parts[3]))
				.findFirst();
			if (user.isEmpty()) {
				return Optional.empty();
			}
			return switch (parts[2]) {
				case "scores" -> Optional.of(scores(user.get(), courseId));
				case "video-progress" -> Optional.of(videos(user.get(), courseId));
				case "dashboard" -> Optional.of(dashboard(user.get(), courseId));
				default -> Optional.empty();
			};
		}
		return Optional.empty();
	}

	private interface Shape {

		Map<String, Object> of(SimulatedUser user);

	}

	private static Map<String, Object> page(List<SimulatedUser> users, Map<String, String> query, String self,
			Shape shape) {
		int page = Math.max(1, parse(query.get("page"), 1));
		int size = Math.max(1, Math.min(1000, parse(query.get("page_size"), 100)));
		int from = Math.min(users.size(), (page - 1) * size);
		int to = Math.min(users.size(), from + size);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", users.size());
		body.put("next", to < users.size() ? self + "?page=" + (page + 1) + "&page_size=" + size : null);
		body.put("previous", page > 1 ? self + "?page=" + (page - 1) + "&page_size=" + size : null);
		body.put("results", users.subList(from, to).stream().map(shape::of).toList());
		return body;
	}

	private static int parse(@Nullable String value, int otherwise) {
		try {
			return value == null ? otherwise : Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	private static Map<String, Object> enrollment(SimulatedUser u, String courseId) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("course_id", courseId);
		row.put("user_id", u.userId());
		row.put("username", u.username());
		row.put("email", u.email());
		row.put("full_name", u.fullName());
		row.put("enrollment_id", u.enrollmentId());
		row.put("mode", "audit");
		row.put("is_active", u.active());
		row.put("created", u.enrolled().toString());
		row.put("attributes", Map.of("cohort", "simulated"));
		return row;
	}

	private static Map<String, Object> grade(SimulatedUser u) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("user_id", u.userId());
		row.put("username", u.username());
		row.put("percent", Math.round(u.grade() * 10_000) / 10_000.0);
		row.put("letter_grade", u.passed() ? (u.grade() >= 0.8 ? "A" : u.grade() >= 0.65 ? "B" : "C") : null);
		row.put("passed", u.passed());
		return row;
	}

	private static Map<String, Object> progress(SimulatedUser u) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("user_id", u.userId());
		row.put("total_blocks", u.totalBlocks());
		row.put("completed_blocks", u.completedBlocks());
		double rate = u.completedBlocks() / (double) u.totalBlocks();
		row.put("progress_percent", Math.round(rate * 10_000) / 100.0);
		int chapter = 1 + Math.min(4, u.completedBlocks() / 10);
		row.put("current_chapter", "Chapter " + chapter);
		row.put("current_section", "Section " + chapter + "." + (1 + u.completedBlocks() % 10 / 4));
		row.put("current_unit", "Unit " + (1 + u.completedBlocks() % 4));
		row.put("completion_rate", Math.round(rate * 10_000) / 10_000.0);
		row.put("last_activity", u.lastActivity().toString());
		return row;
	}

	private static Map<String, Object> discussions(SimulatedUser u) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("user_id", u.userId());
		row.put("threads_count", u.threads());
		row.put("comments_count", u.comments());
		row.put("total_interactions", u.threads() + u.comments());
		row.put("questions_count", u.questions());
		row.put("total_upvotes", u.upvotes());
		return row;
	}

	private static Map<String, Object> scores(SimulatedUser u, String courseId) {
		List<Map<String, Object>> scores = new ArrayList<>();
		for (int i = 0; i < u.h5pScores().length; i++) {
			if (u.h5pScores()[i] >= 0) {
				scores.add(Map.of("content_id", 100 + i, "content_title", "Quiz " + (i + 1), "score", u.h5pScores()[i],
						"max_score", SimulatedUser.MAX_SCORE, "percentage",
						u.h5pScores()[i] * 100.0 / SimulatedUser.MAX_SCORE));
			}
		}
		return Map.of("user_id", u.userId(), "course_id", courseId, "scores", scores);
	}

	private static Map<String, Object> videos(SimulatedUser u, String courseId) {
		List<Map<String, Object>> videos = new ArrayList<>();
		for (int i = 0; i < u.videoWatched().length; i++) {
			int watched = u.videoWatched()[i];
			videos.add(Map.of("content_id", 200 + i, "content_title", "Video " + (i + 1), "progress_percent",
					Math.round(watched * 10_000.0 / SimulatedUser.VIDEO_SECONDS) / 100.0, "current_time", watched,
					"duration", SimulatedUser.VIDEO_SECONDS, "status", watched == 0 ? "not_started"
							: watched >= SimulatedUser.VIDEO_SECONDS ? "completed" : "in_progress"));
		}
		return Map.of("user_id", u.userId(), "course_id", courseId, "videos", videos);
	}

	private static Map<String, Object> dashboard(SimulatedUser u, String courseId) {
		long h5pDone = java.util.Arrays.stream(u.h5pScores()).filter(s -> s >= 0).count();
		long videosDone = java.util.Arrays.stream(u.videoWatched())
			.filter(w -> w >= SimulatedUser.VIDEO_SECONDS)
			.count();
		int total = SyntheticCohorts.BLOCKS + CONTENTS + VIDEOS;
		long done = u.completedBlocks() + h5pDone + videosDone;
		return Map.of("user_id", u.userId(), "course_id", courseId, "overall_completion",
				Math.round(done * 10_000.0 / total) / 100.0, "total_items", total, "completed_items", done,
				"h5p_total_contents", CONTENTS, "video_total_videos", VIDEOS);
	}

	private Site site(String name) {
		Site site = sites.get(name);
		if (site == null) {
			throw new IllegalArgumentException("No simulated site " + name);
		}
		return site;
	}

	private byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		secure.nextBytes(bytes);
		return bytes;
	}

}
