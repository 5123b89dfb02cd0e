package io.cohort.system;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal lands on a page form by its typed code or by its problem's field names
 * (GH-10): a code goes beside the field the page maps it to, field errors beside their
 * fields, and whatever the form has no field for above it.
 */
class FormErrorsTests {

	@Test
	void aCodeGoesBesideTheFieldThePageMapsItTo() {
		BindingResult errors = form();

		FormErrors.reject(new CohortException(ProblemCode.RUN_REFERENCE_TAKEN, "R-1 is taken"), errors,
				code -> code == ProblemCode.RUN_REFERENCE_TAKEN ? "reference" : null, Set.of("reference"));

		assertThat(errors.getFieldError("reference")).isNotNull()
			.satisfies(error -> assertThat(error.getDefaultMessage()).isEqualTo("R-1 is taken"))
			.satisfies(error -> assertThat(error.getCode()).isEqualTo("run-reference-taken"));
		assertThat(errors.getGlobalErrors()).isEmpty();
	}

	@Test
	void aCodeThePageDoesNotMapGoesAboveTheForm() {
		BindingResult errors = form();

		FormErrors.reject(new CohortException(ProblemCode.CLASS_RUN_FULL, "The run is full"), errors,
				code -> code == ProblemCode.RUN_REFERENCE_TAKEN ? "reference" : null, Set.of("reference"));

		assertThat(errors.getFieldErrors()).isEmpty();
		assertThat(errors.getGlobalErrors()).singleElement()
			.satisfies(error -> assertThat(error.getDefaultMessage()).isEqualTo("The run is full"));
	}

	@Test
	void fieldErrorsGoBesideTheFieldsNamedLikeThemAndTheRestAboveTheForm() {
		BindingResult errors = form();
		CohortException invalid = new CohortException(ProblemCode.VALIDATION_FAILED, "Invalid",
				Map.of("errors", List.of(Map.of("field", "registration_closes", "message", "must be a date"),
						Map.of("field", "capacity", "message", "must be positive"))));

		FormErrors.reject(invalid, errors, code -> "reference", Set.of("registrationCloses"));

		assertThat(errors.getFieldError("registrationCloses")).isNotNull()
			.satisfies(error -> assertThat(error.getDefaultMessage()).isEqualTo("must be a date"));
		assertThat(errors.getFieldError("reference")).as("a problem with field errors is not put by its code").isNull();
		assertThat(errors.getGlobalErrors()).singleElement()
			.satisfies(error -> assertThat(error.getDefaultMessage()).isEqualTo("capacity must be positive"));
	}

	@Test
	void aRulesFieldErrorsAlsoSayItsDetailAboveTheForm() {
		BindingResult errors = form();
		CohortException incomplete = new CohortException(ProblemCode.RUN_INCOMPLETE_FOR_GATEWAY,
				"The run cannot be published to TPGateway",
				Map.of("errors", List.of(Map.of("field", "venue_postal_code", "message", "is required"))));

		FormErrors.reject(incomplete, errors, field -> FormErrors.formField(field, Set.of("venuePostalCode")));

		assertThat(errors.getFieldError("venuePostalCode")).isNotNull();
		assertThat(errors.getGlobalErrors()).singleElement()
			.satisfies(error -> assertThat(error.getDefaultMessage())
				.isEqualTo("The run cannot be published to TPGateway"));
	}

	@Test
	void aFormFieldIsTheProblemsFieldInCamelCaseWhenTheFormHasIt() {
		assertThat(FormErrors.formField("registration_closes", Set.of("registrationCloses")))
			.isEqualTo("registrationCloses");
		assertThat(FormErrors.formField("ssg_course_ref", Set.of("registrationCloses"))).isNull();
	}

	private static BindingResult form() {
		Map<String, Object> target = new HashMap<>();
		target.put("reference", "R-1");
		target.put("registrationCloses", "2026-12-01");
		target.put("venuePostalCode", "");
		return new MapBindingResult(target, "form");
	}

}
