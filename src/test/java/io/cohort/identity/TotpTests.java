package io.cohort.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP against the test vectors of RFC 6238, Appendix B, and the window and Base32 around
 * it.
 */
class TotpTests {

	private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvSource({ "59, 94287082, 46119246, 90693936", "1111111109, 07081804, 68084774, 25091201",
			"1111111111, 14050471, 67062674, 99943326", "1234567890, 89005924, 91819424, 93441116",
			"2000000000, 69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
	void matchesTheRfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
		long step = Totp.step(Instant.ofEpochSecond(time));

		assertThat(Totp.code(SHA1_SEED, step, 8, "HmacSHA1")).isEqualTo(sha1);
		assertThat(Totp.code(SHA256_SEED, step, 8, "HmacSHA256")).isEqualTo(sha256);
		assertThat(Totp.code(SHA512_SEED, step, 8, "HmacSHA512")).isEqualTo(sha512);
	}

	@Test
	void showsSixDigitsAsAuthenticatorAppsDo() {
		assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
	}

	@Test
	void acceptsOneStepEitherSideOfNowAndNoMore() {
		Instant now = Instant.ofEpochSecond(1_234_567_890);
		long step = Totp.step(now);

		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step), now)).hasValue(step);
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now)).isEmpty();
		assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now)).isEmpty();
		assertThat(Totp.match(SHA1_SEED, "12 34 5x", now)).isEmpty();
	}

	@Test
	void readsAndWritesRfc4648Base32() {
		assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Totp.base32(SHA1_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Totp.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(SHA1_SEED);
	}

}
