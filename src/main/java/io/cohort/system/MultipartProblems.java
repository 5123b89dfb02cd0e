package io.cohort.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body the container cannot parse (no boundary, a truncated part, a part over
 * the size limit) is the client's mistake: 400 {@code malformed-request} (413 when too
 * large), never a 500. It answers before {@link ProblemHandling}, whose catch-all would
 * otherwise take it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MultipartProblems {

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> multipart(MultipartException ex) {
		ProblemDetail problem = ex instanceof MaxUploadSizeExceededException
				? Problems.of(ProblemCode.PAYLOAD_TOO_LARGE, "The upload is too large") : Problems
					.of(ProblemCode.MALFORMED_REQUEST, "The request body is not a readable multipart/form-data upload");
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
