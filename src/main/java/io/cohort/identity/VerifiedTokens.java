package io.cohort.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the access tokens it has verified until they expire, so that a client's every
 * request does not parse, check the signature of and validate the same token again. A
 * token is remembered only once the decoder has accepted it, keyed by its exact text; one
 * past its expiry goes back to the decoder, which decides with its own rules (and clock
 * skew) as for any other. Bounded: when full, it forgets everything and starts again,
 * which costs only decoding. Who the token's user is, whether they are still enabled and
 * what they may do is still read from the database on every request.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder decoder;

	private final Clock clock;

	private final int capacity;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	VerifiedTokens(JwtDecoder decoder, Clock clock, int capacity) {
		this.decoder = decoder;
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = verified.get(token); // only tokens with an expiry are remembered
		Instant now = clock.instant();
		if (known != null && now.isBefore(known.getExpiresAt())) {
			return known;
		}
		Jwt jwt = decoder.decode(token);
		if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
			if (verified.size() >= capacity) {
				verified.clear();
			}
			verified.put(token, jwt);
		}
		else {
			verified.remove(token);
		}
		return jwt;
	}

}
