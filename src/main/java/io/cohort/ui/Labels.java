package io.cohort.ui;

import java.util.Locale;
import java.util.Map;

import io.cohort.identity.Role;
import io.cohort.notification.Channel;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Words for the enum values pages show (GH-14): a page says "Published" or "Not yet
 * started", never {@code PUBLISHED} or {@code NOT_YET_STARTED}. Templates call it as
 * {@code ${@labels.of(run.status)}}; option values and the API keep the enum names.
 */
@Component("labels")
public final class Labels {

	/** Where sentence case is not the word: abbreviations and names we say otherwise. */
	private static final Map<Enum<?>, String> WORDS = Map.of(Role.PLATFORM_ADMIN, "Platform admin", Role.OPS,
			"Operations", Channel.IN_APP, "In-app", Channel.SMS, "SMS");

	/**
	 * The value's label: its word if it has one, else the constant's name in sentence
	 * case, underscores as spaces.
	 * @param value an enum constant or its name; absent gives an empty label
	 * @return the label
	 */
	public String of(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String word = WORDS.get(value);
		if (word != null) {
			return word;
		}
		String name = (value instanceof Enum<?> constant) ? constant.name() : value.toString();
		if (name.isEmpty()) {
			return name;
		}
		String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
