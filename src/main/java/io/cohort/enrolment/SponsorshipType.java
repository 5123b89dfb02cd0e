package io.cohort.enrolment;

/**
 * Who pays, as TPGateway names it.
 */
public enum SponsorshipType {

	INDIVIDUAL, EMPLOYER

}
