package io.cohort.identity;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing (Spring Security's delegating encoder: bcrypt now, upgradable later)
 * and the password policy ({@link PasswordPolicy}).
 */
@Component
class Passwords {

	private final PasswordPolicy policy = PasswordPolicy.bundled();

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	/**
	 * A hash that matches no password, used to spend the same time when an account does
	 * not exist.
	 */
	private final String decoy = encoder.encode("decoy-password-that-matches-nothing");

	/**
	 * Hashes a new password once it passes the policy; refuses it with a field error on
	 * {@code field}.
	 */
	String hash(String field, String password, PasswordPolicy.Context context) {
		policy.check(field, password, context);
		return encoder.encode(password);
	}

	boolean matches(String password, String hash) {
		return encoder.matches(password, hash);
	}

	/**
	 * Spends the time of a real check when there is no account, so timing does not reveal
	 * it.
	 */
	void spendTime(String password) {
		encoder.matches(password, decoy);
	}

}
