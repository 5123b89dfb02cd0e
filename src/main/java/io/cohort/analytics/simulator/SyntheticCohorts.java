package io.cohort.analytics.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic cohorts with a known dropout signal: each user's latent engagement
 * (uniform 0–1) drives their progress, videos watched, H5P scores, discussion posts and
 * last activity; a user drops out when engagement plus noise falls below 0.35, and then
 * stops early in the course and goes quiet for 9 days or more.
 */
public final class SyntheticCohorts {

	static final int BLOCKS = 40;

	private SyntheticCohorts() {
	}

	/** {@code size} generated users (emails at mooc.example). */
	public static List<SimulatedUser> cohort(long seed, int size, Instant end, boolean finished) {
		List<SimulatedLearner> learners = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			learners.add(new SimulatedLearner("user" + seed + "-" + (i + 1) + "@mooc.example", "User " + (i + 1)));
		}
		return cohort(seed, learners, end, finished);
	}

	/** A user per learner, in order, from the seed. */
	public static List<SimulatedUser> cohort(long seed, List<SimulatedLearner> learners, Instant end,
			boolean finished) {
		Random random = new Random(seed);
		long baseId = 1000 + Math.floorMod(seed, 1000) * 1000L;
		List<SimulatedUser> users = new ArrayList<>();
		for (int i = 0; i < learners.size(); i++) {
			users.add(user(random, baseId + i, learners.get(i), end, finished));
		}
		return List.copyOf(users);
	}

	private static SimulatedUser user(Random random, long userId, SimulatedLearner learner, Instant end,
			boolean finished) {
		double engagement = random.nextDouble();
		boolean dropout = engagement + 0.12 * random.nextGaussian() < 0.35;
		double reach = dropout ? 0.2 + 0.6 * random.nextDouble() : 0.6 + 0.4 * random.nextDouble();
		int completed = (int) Math
			.round(BLOCKS * clamp(reach * (0.5 + 0.5 * engagement) + 0.05 * random.nextGaussian()));
		int[] videos = new int[AnalyticsSimulator.VIDEOS];
		for (int i = 0; i < AnalyticsSimulator.VIDEOS; i++) {
			boolean reached = (i + 0.5) / AnalyticsSimulator.VIDEOS <= reach;
			double watched = reached ? clamp(0.35 + 0.75 * engagement + 0.15 * random.nextGaussian()) : 0;
			videos[i] = (int) Math.round(SimulatedUser.VIDEO_SECONDS * watched);
		}
		int[] h5p = new int[AnalyticsSimulator.CONTENTS];
		for (int i = 0; i < AnalyticsSimulator.CONTENTS; i++) {
			boolean reached = (i + 0.5) / AnalyticsSimulator.CONTENTS <= reach
					&& random.nextDouble() < 0.5 + 0.5 * engagement;
			h5p[i] = reached
					? (int) Math
						.round(SimulatedUser.MAX_SCORE * clamp(0.35 + 0.6 * engagement + 0.15 * random.nextGaussian()))
					: -1;
		}
		// quiet days overlap: most dropouts go quiet for a week or more, some stayers do
		// too
		int quietDays = dropout ? 3 + random.nextInt(18) : (int) Math.round(-4 * Math.log(1 - random.nextDouble()));
		double grade = clamp((0.3 + 0.6 * engagement) * (dropout ? reach : 1.0) + 0.05 * random.nextGaussian());
		int threads = (int) Math.round(Math.max(0, 4 * engagement + random.nextGaussian()));
		int comments = (int) Math.round(Math.max(0, 8 * engagement * (dropout ? reach : 1) + random.nextGaussian()));
		String username = learner.email().substring(0, learner.email().indexOf('@')).replaceAll("[^A-Za-z0-9_]", "_");
		return new SimulatedUser(userId, username, learner.email(), learner.fullName(), 50_000 + userId,
				end.minus(60, ChronoUnit.DAYS), engagement, dropout, !(finished && dropout), grade,
				!dropout && grade >= 0.5, BLOCKS, completed, end.minus(quietDays, ChronoUnit.DAYS).minusSeconds(3600),
				threads, comments, Math.min(threads, random.nextInt(3)), random.nextInt(5), h5p, videos);
	}

	private static double clamp(double value) {
		return Math.max(0.0, Math.min(1.0, value));
	}

}
