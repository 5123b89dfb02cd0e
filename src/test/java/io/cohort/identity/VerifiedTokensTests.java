package io.cohort.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cohort.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokensTests {

	private final Instant start = Instant.parse("2026-12-04T01:00:00Z");

	private final MovableClock clock = new MovableClock(start);

	/**
	 * What the real decoder was asked to decode, in order; it accepts "good-*" tokens,
	 * valid for 15 minutes.
	 */
	private final List<String> decoded = new ArrayList<>();

	private final JwtDecoder decoder = token -> {
		decoded.add(token);
		if (!token.startsWith("good-")) {
			throw new BadJwtException("refused");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "HS256")
			.subject(token)
			.issuedAt(start)
			.expiresAt(start.plus(Duration.ofMinutes(15)))
			.build();
	};

	@Test
	void decodesATokenOnceWhileItIsValid() {
		VerifiedTokens tokens = new VerifiedTokens(decoder, clock, 10);

		Jwt first = tokens.decode("good-a");
		clock.advance(Duration.ofMinutes(14));
		Jwt again = tokens.decode("good-a");

		assertThat(again).isSameAs(first);
		assertThat(decoded).containsExactly("good-a");
	}

	@Test
	void aTokenPastItsExpiryGoesBackToTheDecoder() {
		VerifiedTokens tokens = new VerifiedTokens(decoder, clock, 10);
		tokens.decode("good-a");

		clock.advance(Duration.ofMinutes(15));
		tokens.decode("good-a");
		tokens.decode("good-a");

		assertThat(decoded).containsExactly("good-a", "good-a", "good-a");
	}

	@Test
	void aRefusedTokenIsRefusedEveryTime() {
		VerifiedTokens tokens = new VerifiedTokens(decoder, clock, 10);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("forged"));

		assertThat(decoded).containsExactly("forged", "forged");
	}

	@Test
	void forgetsEverythingWhenFull() {
		VerifiedTokens tokens = new VerifiedTokens(decoder, clock, 2);
		tokens.decode("good-a");
		tokens.decode("good-b");

		tokens.decode("good-c");
		tokens.decode("good-c");
		tokens.decode("good-a");

		assertThat(decoded).containsExactly("good-a", "good-b", "good-c", "good-a");
	}

}
