package io.cohort.spreadsheets;

import java.time.LocalDate;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The learners file follows the new-learner form: consent must be yes, and a date of
 * birth is read day first (31/12/1990) or as ISO, never month first.
 */
class LearnerRowsTests {

	@Test
	void aDateIsReadDayFirstOrAsIsoAndTheTemplateShowsTheDayFirstForm() {
		FieldErrors errors = new FieldErrors();
		assertThat(LearnerRows.date("31/12/1990", errors)).isEqualTo(LocalDate.of(1990, 12, 31));
		assertThat(LearnerRows.date("3/4/1990", errors)).isEqualTo(LocalDate.of(1990, 4, 3));
		assertThat(LearnerRows.date("1990-12-31", errors)).isEqualTo(LocalDate.of(1990, 12, 31));
		assertThat(LearnerRows.date("", errors)).isNull();
		errors.throwIfAny();
		assertThat(ImportManagement.learnerTemplate()).startsWith(String.join(",", LearnerRows.COLUMNS) + "\r\n")
			.contains(",31/12/1990,yes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "12/31/1990", "31/04/1990", "1990/12/31", "yesterday" })
	void aDateMonthFirstOrImpossibleIsRefused(String value) {
		FieldErrors errors = new FieldErrors();
		assertThat(LearnerRows.date(value, errors)).isNull();
		assertThatThrownBy(errors::throwIfAny).isInstanceOf(CohortException.class)
			.hasFieldOrPropertyWithValue("code", ProblemCode.VALIDATION_FAILED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "no", "No", "false", "", " " })
	void aLearnerWithoutConsentIsRefusedAsTheFormRefusesThem(String value) {
		FieldErrors errors = new FieldErrors();
		assertThat(LearnerRows.consent(value, errors)).isFalse();
		assertThatThrownBy(errors::throwIfAny).isInstanceOf(CohortException.class)
			.satisfies(ex -> assertThat(((CohortException) ex).properties().toString())
				.contains("the learner must consent"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "YES", "true", " yes " })
	void consentIsYesOrTrue(String value) {
		FieldErrors errors = new FieldErrors();
		assertThat(LearnerRows.consent(value, errors)).isTrue();
		errors.throwIfAny();
	}

}
