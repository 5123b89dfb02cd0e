package io.cohort.system;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that cannot get a database connection within the pool's timeout (5 s) is
 * answered 503 {@code database-unavailable} with a Retry-After, not 500, whether it
 * failed in a controller or before one.
 */
class DatabaseUnavailableTests {

	private static final SQLTransientConnectionException TIMED_OUT = new SQLTransientConnectionException(
			"cohort - Connection is not available, request timed out after 5000ms");

	@Test
	void thePoolWaitsFiveSecondsForAConnectionByDefault() {
		assertThat(DatabaseConfiguration
			.config("jdbc:postgresql://127.0.0.1:1/cohort", "cohort_app", "", 20, Duration.ofSeconds(5))
			.getConnectionTimeout()).isEqualTo(5_000);
	}

	@Test
	void aTransactionWithoutAConnectionIsA503Problem() throws Exception {
		ResponseEntity<Object> answer = new ProblemHandling()
			.unexpected(new CannotCreateTransactionException("Could not open JDBC Connection", TIMED_OUT));

		assertUnavailable(answer.getStatusCode().value(), answer.getHeaders(), (ProblemDetail) answer.getBody());
	}

	@Test
	void aQueryWithoutAConnectionIsA503Problem() throws Exception {
		ResponseEntity<Object> answer = new ProblemHandling()
			.unexpected(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", TIMED_OUT));

		assertUnavailable(answer.getStatusCode().value(), answer.getHeaders(), (ProblemDetail) answer.getBody());
	}

	@Test
	void aFilterWithoutAConnectionIsA503ProblemToo() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new ServletException(
				new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", TIMED_OUT)));

		ResponseEntity<ProblemDetail> answer = new ProblemErrorController().error(request);

		assertUnavailable(answer.getStatusCode().value(), answer.getHeaders(), answer.getBody());
	}

	@Test
	void otherFailuresStayInternalErrors() throws Exception {
		ResponseEntity<Object> answer = new ProblemHandling().unexpected(new IllegalStateException("bug"));

		assertThat(answer.getStatusCode().value()).isEqualTo(500);
		assertThat(Problems.databaseUnavailable(new IllegalStateException("bug"))).isFalse();
	}

	private static void assertUnavailable(int status, HttpHeaders headers, ProblemDetail problem) {
		assertThat(status).isEqualTo(503);
		assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(problem.getProperties()).containsEntry("code", "database-unavailable");
	}

}
