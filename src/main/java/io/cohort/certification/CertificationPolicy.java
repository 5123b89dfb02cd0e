package io.cohort.certification;

/**
 * A tenant's certification rule: the attendance rate (percent of scheduled hours) a
 * learner needs, besides every module assessed competent or exempt.
 */
public record CertificationPolicy(int attendanceThresholdPercent) {

	/** The policy of a tenant that has not set one. */
	public static final int DEFAULT_THRESHOLD = 75;

}
