package io.cohort.attendance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cohort.system.Installation;
import org.springframework.stereotype.Component;

/**
 * Rotating self check-in codes: a new code every 30 seconds per session,
 * {@code base64url(session id,
 * time step, HMAC-SHA256(session id, time step) truncated to 80 bits)}. A code is
 * accepted during its own step and the one after, so a code scanned just before it
 * rotates still works.
 */
@Component
class CheckInCodes {

	static final long STEP_SECONDS = 30;

	private static final int MAC_BYTES = 10;

	private final SecretKeySpec key;

	private final Clock clock;

	CheckInCodes(Installation installation, Clock clock) {
		this.key = new SecretKeySpec(hmac(new SecretKeySpec(installation.jwtKey(), "HmacSHA256"),
				"cohort check-in v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
		this.clock = clock;
	}

	/** A code and the moment it stops being shown. */
	record Code(String code, Instant rotatesAt) {
	}

	Code current(UUID sessionId) {
		long step = clock.instant().getEpochSecond() / STEP_SECONDS;
		return new Code(encode(sessionId, step), Instant.ofEpochSecond((step + 1) * STEP_SECONDS));
	}

	/** The session a code belongs to, if the code is genuine and not expired. */
	Optional<UUID> verify(String code) {
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(code.trim());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (raw.length != 16 + 8 + MAC_BYTES) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(raw);
		UUID session = new UUID(buffer.getLong(), buffer.getLong());
		long step = buffer.getLong();
		byte[] mac = Arrays.copyOfRange(raw, 24, raw.length);
		if (!MessageDigest.isEqual(mac, mac(session, step))) {
			return Optional.empty();
		}
		long now = clock.instant().getEpochSecond() / STEP_SECONDS;
		return step == now || step == now - 1 ? Optional.of(session) : Optional.empty();
	}

	private String encode(UUID session, long step) {
		ByteBuffer buffer = ByteBuffer.allocate(16 + 8 + MAC_BYTES);
		buffer.putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits()).putLong(step);
		buffer.put(mac(session, step));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	private byte[] mac(UUID session, long step) {
		ByteBuffer message = ByteBuffer.allocate(24);
		message.putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits()).putLong(step);
		return Arrays.copyOf(hmac(key, message.array()), MAC_BYTES);
	}

	private static byte[] hmac(SecretKeySpec key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
