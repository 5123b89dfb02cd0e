package io.cohort.crm;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a Zoho status (picklist) value into what it means in Cohort, whatever its case,
 * spaces, hyphens or underscores; a value not in the table is an {@link InvalidField},
 * never a default.
 */
final class CrmStatus {

	private CrmStatus() {
	}

	static <T> T read(ZohoRecord record, Map<String, T> known, T absent, String... aliases) {
		String raw = record.text(aliases);
		if (raw == null) {
			return absent;
		}
		T meaning = known.get(normal(raw));
		if (meaning == null) {
			throw new InvalidField(record.nameOf(aliases), "has an unknown value: " + raw);
		}
		return meaning;
	}

	/** The canonical spelling of a status for fingerprints: as sent, but trimmed. */
	static @Nullable String canonical(ZohoRecord record, String... aliases) {
		return record.text(aliases);
	}

	static String normal(String raw) {
		return raw.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
	}

}
