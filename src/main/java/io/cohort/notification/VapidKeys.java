package io.cohort.notification;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;

import io.cohort.system.Installation;
import nl.martijndwars.webpush.Utils;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The VAPID key pair (RFC 8292) that signs every push request: from
 * {@code COHORT_VAPID_PRIVATE_KEY} (and {@code COHORT_VAPID_PUBLIC_KEY}, checked to
 * match) when set; else, in local mode, generated once into the data directory; else
 * none, and PUSH is off. Keys are Base64url: the private key's 32 bytes, the public key's
 * uncompressed point.
 */
@Component
class VapidKeys {

	static {
		if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
			Security.addProvider(new BouncyCastleProvider());
		}
	}

	/** A usable pair: the public key as browsers want it, and the pair. */
	record Pair(String publicKey, KeyPair keys, String subject) {
	}

	private final @Nullable Pair pair;

	VapidKeys(Installation installation, @Value("${cohort.vapid.private-key:}") String privateKey,
			@Value("${cohort.vapid.public-key:}") String publicKey,
			@Value("${cohort.vapid.subject:mailto:admin@localhost}") String subject) {
		String secret = privateKey.isBlank() ? installation.localSecret("vapid.key", VapidKeys::generate).orElse(null)
				: privateKey.trim();
		this.pair = secret == null ? null : load(secret, publicKey.trim(), subject.trim());
	}

	Optional<Pair> pair() {
		return Optional.ofNullable(pair);
	}

	private static Pair load(String privateKey, String configuredPublic, String subject) {
		if (!subject.startsWith("mailto:") && !subject.startsWith("https:")) {
			throw new IllegalStateException("COHORT_VAPID_SUBJECT must be a mailto: or https: URL");
		}
		try {
			PrivateKey secret = Utils.loadPrivateKey(privateKey);
			ECPublicKey derived = Utils.loadPublicKey((ECPrivateKey) secret);
			String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(Utils.encode(derived));
			if (!configuredPublic.isEmpty() && !configuredPublic.replace("=", "").equals(encoded)) {
				throw new IllegalStateException(
						"COHORT_VAPID_PUBLIC_KEY is not the public key of COHORT_VAPID_PRIVATE_KEY");
			}
			return new Pair(encoded, new KeyPair((PublicKey) derived, secret), subject);
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalStateException("COHORT_VAPID_PRIVATE_KEY is not a Base64url P-256 private key", ex);
		}
	}

	/** A new private key, Base64url of its 32 bytes. */
	static String generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) generator
				.generateKeyPair()
				.getPrivate();
			byte[] scalar = key.getS().toByteArray();
			byte[] fixed = new byte[32];
			int length = Math.min(scalar.length, 32);
			System.arraycopy(scalar, scalar.length - length, fixed, 32 - length, length);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a P-256 key", ex);
		}
	}

}
