package io.cohort.identity;

import java.time.Duration;
import java.time.Instant;

import io.cohort.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An access token is good for its whole lifetime, whenever an instance first sees it:
 * only its expiry and an issue time in the future make it invalid. GH-15
 */
class AccessTokenValidatorTests {

	private final Instant issued = Instant.parse("2026-12-07T02:00:00Z");

	private final MovableClock clock = new MovableClock(issued);

	private final OAuth2TokenValidator<Jwt> validator = AccessTokens.validator(clock);

	@Test
	void acceptsATokenIssuedMinutesAgoThatHasNotExpired() { // GH-15
		clock.advance(Duration.ofMinutes(14));

		assertThat(validator.validate(token(issued, issued.plus(Duration.ofMinutes(15)))).hasErrors()).isFalse();
	}

	@Test
	void refusesATokenPastItsExpiry() {
		clock.advance(Duration.ofMinutes(17));

		assertThat(validator.validate(token(issued, issued.plus(Duration.ofMinutes(15)))).hasErrors()).isTrue();
	}

	@Test
	void refusesATokenIssuedInTheFutureBeyondTheClockSkew() {
		Instant ahead = issued.plus(AccessTokens.CLOCK_SKEW).plusSeconds(1);

		assertThat(validator.validate(token(ahead, ahead.plus(Duration.ofMinutes(15)))).hasErrors()).isTrue();
		assertThat(validator.validate(token(issued.plusSeconds(30), issued.plus(Duration.ofMinutes(15)))).hasErrors())
			.as("a clock a little behind the issuer's")
			.isFalse();
	}

	@Test
	void refusesATokenOfAnotherIssuer() {
		Jwt foreign = Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.issuer("someone-else")
			.subject("u")
			.issuedAt(issued)
			.expiresAt(issued.plus(Duration.ofMinutes(15)))
			.build();

		assertThat(validator.validate(foreign).hasErrors()).isTrue();
	}

	private static Jwt token(Instant issuedAt, Instant expiresAt) {
		return Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.issuer(AccessTokens.ISSUER)
			.subject("u")
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.build();
	}

}
