package io.cohort.identity;

import java.util.UUID;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The password was right but the user has a second factor and no code came with it: 401
 * {@code totp-required}. The web login keeps the {@link Pending} login in its session for
 * the second step.
 */
class SecondFactorRequired extends CohortException {

	private final transient Pending pending;

	SecondFactorRequired(Pending pending) {
		super(ProblemCode.TOTP_REQUIRED,
				"This account has a second factor: send the authenticator app's code as totp_code, or a recovery code as recovery_code");
		this.pending = pending;
	}

	Pending pending() {
		return pending;
	}

	/** A login whose password was checked, waiting for its second factor. */
	record Pending(UUID userId, @Nullable String tenantSlug, String email) implements java.io.Serializable {
	}

}
