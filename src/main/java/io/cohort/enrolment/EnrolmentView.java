package io.cohort.enrolment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An enrolment, with the learner's name and masked id and the run's reference for
 * display.
 *
 * @param waitlistPosition the place in the run's waitlist (1 = next), for WAITLISTED
 * enrolments
 */
public record EnrolmentView(UUID id, UUID classRunId, String runReference, UUID learnerId, String learnerName,
		String learnerNationalId, EnrolmentStatus status, @Nullable Integer waitlistPosition,
		SponsorshipType sponsorshipType, @Nullable String employerUen, BigDecimal feeAmount, BigDecimal discountAmount,
		FeeCollectionStatus feeCollectionStatus, String source, Instant enrolledAt, @Nullable Instant confirmedAt,
		@Nullable Instant endedAt, @Nullable String endReason, Instant updatedAt) {
}
