package io.cohort.system;

/**
 * A required setting is missing or malformed; start-up stops with a message naming it.
 */
class InvalidSetting extends IllegalStateException {

	InvalidSetting(String message) {
		super(message);
	}

	InvalidSetting(String message, Throwable cause) {
		super(message, cause);
	}

}
