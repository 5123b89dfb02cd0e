package io.cohort.gateway.client;

import org.jspecify.annotations.Nullable;

/** An assessment as TPGateway's search returns it; a voided one has status Void. */
public record GatewayAssessment(String referenceNumber, String runId, String traineeId, String skillCode, String result,
		@Nullable String grade, @Nullable Integer score, String status) {

	public boolean voided() {
		return "Void".equalsIgnoreCase(status);
	}

	@Override
	public String toString() {
		return "GatewayAssessment[referenceNumber=" + referenceNumber + ", runId=" + runId + ", skillCode=" + skillCode
				+ ", result=" + result + ", grade=" + grade + ", score=" + score + ", status=" + status + "]";
	}

}
