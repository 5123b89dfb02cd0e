package io.cohort.crm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One record as Zoho sent it, read tolerantly: field names match whatever their case and
 * under any of their known aliases (seed 003's and the real modules' API names), lookups
 * come as {@code {"id", "name"}} objects or plain ids, dates as Zoho's dates or
 * date-times. A value of the wrong type, a NUL byte or an over-long value is an
 * {@link InvalidField} naming the field, never read as empty.
 */
final class ZohoRecord {

	static final int MAX_ID = 100;

	static final int MAX_TEXT = 1_000;

	private final Map<String, Field> fields = new LinkedHashMap<>();

	/** A field as sent: its own name and value. */
	private record Field(String name, JsonNode value) {
	}

	private ZohoRecord() {
	}

	/** The record, or an {@link InvalidField} when it is not a JSON object. */
	static ZohoRecord of(JsonNode node) {
		if (!node.isObject()) {
			throw new InvalidField("record", "must be a JSON object");
		}
		ZohoRecord record = new ZohoRecord();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			record.fields.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT),
					new Field(entry.getKey(), entry.getValue()));
		}
		return record;
	}

	/** The record's Zoho id (a string, or an integral number as Zoho's ids are). */
	String id() {
		String id = idValue("id", find("id"));
		if (id == null) {
			throw new InvalidField("id", "is required");
		}
		return id;
	}

	/** The id if it can be read, for echoing in a result that refuses the record. */
	@Nullable String idOrNull() {
		try {
			return id();
		}
		catch (InvalidField ex) {
			return null;
		}
	}

	/** Text under the first alias present; blank is absent. */
	@Nullable String text(String... aliases) {
		Field field = find(aliases);
		if (field == null) {
			return null;
		}
		if (!field.value().isString()) {
			throw new InvalidField(field.name(), "must be a string");
		}
		return clean(field.name(), field.value().stringValue(), MAX_TEXT);
	}

	/** Required text under the first alias present. */
	String requiredText(String... aliases) {
		String value = text(aliases);
		if (value == null) {
			throw new InvalidField(nameOf(aliases), "is required");
		}
		return value;
	}

	/** A decimal given as a number or a numeric string. */
	@Nullable BigDecimal decimal(String... aliases) {
		Field field = find(aliases);
		if (field == null) {
			return null;
		}
		JsonNode value = field.value();
		if (value.isNumber()) {
			return value.decimalValue();
		}
		if (!value.isString()) {
			throw new InvalidField(field.name(), "must be a number");
		}
		String text = clean(field.name(), value.stringValue(), 40);
		if (text == null) {
			return null;
		}
		try {
			return new BigDecimal(text.replace(",", ""));
		}
		catch (NumberFormatException ex) {
			throw new InvalidField(field.name(), "must be a number");
		}
	}

	/** A whole number given as a number or a numeric string. */
	@Nullable Integer integer(String... aliases) {
		BigDecimal value = decimal(aliases);
		if (value == null) {
			return null;
		}
		try {
			return value.intValueExact();
		}
		catch (ArithmeticException ex) {
			throw new InvalidField(nameOf(aliases), "must be a whole number");
		}
	}

	/**
	 * A date: Zoho's {@code yyyy-MM-dd}, or a date-time (with or without offset) whose
	 * date is taken.
	 */
	@Nullable LocalDate date(String... aliases) {
		Field field = find(aliases);
		if (field == null) {
			return null;
		}
		if (!field.value().isString()) {
			throw new InvalidField(field.name(), "must be a date such as 2024-02-01");
		}
		String text = clean(field.name(), field.value().stringValue(), 40);
		if (text == null) {
			return null;
		}
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text);
			}
			if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
				return OffsetDateTime.parse(text).toLocalDate();
			}
			return LocalDateTime.parse(text).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidField(field.name(), "must be a date such as 2024-02-01");
		}
	}

	/** The id of a lookup: {@code {"id": …, "name": …}} or a plain id. */
	@Nullable String lookup(String... aliases) {
		Field field = find(aliases);
		if (field == null) {
			return null;
		}
		JsonNode value = field.value();
		if (value.isObject()) {
			JsonNode id = null;
			for (Map.Entry<String, JsonNode> entry : value.properties()) {
				if (entry.getKey().equalsIgnoreCase("id")) {
					id = entry.getValue();
				}
			}
			String found = idValue(field.name() + ".id", id == null ? null : new Field(field.name() + ".id", id));
			if (found == null) {
				throw new InvalidField(field.name(), "must carry an id");
			}
			return found;
		}
		return idValue(field.name(), field);
	}

	/** The display name of a lookup object, if it has one. */
	@Nullable String lookupName(String... aliases) {
		Field field = find(aliases);
		if (field == null || !field.value().isObject()) {
			return null;
		}
		for (Map.Entry<String, JsonNode> entry : field.value().properties()) {
			if (entry.getKey().equalsIgnoreCase("name") && entry.getValue().isString()) {
				return clean(field.name() + ".name", entry.getValue().stringValue(), MAX_TEXT);
			}
		}
		return null;
	}

	/** The name the record used for the first alias present, else the first alias. */
	String nameOf(String... aliases) {
		Field field = find(aliases);
		return field == null ? aliases[0] : field.name();
	}

	private @Nullable String idValue(String name, @Nullable Field field) {
		if (field == null) {
			return null;
		}
		JsonNode value = field.value();
		if (value.isIntegralNumber()) {
			return value.bigIntegerValue().toString();
		}
		if (!value.isString()) {
			throw new InvalidField(field.name(), "must be a string id");
		}
		String id = clean(field.name(), value.stringValue(), MAX_ID);
		return id;
	}

	/** The first alias present with a non-null value. */
	private @Nullable Field find(String... aliases) {
		for (String alias : aliases) {
			Field field = fields.get(alias.toLowerCase(Locale.ROOT));
			if (field != null && !field.value().isNull() && !field.value().isMissingNode()) {
				return field;
			}
		}
		return null;
	}

	private static @Nullable String clean(String name, String value, int maxLength) {
		if (value.indexOf('\u0000') >= 0) {
			throw new InvalidField(name, "must not contain NUL bytes");
		}
		String trimmed = value.strip();
		if (trimmed.length() > maxLength) {
			throw new InvalidField(name, "is longer than " + maxLength + " characters");
		}
		return trimmed.isEmpty() ? null : trimmed;
	}

}
