package io.cohort.system;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the problem handling answers for failures no request of the suite can provoke on
 * purpose (a lost race on a unique key, a stale version, a bug), and for the framework's
 * own refusals: each a problem with its code, never a stack trace.
 */
class ProblemHandlingTests {

	private final ProblemHandling handling = new ProblemHandling();

	@Test
	void aLostRaceOnAUniqueKeyIsAConflict() {
		assertProblem(handling.duplicate(new DuplicateKeyException("duplicate key value violates \"x_key\"")), 409,
				"duplicate");
	}

	@Test
	void aStaleVersionIsAConcurrentModification() {
		assertProblem(handling.stale(new OptimisticLockingFailureException("row changed")), 409,
				"concurrent-modification");
	}

	@Test
	void anUnexpectedFailureIsAnInternalErrorThatShowsNothingOfIt() throws Exception {
		ResponseEntity<Object> answer = handling.unexpected(new IllegalStateException("secret detail"));

		ProblemDetail problem = assertProblem(answer, 500, "internal-error");
		assertThat(problem.getDetail()).doesNotContain("secret detail");
	}

	@Test
	void theFrameworksRefusalsKeepTheirStatusWithACode() throws Exception {
		ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest());

		assertProblem(handling
			.handleException(new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON)), request),
				406, "not-acceptable");
		assertProblem(handling.handleException(new ErrorResponseException(HttpStatus.GONE), request), 410,
				"request-refused");
	}

	private static ProblemDetail assertProblem(ResponseEntity<Object> answer, int status, String code) {
		assertThat(answer.getStatusCode().value()).isEqualTo(status);
		assertThat(answer.getBody()).isInstanceOf(ProblemDetail.class);
		ProblemDetail problem = (ProblemDetail) answer.getBody();
		assertThat(problem.getStatus()).isEqualTo(status);
		assertThat(problem.getProperties()).containsEntry("code", code);
		assertThat(problem.getType().toString()).isEqualTo(Problems.TYPE_BASE + code);
		return problem;
	}

}
