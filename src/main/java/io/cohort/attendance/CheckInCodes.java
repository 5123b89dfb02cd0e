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
 * <p>
 * Beside it, a code short enough to type: eight characters of a 32-letter alphabet
 * without 0/O or 1/I (40 bits), {@code HMAC-SHA256(tenant, session, minute)} under its
 * own key, new every 60 seconds and accepted in its own minute and the one before. It
 * names no session: it is checked against the sessions the learner may check in to now,
 * and guessing is bounded by the typed-code limit of {@link AttendanceManagement}.
 */
@Component
class CheckInCodes {

	static final long STEP_SECONDS = 30;

	static final long TYPED_STEP_SECONDS = 60;

	static final String TYPED_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

	static final int TYPED_LENGTH = 8;

	private static final int MAC_BYTES = 10;

	private final SecretKeySpec key;

	private final SecretKeySpec typedKey;

	private final Clock clock;

	CheckInCodes(Installation installation, Clock clock) {
		this.key = new SecretKeySpec(hmac(new SecretKeySpec(installation.jwtKey(), "HmacSHA256"),
				"cohort check-in v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
		this.typedKey = new SecretKeySpec(hmac(new SecretKeySpec(installation.jwtKey(), "HmacSHA256"),
				"cohort typed check-in v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
		this.clock = clock;
	}

	/** A code and the moment it stops being shown. */
	record Code(String code, Instant rotatesAt) {
	}

	Code current(UUID sessionId) {
		long step = clock.instant().getEpochSecond() / STEP_SECONDS;
		return new Code(encode(sessionId, step), Instant.ofEpochSecond((step + 1) * STEP_SECONDS));
	}

	/** The session's code to type now, and when it rotates. */
	Code typed(UUID tenant, UUID sessionId) {
		long step = clock.instant().getEpochSecond() / TYPED_STEP_SECONDS;
		return new Code(typed(tenant, sessionId, step), Instant.ofEpochSecond((step + 1) * TYPED_STEP_SECONDS));
	}

	/**
	 * Whether a typed code (already {@link #normalise normalised}) is the session's, now
	 * or a minute ago.
	 */
	boolean matchesTyped(UUID tenant, UUID sessionId, String code) {
		long now = clock.instant().getEpochSecond() / TYPED_STEP_SECONDS;
		byte[] given = code.getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(given, typed(tenant, sessionId, now).getBytes(StandardCharsets.US_ASCII))
				|| MessageDigest.isEqual(given, typed(tenant, sessionId, now - 1).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * A code as typed, upper case without spaces or dashes, if it has the shape of a
	 * typed code.
	 */
	static Optional<String> normalise(String typed) {
		String code = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
		if (code.length() != TYPED_LENGTH || !code.chars().allMatch(c -> TYPED_ALPHABET.indexOf(c) >= 0)) {
			return Optional.empty();
		}
		return Optional.of(code);
	}

	private String typed(UUID tenant, UUID session, long step) {
		ByteBuffer message = ByteBuffer.allocate(40);
		message.putLong(tenant.getMostSignificantBits()).putLong(tenant.getLeastSignificantBits());
		message.putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits()).putLong(step);
		byte[] mac = hmac(typedKey, message.array());
		long bits = 0;
		for (int i = 0; i < 5; i++) {
			bits = (bits << 8) | (mac[i] & 0xff);
		}
		StringBuilder code = new StringBuilder(TYPED_LENGTH);
		for (int i = TYPED_LENGTH - 1; i >= 0; i--) {
			code.append(TYPED_ALPHABET.charAt((int) ((bits >>> (5 * i)) & 31)));
		}
		return code.toString();
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
