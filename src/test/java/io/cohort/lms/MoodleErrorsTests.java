package io.cohort.lms;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moodle's errors, answered inside HTTP 200, sorted into those worth retrying and those
 * that are not; and the names Cohort gives a Moodle user.
 */
class MoodleErrorsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static MoodleResult.Failure<Object> failure(String exception, String errorcode) {
		return MoodleClient.failure("fn", JSON.readTree("""
				{"exception": "%s", "errorcode": "%s", "message": "Something"}""".formatted(exception, errorcode)));
	}

	@Test
	void retriesDatabaseErrors() {
		assertThat(failure("dml_read_exception", "dmlreadexception").retryable()).isTrue();
		assertThat(failure("dml_write_exception", "dmlwriteexception").retryable()).isTrue();
	}

	@Test
	void refusesForGoodAnInvalidTokenAccessControlAndAMissingRecord() {
		assertThat(failure("moodle_exception", "invalidtoken").retryable()).isFalse();
		assertThat(failure("webservice_access_exception", "accessexception").retryable()).isFalse();
		assertThat(failure("dml_missing_record_exception", "invalidrecord").retryable()).isFalse();
		assertThat(failure("invalid_parameter_exception", "invalidparameter").retryable()).isFalse();
	}

	@Test
	void aFailureNamesTheErrorcodeAndMessage() {
		assertThat(failure("moodle_exception", "invalidtoken").message())
			.isEqualTo("Moodle refused fn: invalidtoken - Something");
	}

	@Test
	void usernamesAreLowerCaseInMoodlesDefaultCharacters() {
		assertThat(MoodleOutbox.username("STU_001 x/y")).isEqualTo("cohort-stu_001-x-y");
	}

	@Test
	void theLastWordIsTheLastNameAndOneWordServesAsBoth() {
		assertThat(MoodleOutbox.names("  Tan  Ah Kow ")).containsExactly("Tan Ah", "Kow");
		assertThat(MoodleOutbox.names("Madonna")).containsExactly("Madonna", "Madonna");
	}

}
