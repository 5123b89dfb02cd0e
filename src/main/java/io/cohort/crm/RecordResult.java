package io.cohort.crm;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record's result as seed 003 shows it: the Zoho id, status, message, and where they
 * apply the reason, the field, the changes (field → old and new) and entity-specific
 * facts such as {@code moodle_status}.
 */
record RecordResult(@Nullable String zohoId, RecordStatus status, @Nullable String reason, String message,
		@Nullable String field, Map<String, Change> changes, Map<String, Object> extra) {

	/** One changed field. */
	record Change(@Nullable String oldValue, @Nullable String newValue) {
	}

	static RecordResult of(String zohoId, RecordStatus status, String message) {
		return new RecordResult(zohoId, status, null, message, null, Map.of(), Map.of());
	}

	static RecordResult skipped(String zohoId, String reason, String message) {
		return new RecordResult(zohoId, RecordStatus.SKIPPED, reason, message, null, Map.of(), Map.of());
	}

	static RecordResult invalid(@Nullable String zohoId, String reason, String message, @Nullable String field) {
		return new RecordResult(zohoId, RecordStatus.INVALID, reason, message, field, Map.of(), Map.of());
	}

	RecordResult withChanges(Map<String, Change> changes) {
		return new RecordResult(zohoId, status, reason, message, field, changes, extra);
	}

	RecordResult with(String key, Object value) {
		Map<String, Object> more = new LinkedHashMap<>(extra);
		more.put(key, value);
		return new RecordResult(zohoId, status, reason, message, field, changes, more);
	}

	/** The result as the response shows it, keys in seed 003's order. */
	Map<String, Object> toJson(ZohoEntity entity) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put(entity.idKey(), zohoId);
		json.put("status", status.name());
		if (reason != null) {
			json.put("reason", reason);
		}
		json.put("message", message);
		if (field != null) {
			json.put("field", field);
		}
		if (!changes.isEmpty()) {
			Map<String, Object> fields = new LinkedHashMap<>();
			changes.forEach((name, change) -> {
				Map<String, Object> pair = new LinkedHashMap<>();
				pair.put("old", change.oldValue());
				pair.put("new", change.newValue());
				fields.put(name, pair);
			});
			json.put("changes", fields);
		}
		json.putAll(extra);
		return json;
	}

}
