package io.cohort.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Builds an audit change summary: for each field that differs, {@code {"from": …, "to":
 * …}}.
 */
public final class Changes {

	private final Map<String, Object> fields = new LinkedHashMap<>();

	private Changes() {
	}

	public static Changes of() {
		return new Changes();
	}

	public Changes field(String name, @Nullable Object from, @Nullable Object to) {
		if (!Objects.equals(from, to)) {
			Map<String, Object> change = new LinkedHashMap<>();
			change.put("from", from);
			change.put("to", to);
			fields.put(name, change);
		}
		return this;
	}

	/**
	 * Records a fact that is not a before/after pair, such as
	 * {@code "password": "changed"}.
	 */
	public Changes note(String name, Object value) {
		fields.put(name, value);
		return this;
	}

	public boolean isEmpty() {
		return fields.isEmpty();
	}

	public Map<String, Object> toMap() {
		return new LinkedHashMap<>(fields);
	}

}
