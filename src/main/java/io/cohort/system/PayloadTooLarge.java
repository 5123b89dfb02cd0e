package io.cohort.system;

/**
 * A request body over the configured limit.
 */
class PayloadTooLarge extends RuntimeException {

	PayloadTooLarge(long limit) {
		super("The request body is larger than " + limit + " bytes");
	}

}
