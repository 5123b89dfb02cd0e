package io.cohort.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An assessment as it stands now (its current version), or voided.
 *
 * @param id stays the same over every version of the assessment
 * @param version the current version, 1 for a result never updated
 * @param gatewayResult the result as TPGateway names it (Pass, Fail, Exempt)
 */
public record AssessmentView(UUID id, UUID enrollmentId, UUID classRunId, UUID learnerId, UUID moduleId, int version,
		AssessmentResult result, String gatewayResult, @Nullable BigDecimal score, @Nullable String grade,
		LocalDate assessedOn, String remarks, String recordedBy, Instant recordedAt, Instant updatedAt, boolean voided,
		@Nullable Instant voidedAt, @Nullable String voidedBy, @Nullable String voidReason,
		@Nullable String ssgReference) {
}
