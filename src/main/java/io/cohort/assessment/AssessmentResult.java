package io.cohort.assessment;

/**
 * The outcome of assessing one module; TPGateway calls them Pass, Fail and Exempt.
 */
public enum AssessmentResult {

	COMPETENT("Pass"), NOT_YET_COMPETENT("Fail"), EXEMPT("Exempt");

	private final String gatewayResult;

	AssessmentResult(String gatewayResult) {
		this.gatewayResult = gatewayResult;
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
