package io.cohort.gateway.simulator;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** The validation errors the simulator found in one request, field by field. */
final class Violations {

	private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

	record Violation(String field, String message) {
	}

	private final List<Violation> found = new ArrayList<>();

	List<Violation> found() {
		return found;
	}

	boolean any() {
		return !found.isEmpty();
	}

	void add(String field, String message) {
		found.add(new Violation(field, message));
	}

	/** The node's text, or null after recording that it is missing. */
	String required(JsonNode node, String field) {
		String text = node.isValueNode() ? node.asString("").trim() : "";
		if (text.isEmpty()) {
			add(field, "is required");
			return "";
		}
		return text;
	}

	void oneOf(JsonNode node, String field, Set<String> allowed) {
		String text = required(node, field);
		if (!text.isEmpty() && !allowed.contains(text)) {
			add(field, "must be one of " + allowed.stream().sorted().toList());
		}
	}

	/** A run date: an integer or string of the form YYYYMMDD. */
	void runDate(JsonNode node, String field) {
		String text = required(node, field);
		if (!text.isEmpty()) {
			try {
				if (!text.matches("\\d{8}")) {
					throw new DateTimeParseException("not YYYYMMDD", text, 0);
				}
				LocalDate.parse(text, BASIC);
			}
			catch (DateTimeParseException ex) {
				add(field, "must be a date in the form YYYYMMDD");
			}
		}
	}

	/** An enrolment date: YYYY-MM-DD. */
	void isoDate(JsonNode node, String field) {
		String text = required(node, field);
		if (!text.isEmpty()) {
			try {
				if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
					throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
				}
				LocalDate.parse(text);
			}
			catch (DateTimeParseException ex) {
				add(field, "must be a date in the form YYYY-MM-DD");
			}
		}
	}

	void time(JsonNode node, String field) {
		String text = required(node, field);
		if (!text.isEmpty() && !text.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
			add(field, "must be a time in the form HH:MM");
		}
	}

}
