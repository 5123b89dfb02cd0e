package io.cohort.analytics.simulator;

import java.time.Instant;

/**
 * One MOOC user of a simulated course with everything the sources tell about them.
 * {@code engagement} (0–1) is the latent cause of their activity and of their dropout:
 * the known signal the model should find.
 */
public record SimulatedUser(long userId, String username, String email, String fullName, long enrollmentId,
		Instant enrolled, double engagement, boolean dropout, boolean active, double grade, boolean passed,
		int totalBlocks, int completedBlocks, Instant lastActivity, int threads, int comments, int questions,
		int upvotes, int[] h5pScores, int[] videoWatched) {

	/** Each H5P content's maximum score. */
	public static final int MAX_SCORE = 10;

	/** Each video's length in seconds. */
	public static final int VIDEO_SECONDS = 600;

}
