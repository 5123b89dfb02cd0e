package io.cohort.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's fallback error page (which keeps a legacy JSON format) so that failures
 * raised before any controller, in the servlet container, are problems too.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE,
			MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		if (status.is2xxSuccessful()) {
			status = HttpStatus.NOT_FOUND;
		}
		if (Problems.databaseUnavailable((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(ProblemCode.DATABASE_UNAVAILABLE,
						"The database cannot be reached right now; try again shortly"));
		}
		ProblemCode problemCode = switch (status) {
			case NOT_FOUND -> ProblemCode.NOT_FOUND;
			case BAD_REQUEST -> ProblemCode.MALFORMED_REQUEST;
			case CONTENT_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
			case UNAUTHORIZED -> ProblemCode.UNAUTHENTICATED;
			case FORBIDDEN -> ProblemCode.FORBIDDEN;
			default -> status.is5xxServerError() ? ProblemCode.INTERNAL_ERROR : ProblemCode.REQUEST_REFUSED;
		};
		ProblemDetail problem = Problems.of(status, problemCode, status.getReasonPhrase());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
