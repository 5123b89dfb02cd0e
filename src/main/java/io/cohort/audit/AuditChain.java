package io.cohort.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a row's hash is computed: SHA-256 over the previous row's hash and every field of
 * the row, each length-prefixed so no two different rows can produce the same input.
 */
final class AuditChain {

	/** The hash the first row of every chain points back to. */
	static final String GENESIS = "0".repeat(64);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditChain() {
	}

	/**
	 * The canonical JSON of a change summary: keys sorted at every level, no whitespace.
	 */
	static String canonical(Map<String, ?> changes) {
		return JSON.writeValueAsString(sorted(changes));
	}

	@SuppressWarnings("unchecked")
	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new TreeMap<>();
			map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : sorted(v)));
			return result;
		}
		if (value instanceof Iterable<?> list) {
			java.util.List<Object> result = new java.util.ArrayList<>();
			list.forEach(v -> result.add(v == null ? null : sorted(v)));
			return result;
		}
		return value;
	}

	static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	static String hash(String prevHash, @Nullable UUID tenantId, long seq, Instant occurredAt, String actorType,
			@Nullable String actorId, String actorLabel, String action, String entityType, @Nullable String entityId,
			String changes, @Nullable String correlationId, @Nullable String clientAddress) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
		for (String field : new String[] { prevHash, tenantId == null ? null : tenantId.toString(), Long.toString(seq),
				Long.toString(micros), actorType, actorId, actorLabel, action, entityType, entityId, changes,
				correlationId, clientAddress }) {
			if (field == null) {
				digest.update((byte) 0);
				continue;
			}
			byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
			digest.update((byte) 1);
			digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) ':');
			digest.update(bytes);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
