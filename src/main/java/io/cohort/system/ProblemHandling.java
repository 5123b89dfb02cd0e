package io.cohort.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code type} and
 * {@code code}. Client mistakes never become a 500, and no response carries a stack
 * trace.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	@ExceptionHandler(CohortException.class)
	ResponseEntity<Object> rule(CohortException ex) {
		ProblemDetail problem = Problems.of(ex.code(), ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		HttpHeaders headers = new HttpHeaders();
		if (ex.properties().get("retry_after") instanceof Number seconds) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
		}
		return respond(problem, headers);
	}

	@ExceptionHandler(PayloadTooLarge.class)
	ResponseEntity<Object> tooLarge(PayloadTooLarge ex) {
		return respond(Problems.of(ProblemCode.PAYLOAD_TOO_LARGE, ex.getMessage()), new HttpHeaders());
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<Object> duplicate(DuplicateKeyException ex) {
		log.info("Duplicate key refused: {}", ex.getMostSpecificCause().getMessage());
		return respond(Problems.of(ProblemCode.DUPLICATE, "A record with the same key already exists"),
				new HttpHeaders());
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> stale(OptimisticLockingFailureException ex) {
		return respond(Problems.of(ProblemCode.CONCURRENT_MODIFICATION,
				"The record was changed by someone else; reload and try again"), new HttpHeaders());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex; // security's own handlers answer these with 401/403 problems
		}
		if (Problems.databaseUnavailable(ex)) {
			log.warn("No database connection: {}", ex.getMessage());
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			return respond(Problems.of(ProblemCode.DATABASE_UNAVAILABLE,
					"The database cannot be reached right now; try again shortly"), headers);
		}
		log.error("Unexpected failure", ex);
		return respond(
				Problems.of(ProblemCode.INTERNAL_ERROR,
						"Something went wrong on our side; quote the correlation id when reporting it"),
				new HttpHeaders());
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (ex instanceof HttpMessageNotReadableException
				&& org.springframework.core.NestedExceptionUtils.getRootCause(ex) instanceof PayloadTooLarge large) {
			return tooLarge(large);
		}
		CohortException refused = NulCharacters.refusal(ex);
		if (refused != null) {
			return rule(refused);
		}
		HttpStatus status = HttpStatus.valueOf(statusCode.value());
		ProblemDetail problem = Problems.of(status, codeFor(ex, status), detailFor(ex, body));
		List<Map<String, String>> errors = fieldErrors(ex);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return respond(problem, headers);
	}

	private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
		return ResponseEntity.status(problem.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static ProblemCode codeFor(Exception ex, HttpStatus status) {
		if (ex instanceof HttpMessageNotReadableException) {
			return ProblemCode.MALFORMED_REQUEST;
		}
		if (ex instanceof MaxUploadSizeExceededException) {
			return ProblemCode.PAYLOAD_TOO_LARGE;
		}
		return switch (status) {
			case BAD_REQUEST -> ProblemCode.VALIDATION_FAILED;
			case NOT_FOUND -> ProblemCode.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
			case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
			case NOT_ACCEPTABLE -> ProblemCode.NOT_ACCEPTABLE;
			case CONTENT_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
			default -> status.is5xxServerError() ? ProblemCode.INTERNAL_ERROR : ProblemCode.REQUEST_REFUSED;
		};
	}

	private static String detailFor(Exception ex, @Nullable Object body) {
		if (ex instanceof HttpMessageNotReadableException) {
			return "The request body is missing or is not valid JSON of the expected shape";
		}
		if (ex instanceof NoResourceFoundException) {
			return "Nothing is here";
		}
		if (ex instanceof HttpRequestMethodNotSupportedException m) {
			return "Method " + m.getMethod() + " is not allowed here";
		}
		if (ex instanceof HttpMediaTypeNotSupportedException m) {
			return "Content type " + m.getContentType() + " is not supported here";
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return "No acceptable representation";
		}
		if (ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException) {
			return "The request is invalid";
		}
		if (ex instanceof TypeMismatchException m) {
			return "Parameter " + snake(m.getPropertyName()) + " has an invalid value";
		}
		if (ex instanceof MissingServletRequestParameterException m) {
			return "Parameter " + m.getParameterName() + " is required";
		}
		if (body instanceof ProblemDetail problem && problem.getDetail() != null) {
			return problem.getDetail();
		}
		return "The request was refused";
	}

	private static List<Map<String, String>> fieldErrors(Exception ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		if (ex instanceof MethodArgumentNotValidException invalid) {
			for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
				errors.add(error(snake(error.getField()), error.getDefaultMessage()));
			}
			invalid.getBindingResult()
				.getGlobalErrors()
				.forEach(error -> errors.add(error(error.getObjectName(), error.getDefaultMessage())));
		}
		else if (ex instanceof HandlerMethodValidationException invalid) {
			invalid.getParameterValidationResults()
				.forEach(result -> result.getResolvableErrors()
					.forEach(error -> errors
						.add(error(snake(result.getMethodParameter().getParameterName()), error.getDefaultMessage()))));
		}
		return errors;
	}

	private static Map<String, String> error(@Nullable String field, @Nullable String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field == null ? "" : field);
		error.put("message", message == null ? "is invalid" : message);
		return error;
	}

	static String snake(@Nullable String name) {
		if (name == null) {
			return "";
		}
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

}
