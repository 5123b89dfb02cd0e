package io.cohort.identity.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.cohort.system.CohortException;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

/**
 * Puts a facade's {@link CohortException} on a page form: next to the field it names, or above the form.
 */
final class FormErrors {

	private FormErrors() {
	}

	/**
	 * @param fields maps a problem's field name (snake case) or a failure code to a form field, or to
	 * {@code null} for errors that belong to the whole form
	 */
	static void reject(CohortException ex, BindingResult errors, Function<String, @Nullable String> fields) {
		if ("validation-failed".equals(ex.code()) && ex.properties().get("errors") instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map<?, ?> error) {
					String message = String.valueOf(error.get("message"));
					String field = fields.apply(String.valueOf(error.get("field")));
					if (field != null) {
						errors.rejectValue(field, ex.code(), message);
					}
					else {
						errors.reject(ex.code(), String.valueOf(error.get("field")) + " " + message);
					}
				}
			}
			return;
		}
		String field = fields.apply(ex.code());
		if (field != null) {
			errors.rejectValue(field, ex.code(), ex.getMessage());
		}
		else {
			errors.reject(ex.code(), ex.getMessage());
		}
	}

}
