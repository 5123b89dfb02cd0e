package io.cohort.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals secrets that must be stored (integration keys and passwords) with AES-256-GCM
 * under a key derived from {@code COHORT_PII_KEY} per purpose, so a secret sealed for one
 * purpose cannot be opened as another.
 */
@Component
public class SecretBox {

	private static final int NONCE_BYTES = 12;

	private final byte[] master;

	private final SecureRandom random = new SecureRandom();

	SecretBox(Installation installation) {
		this.master = installation.piiKey();
	}

	public byte[] seal(String purpose, String clear) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(purpose), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal a secret", ex);
		}
	}

	public String open(String purpose, byte[] sealed) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(purpose), new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot open a sealed secret: wrong COHORT_PII_KEY or purpose?", ex);
		}
	}

	private SecretKeySpec key(String purpose) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(master, "HmacSHA256"));
		return new SecretKeySpec(mac.doFinal(("cohort secret-box v1:" + purpose).getBytes(StandardCharsets.UTF_8)),
				"AES");
	}

}
