package io.cohort.gateway.client;

import java.math.BigDecimal;

/**
 * What TPGateway lets a training provider change of an enrolment: the trainee's contact
 * details and the fees. The collection status is one of Pending Payment, Partial Payment,
 * Full Payment or Cancelled.
 */
public record EnrolmentUpdate(String runId, String email, EnrolmentSubmission.Phone phone, BigDecimal discountAmount,
		String collectionStatus) {

	@Override
	public String toString() {
		return "EnrolmentUpdate[runId=" + runId + ", collectionStatus=" + collectionStatus + "]";
	}

}
