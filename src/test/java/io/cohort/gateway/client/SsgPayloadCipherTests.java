package io.cohort.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The payload cipher against ciphertexts produced independently with OpenSSL: <pre>
 * printf '%s' "$PLAINTEXT" | openssl enc -aes-256-cbc \
 *   -K 3031323334353637383961626364656630313233343536373839616263646566 \
 *   -iv 535347415049496e6974566563746f72 -base64 -A
 * </pre> The key is ASCII {@code 0123456789abcdef0123456789abcdef} (Base64 {@link #KEY});
 * the IV is the hex of ASCII {@code SSGAPIInitVector}.
 */
class SsgPayloadCipherTests {

	static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	private final SsgPayloadCipher cipher = SsgPayloadCipher.ofBase64Key(KEY);

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			// one block
			"`{}`|mZc5rQKLgpWQINpMBiqS/Q==",
			// exactly one block of plaintext: a whole block of padding follows
			"`0123456789ABCDEF`|qeFH/plOZ2A4dQk1AFStDwcZG1+7A1VcqG+XlmZVvEo=",
			// several blocks
			"`{\"course\":{\"courseReferenceNumber\":\"TGS-2020002096\",\"trainingProvider\":{\"uen\":\"201000372W\"}}}`|GTsM3ft4Df9CUF/0gcrqbZTGgUUhz82UoEjIuHaoqvqlbzeJMqvpqBLAaZOPFBke8kamt3ANvNtvIZo/KAwxC6+AZ5pXSUsd+ZlRBNRiFcLxaorcglzygAMr9LA200DN",
			// non-ASCII UTF-8
			"`{\"trainee\":{\"fullName\":\"Tan Ah Kow 陈亚九\",\"note\":\"café – naïve\"}}`|tLDphE6aWTkz0qZqAi7EWFZxUb0McZuwbRoaw6mQRHNDu7V+gl+dMdETOdCW6OBf+y+rdjJgfq5vlcsbZp5zaIXsEMVnPsyPYx0DsbjEQ6I=" })
	void matchesOpenSsl(String plaintext, String ciphertext) {
		assertThat(cipher.encrypt(plaintext)).isEqualTo(ciphertext);
		assertThat(cipher.decrypt(ciphertext)).isEqualTo(plaintext);
	}

	@Test
	void rejectsKeysThatAreNot256Bits() {
		assertThatIllegalArgumentException().isThrownBy(() -> SsgPayloadCipher.ofBase64Key("MDEyMzQ1Njc4OWFiY2RlZg=="));
		assertThatIllegalArgumentException().isThrownBy(() -> SsgPayloadCipher.ofBase64Key("not base64!"));
	}

	@Test
	void rejectsCiphertextOfAnotherKey() {
		SsgPayloadCipher other = SsgPayloadCipher.ofBase64Key("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY=");
		assertThatIllegalArgumentException().isThrownBy(() -> other.decrypt(cipher.encrypt("{\"a\":1}")));
		assertThatIllegalArgumentException().isThrownBy(() -> cipher.decrypt("%%%"));
	}

}
