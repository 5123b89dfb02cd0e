package io.cohort.spreadsheets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import jakarta.validation.ConstraintViolation;
import org.springframework.http.HttpStatus;

/**
 * Collects what is wrong with a row's values, column by column, and reports it as one
 * validation failure, the way the API reports an invalid request body.
 */
final class FieldErrors {

	private final List<Map<String, String>> errors = new ArrayList<>();

	void add(String field, String message) {
		errors.add(Map.of("field", field, "message", message));
	}

	<T> void addAll(Iterable<ConstraintViolation<T>> violations) {
		for (ConstraintViolation<T> violation : violations) {
			add(snakeCase(violation.getPropertyPath().toString()), violation.getMessage());
		}
	}

	/** Throws the collected errors, if any. */
	void throwIfAny() {
		if (!errors.isEmpty()) {
			throw new CohortException(ProblemCode.VALIDATION_FAILED, "The row is invalid",
					Map.of("errors", List.copyOf(errors)));
		}
	}

	private static String snakeCase(String property) {
		return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
