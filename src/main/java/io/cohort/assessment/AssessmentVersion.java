package io.cohort.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One version of an assessment: what was recorded, by whom and when.
 */
public record AssessmentVersion(int version, AssessmentResult result, @Nullable BigDecimal score,
		@Nullable String grade, LocalDate assessedOn, String remarks, String changedBy, Instant changedAt) {
}
