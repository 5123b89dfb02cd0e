package io.cohort.certification;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A learner's attendance no longer meets the tenant's threshold: below it over the
 * sessions marked so far ({@code unreachable} false), or so far below that even full
 * attendance at every remaining session cannot reach it ({@code unreachable} true).
 * {@code ratePercent} is the rate over the sessions marked so far.
 */
public record AttendanceAtRisk(UUID tenantId, UUID enrolmentId, UUID classRunId, UUID learnerId, boolean unreachable,
		BigDecimal ratePercent, int thresholdPercent) {
}
