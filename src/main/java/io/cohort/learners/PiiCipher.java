package io.cohort.learners;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.cohort.system.Installation;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal data with AES-256-GCM under {@code COHORT_PII_KEY}, and computes the
 * keyed hash (HMAC-SHA256 under a key derived from it) that finds a national id without
 * decrypting anything.
 */
@Component
class PiiCipher {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec encryptionKey;

	private final SecretKeySpec lookupKey;

	private final SecureRandom random = new SecureRandom();

	PiiCipher(Installation installation) {
		byte[] key = installation.piiKey();
		this.encryptionKey = new SecretKeySpec(key, "AES");
		this.lookupKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), "cohort national-id lookup v1"),
				"HmacSHA256");
	}

	byte[] encrypt(String clear) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt personal data", ex);
		}
	}

	String decrypt(byte[] stored) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
			return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot decrypt personal data: wrong COHORT_PII_KEY?", ex);
		}
	}

	byte[] lookupHash(String clear) {
		return hmac(lookupKey, clear);
	}

	private static byte[] hmac(SecretKeySpec key, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
