package io.cohort.gateway.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TPGateway payload encryption: AES-256-CBC, PKCS#7 padding, the fixed IV
 * {@code "SSGAPIInitVector"}, Base64 ciphertext. The key is the Base64 256-bit key issued
 * on the SSG developer portal.
 */
public final class SsgPayloadCipher {

	private static final byte[] IV = "SSGAPIInitVector".getBytes(StandardCharsets.US_ASCII);

	private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

	/**
	 * A cipher per thread, initialised anew for each use: looking the transformation up
	 * is the dear part.
	 */
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
		try {
			return Cipher.getInstance(TRANSFORMATION);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-CBC is not available", ex);
		}
	});

	private final SecretKeySpec key;

	private SsgPayloadCipher(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("The payload key must be 256 bits, not " + key.length * 8);
		}
		this.key = new SecretKeySpec(key, "AES");
	}

	/** A cipher for the Base64 key from the developer portal. */
	public static SsgPayloadCipher ofBase64Key(String base64Key) {
		try {
			return new SsgPayloadCipher(Base64.getDecoder().decode(base64Key.trim()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The payload key is not valid Base64 of 256 bits", ex);
		}
	}

	/** Encrypts UTF-8 text to Base64 ciphertext. */
	public String encrypt(String plaintext) {
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(IV));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-CBC is not available", ex);
		}
	}

	/**
	 * Decrypts Base64 ciphertext to UTF-8 text.
	 * @throws IllegalArgumentException when the text is not Base64 or not ciphertext of
	 * this key
	 */
	public String decrypt(String base64Ciphertext) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Ciphertext.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The payload is not Base64", ex);
		}
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(IV));
			return new String(cipher.doFinal(bytes), StandardCharsets.UTF_8);
		}
		catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException ex) {
			throw new IllegalArgumentException("The payload is not ciphertext of this key", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-CBC is not available", ex);
		}
	}

}
