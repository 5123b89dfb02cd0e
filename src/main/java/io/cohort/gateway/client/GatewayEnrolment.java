package io.cohort.gateway.client;

/** An enrolment as TPGateway's search returns it. */
public record GatewayEnrolment(String referenceNumber, String runId, String traineeId, String status) {

	@Override
	public String toString() {
		return "GatewayEnrolment[referenceNumber=" + referenceNumber + ", runId=" + runId + ", status=" + status + "]";
	}

}
