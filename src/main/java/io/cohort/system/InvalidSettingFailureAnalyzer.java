package io.cohort.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or malformed setting into a short start-up failure report instead of a
 * stack trace.
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSetting> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSetting cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set it in the environment (see the README's Configuration section). Generate a key with "
						+ "`head -c 32 /dev/urandom | base64`.",
				cause);
	}

}
