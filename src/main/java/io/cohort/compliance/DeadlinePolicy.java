package io.cohort.compliance;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's deadline policy. The defaults are TPGateway's rules: a run is published, and
 * its enrolments submitted, before it starts; attendance and assessments within 14 days
 * after it ends (28 for in-house runs); a deadline is DUE_SOON 3 days or less before it.
 *
 * @param enrolmentsDaysAfterStart negative: so many days before the start (IBF-funded
 * runs allow 45 after)
 * @param updatedAt when the tenant's ADMIN last set it; {@code null} while the defaults
 * apply
 */
public record DeadlinePolicy(int runPublishedDaysBeforeStart, int enrolmentsDaysAfterStart, int recordsDaysAfterEnd,
		int inHouseRecordsDaysAfterEnd, int dueSoonDays, @Nullable Instant updatedAt, @Nullable String updatedBy) {

	/** The policy of a tenant that has not set one. */
	public static final DeadlinePolicy DEFAULTS = new DeadlinePolicy(0, 0, 14, 28, 3, null, null);

}
