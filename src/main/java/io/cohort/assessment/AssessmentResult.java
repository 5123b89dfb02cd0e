package io.cohort.assessment;

/**
 * The outcome of assessing one module; TPGateway calls them Pass, Fail and Exempt.
 */
public enum AssessmentResult {

	COMPETENT("Pass", "Competent"), NOT_YET_COMPETENT("Fail", "Not yet competent"), EXEMPT("Exempt", "Exempt");

	private final String gatewayResult;

	private final String label;

	AssessmentResult(String gatewayResult, String label) {
		this.gatewayResult = gatewayResult;
		this.label = label;
	}

	/** The result in words, for the pages. */
	public String label() {
		return label;
	}

	/** The result as TPGateway's assessment API names it. */
	public String gatewayResult() {
		return gatewayResult;
	}

	/** Whether the module counts as achieved for a certificate. */
	public boolean achieved() {
		return this != NOT_YET_COMPETENT;
	}

}
