package io.cohort.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Facts about this installation that modules need: whether it runs locally on the
 * embedded database, whether demo data is wanted, and its secrets. Secrets come from the
 * environment; in local mode a missing secret is generated once into the data directory,
 * with an external database it is required.
 */
@Component
public class Installation {

	private static final Logger log = LoggerFactory.getLogger(Installation.class);

	private final CohortSettings settings;

	private final byte[] jwtKey;

	private final byte[] piiKey;

	Installation(CohortSettings settings) {
		this.settings = settings;
		this.jwtKey = secret("COHORT_JWT_SECRET", settings.jwtSecret(), "jwt.key", 32, false);
		this.piiKey = secret("COHORT_PII_KEY", settings.piiKey(), "pii.key", 32, true);
	}

	/** Whether Cohort runs on its own embedded PostgreSQL (local mode). */
	public boolean local() {
		return !settings.db().external();
	}

	public boolean demoData() {
		return settings.demoDataEnabled();
	}

	/** The HMAC key that signs access tokens: at least 256 bits. */
	public byte[] jwtKey() {
		return jwtKey.clone();
	}

	/** The AES-256 key for personal data: exactly 256 bits. */
	public byte[] piiKey() {
		return piiKey.clone();
	}

	/** The bearer token a metrics scraper presents, when one is configured. */
	public Optional<String> metricsToken() {
		return Optional.ofNullable(settings.metricsToken()).filter(t -> !t.isBlank());
	}

	/**
	 * A local-only secret that is not a random key (a key pair, say): in local mode the
	 * file {@code fileName} in the data directory's secrets, made once by
	 * {@code generate}; empty with an external database, whose secrets come from the
	 * environment.
	 */
	public Optional<String> localSecret(String fileName, Supplier<String> generate) {
		if (!local()) {
			return Optional.empty();
		}
		Path file = settings.dataDir().resolve("secrets").resolve(fileName);
		try {
			if (Files.exists(file)) {
				return Optional.of(Files.readString(file).trim());
			}
			Files.createDirectories(file.getParent());
			String secret = generate.get();
			Files.writeString(file, secret);
			restrict(file);
			log.info("Generated a local {} into {}", fileName, file);
			return Optional.of(secret);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write " + file, ex);
		}
	}

	private byte[] secret(String variable, String configured, String fileName, int bytes, boolean exact) {
		if (configured != null && !configured.isBlank()) {
			return decode(variable, configured, bytes, exact);
		}
		if (!local()) {
			throw new InvalidSetting(variable + " is required when an external database is configured (" + "Base64 of "
					+ (exact ? "exactly " : "at least ") + bytes + " random bytes)");
		}
		Path file = settings.dataDir().resolve("secrets").resolve(fileName);
		try {
			if (Files.exists(file)) {
				return decode(file.toString(), Files.readString(file).trim(), bytes, exact);
			}
			Files.createDirectories(file.getParent());
			byte[] key = new byte[bytes];
			new SecureRandom().nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			restrict(file);
			log.info("Generated a local {} into {}", variable, file);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write " + file, ex);
		}
	}

	private static void restrict(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			log.warn("Could not restrict permissions of {}", file, ex);
		}
	}

	private static byte[] decode(String source, String value, int bytes, boolean exact) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSetting(source + " is not valid Base64", ex);
		}
		if (exact ? key.length != bytes : key.length < bytes) {
			throw new InvalidSetting(source + " must decode to " + (exact ? "exactly " : "at least ") + bytes
					+ " bytes, not " + key.length);
		}
		return key;
	}

}
