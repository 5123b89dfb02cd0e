package io.cohort.testing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

/**
 * A browser subscribed to Web Push, with only the JDK: its P-256 key pair and auth
 * secret, the subscription it gives the server, and what a push service and the browser
 * do with a message — check the VAPID header (RFC 8292) and decrypt the {@code aes128gcm}
 * body (RFC 8291).
 */
public final class PushBrowser {

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private final String endpoint;

	private final KeyPair keys;

	private final byte[] auth = new byte[16];

	public PushBrowser(String endpoint) {
		this.endpoint = endpoint;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		new SecureRandom().nextBytes(auth);
	}

	public String endpoint() {
		return endpoint;
	}

	/** The subscription as the portal posts it: {@code endpoint} and {@code keys}. */
	public Map<String, Object> subscription() {
		return Map.of("endpoint", endpoint, "keys", Map.of("p256dh",
				B64.encodeToString(point((ECPublicKey) keys.getPublic())), "auth", B64.encodeToString(auth)));
	}

	/** What the VAPID header said: the server's public key and the JWT's claims. */
	public record Vapid(String key, JsonNode claims) {
	}

	/**
	 * Checks {@code Authorization: vapid t=<JWT>, k=<key>}: an ES256 JWT signed by the
	 * key; throws if it is not.
	 */
	public static Vapid vapid(String authorization) throws GeneralSecurityException {
		if (authorization == null || !authorization.startsWith("vapid ")) {
			throw new GeneralSecurityException("not a vapid authorization: " + authorization);
		}
		String token = null;
		String key = null;
		for (String part : authorization.substring(6).split(",")) {
			String trimmed = part.strip();
			if (trimmed.startsWith("t=")) {
				token = trimmed.substring(2);
			}
			else if (trimmed.startsWith("k=")) {
				key = trimmed.substring(2);
			}
		}
		if (token == null || key == null) {
			throw new GeneralSecurityException("t= or k= missing");
		}
		String[] jwt = token.split("\\.");
		JsonNode header = Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
		if (jwt.length != 3 || !"ES256".equals(header.get("alg").asString())) {
			throw new GeneralSecurityException("not an ES256 JWT");
		}
		Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
		verifier.initVerify(publicKey(Base64.getUrlDecoder().decode(key)));
		verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
		if (!verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
			throw new GeneralSecurityException("the JWT's signature is not the key's");
		}
		return new Vapid(key, Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt[1])));
	}

	/**
	 * Decrypts a push message body ({@code Content-Encoding: aes128gcm}, one record) as
	 * the browser does (RFC 8291 §3.4, RFC 8188).
	 */
	public byte[] decrypt(byte[] body) throws GeneralSecurityException {
		ByteBuffer in = ByteBuffer.wrap(body);
		byte[] salt = new byte[16];
		in.get(salt);
		int recordSize = in.getInt();
		byte[] serverKey = new byte[in.get() & 0xff];
		in.get(serverKey);
		byte[] ciphertext = new byte[in.remaining()];
		in.get(ciphertext);
		if (ciphertext.length > recordSize) {
			throw new GeneralSecurityException("more than one record");
		}
		KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(keys.getPrivate());
		agreement.doPhase(publicKey(serverKey), true);
		byte[] ecdhSecret = agreement.generateSecret();
		byte[] browserKey = point((ECPublicKey) keys.getPublic());
		byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), browserKey, serverKey);
		byte[] ikm = hmac(hmac(auth, ecdhSecret), concat(keyInfo, new byte[] { 1 }));
		byte[] prk = hmac(salt, ikm);
		byte[] cek = Arrays.copyOf(hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)),
				16);
		byte[] nonce = Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
		byte[] padded = cipher.doFinal(ciphertext);
		int end = padded.length - 1;
		while (end >= 0 && padded[end] == 0) {
			end--;
		}
		if (end < 0 || padded[end] != 2) {
			throw new GeneralSecurityException("no last-record delimiter");
		}
		return Arrays.copyOf(padded, end);
	}

	private static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
		if (point.length != 65 || point[0] != 4) {
			throw new GeneralSecurityException("not an uncompressed P-256 point");
		}
		AlgorithmParameters curve = AlgorithmParameters.getInstance("EC");
		curve.init(new ECGenParameterSpec("secp256r1"));
		ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
				new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
		return KeyFactory.getInstance("EC")
			.generatePublic(new ECPublicKeySpec(w, curve.getParameterSpec(ECParameterSpec.class)));
	}

	private static byte[] point(ECPublicKey key) {
		return concat(new byte[] { 4 }, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
	}

	private static byte[] fixed(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] out = new byte[32];
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
		return out;
	}

	private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(data);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		ByteBuffer out = ByteBuffer.allocate(length);
		for (byte[] part : parts) {
			out.put(part);
		}
		return out.array();
	}

}
