package io.cohort.system;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

/**
 * Puts a facade's {@link CohortException} on a page form: next to the field it names, or
 * above the form.
 */
public final class FormErrors {

	private FormErrors() {
	}

	/**
	 * A problem with field errors puts each beside its field; a rule's problem (not a
	 * validation failure) also says its detail above the form. A problem without field
	 * errors goes beside the form field its code names, or above the form.
	 * @param codes maps a failure's code to the form field it concerns, or to
	 * {@code null} when it belongs to the whole form
	 * @param fields maps a problem's field name (snake case) to a form field, or to
	 * {@code null} for errors that belong to the whole form
	 */
	public static void reject(CohortException ex, BindingResult errors, Function<ProblemCode, @Nullable String> codes,
			Function<String, @Nullable String> fields) {
		if (ex.properties().get("errors") instanceof List<?> list) {
			boolean validation = ex.code() == ProblemCode.VALIDATION_FAILED;
			if (!validation) {
				errors.reject(ex.code().code(), ex.getMessage());
			}
			for (Object item : list) {
				if (item instanceof Map<?, ?> error) {
					String message = String.valueOf(error.get("message"));
					String field = fields.apply(String.valueOf(error.get("field")));
					if (field != null) {
						errors.rejectValue(field, ex.code().code(), message);
					}
					else {
						// a validation message reads after its field's name; a rule's
						// message is a sentence of its own
						errors.reject(ex.code().code(), validation ? error.get("field") + " " + message : message);
					}
				}
			}
			return;
		}
		String field = codes.apply(ex.code());
		if (field != null) {
			errors.rejectValue(field, ex.code().code(), ex.getMessage());
		}
		else {
			errors.reject(ex.code().code(), ex.getMessage());
		}
	}

	/**
	 * Like {@link #reject(CohortException, BindingResult, Function, Function)} for a form
	 * where no failure code names a field of its own.
	 */
	public static void reject(CohortException ex, BindingResult errors, Function<String, @Nullable String> fields) {
		reject(ex, errors, code -> null, fields);
	}

	/**
	 * Like {@link #reject(CohortException, BindingResult, Function, Function)}, with a
	 * problem's field put beside the form field named like it (see
	 * {@link #formField(String, Set)}).
	 */
	public static void reject(CohortException ex, BindingResult errors, Function<ProblemCode, @Nullable String> codes,
			Set<String> formFields) {
		reject(ex, errors, codes, field -> formField(field, formFields));
	}

	/**
	 * Puts the error next to the form field named like the problem's field (snake case to
	 * camel case) when the form has it, else above the form.
	 */
	public static void reject(CohortException ex, BindingResult errors, Set<String> formFields) {
		reject(ex, errors, field -> formField(field, formFields));
	}

	/**
	 * The form field named like a problem's field ({@code registration_closes} as
	 * {@code registrationCloses}) when the form has it, else {@code null}.
	 */
	public static @Nullable String formField(String field, Set<String> formFields) {
		String camel = camel(field);
		return formFields.contains(camel) ? camel : null;
	}

	/** {@code registration_closes} as {@code registrationCloses}. */
	public static String camel(String snake) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : snake.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

}
