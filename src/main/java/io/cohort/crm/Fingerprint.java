package io.cohort.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's fingerprint: SHA-256 (hex) of its canonical fields written as a JSON array
 * of {@code [name, value]} pairs in a fixed order, values as strings or {@code null}.
 * JSON's quoting makes the encoding injective, so two different field lists never share
 * an input (unlike {@code a+b+c}, where {@code "ab"+"c"} and {@code "a"+"bc"} collide).
 */
final class Fingerprint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Fingerprint() {
	}

	/** The canonical form that is hashed. */
	static String canonical(Map<String, @Nullable String> fields) {
		List<List<@Nullable String>> pairs = new ArrayList<>(fields.size());
		fields.forEach((name, value) -> {
			List<@Nullable String> pair = new ArrayList<>(2);
			pair.add(name);
			pair.add(value);
			pairs.add(pair);
		});
		return JSON.writeValueAsString(pairs);
	}

	static String of(Map<String, @Nullable String> fields) {
		return sha256(canonical(fields));
	}

	static String sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The fields whose values differ, in the order of {@code after}, each with its old
	 * and new value.
	 */
	static Map<String, RecordResult.Change> diff(Map<String, @Nullable String> before,
			Map<String, @Nullable String> after) {
		Map<String, RecordResult.Change> changes = new LinkedHashMap<>();
		after.forEach((name, value) -> {
			String old = before.get(name);
			if (!Objects.equals(old, value)) {
				changes.put(name, new RecordResult.Change(old, value));
			}
		});
		return changes;
	}

}
