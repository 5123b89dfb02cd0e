package io.cohort.gateway;

/** An assessment as TPGateway's search returns it; a voided one has status Void. */
public record GatewayAssessment(String referenceNumber, String runId, String traineeId, String skillCode,
		String result, String status) {

	public boolean voided() {
		return "Void".equalsIgnoreCase(status);
	}

	@Override
	public String toString() {
		return "GatewayAssessment[referenceNumber=" + referenceNumber + ", runId=" + runId + ", skillCode="
				+ skillCode + ", result=" + result + ", status=" + status + "]";
	}

}
