package io.cohort.enrolment;

/**
 * Fee collection as TPGateway names it (Pending, Partial, Full Payment; Cancelled).
 */
public enum FeeCollectionStatus {

	PENDING("Pending Payment"), PARTIAL("Partial Payment"), FULL("Full Payment"), CANCELLED("Cancelled");

	private final String gatewayName;

	FeeCollectionStatus(String gatewayName) {
		this.gatewayName = gatewayName;
	}

	/** The value TPGateway expects in {@code fees.collectionStatus}. */
	public String gatewayName() {
		return gatewayName;
	}

}
