package io.cohort.identity;

import io.cohort.system.CohortException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing (Spring Security's delegating encoder: bcrypt now, upgradable later) and the
 * password policy.
 */
@Component
class Passwords {

	static final int MIN_LENGTH = 12;

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	/** A hash that matches no password, used to spend the same time when an account does not exist. */
	private final String decoy = encoder.encode("decoy-password-that-matches-nothing");

	String hash(String field, String password) {
		if (password.length() < MIN_LENGTH) {
			throw CohortException.invalidField(field, "must be at least " + MIN_LENGTH + " characters");
		}
		if (password.length() > 128) {
			throw CohortException.invalidField(field, "must be at most 128 characters");
		}
		return encoder.encode(password);
	}

	boolean matches(String password, String hash) {
		return encoder.matches(password, hash);
	}

	/** Spends the time of a real check when there is no account, so timing does not reveal it. */
	void spendTime(String password) {
		encoder.matches(password, decoy);
	}

}
