package io.cohort.shared;

/**
 * Identity document types as TPGateway names them.
 */
public enum IdType {

	/** Singapore Pink IC (citizen NRIC). */
	SP,
	/** Singapore Blue IC (permanent resident NRIC). */
	SB,
	/** FIN or work permit. */
	SO,
	/** Foreign passport. */
	FP,
	/** Others. */
	OT;

	/** What the code means, in plain words, as pages show it. */
	public String label() {
		return switch (this) {
			case SP -> "Singapore pink IC (citizen)";
			case SB -> "Singapore blue IC (permanent resident)";
			case SO -> "FIN or work permit";
			case FP -> "Foreign passport";
			case OT -> "Other";
		};
	}

	/** Whether ids of this type are NRIC/FIN numbers with a check letter. */
	public boolean checksummed() {
		return this == SP || this == SB || this == SO;
	}

}
