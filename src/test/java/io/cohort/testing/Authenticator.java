package io.cohort.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app for tests: the 6-digit TOTP code (RFC 6238, SHA-1, 30 s) of a
 * Base32 secret, written apart from the application's own so that the two check each
 * other.
 */
public final class Authenticator {

	private Authenticator() {
	}

	/**
	 * The code for the 30-second step {@code offset} steps from the one {@code at} falls
	 * in.
	 */
	public static String code(String base32Secret, Instant at, int offset) {
		long counter = at.getEpochSecond() / 30 + offset;
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
			int offsetBits = hash[19] & 0xf;
			int value = (ByteBuffer.wrap(hash, offsetBits, 4).getInt() & 0x7fffffff) % 1_000_000;
			return String.format("%06d", value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String code(String base32Secret) {
		return code(base32Secret, Instant.now(), 0);
	}

	private static byte[] decode(String base32) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		long buffer = 0;
		int bits = 0;
		for (char c : base32.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((int) (buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

}
