package io.cohort.identity;

/**
 * What a successful login or refresh returns.
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

	static TokenPair bearer(String accessToken, String refreshToken, long expiresIn) {
		return new TokenPair(accessToken, refreshToken, "Bearer", expiresIn);
	}

}
