package io.cohort.gateway.simulator;

import java.math.BigDecimal;

/**
 * What the simulator holds of an enrolment beyond its identity: the trainee's contact
 * details and the fees.
 */
public record SimulatedEnrolmentDetails(String email, String phoneNumber, BigDecimal discountAmount,
		String collectionStatus) {
}
