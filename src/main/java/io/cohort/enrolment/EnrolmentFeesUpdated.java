package io.cohort.enrolment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * An enrolment's fees changed: the amounts or how far their collection got. Each pair
 * holds the value before and after the change.
 */
public record EnrolmentFeesUpdated(UUID tenantId, UUID enrolmentId, UUID classRunId, UUID learnerId,
		BigDecimal previousDiscountAmount, BigDecimal discountAmount, FeeCollectionStatus previousCollectionStatus,
		FeeCollectionStatus collectionStatus) {

	public boolean discountChanged() {
		return previousDiscountAmount.compareTo(discountAmount) != 0;
	}

	public boolean collectionStatusChanged() {
		return previousCollectionStatus != collectionStatus;
	}

}
