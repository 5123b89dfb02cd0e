package io.cohort.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.cohort.system.CohortException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a failure with the HTML {@link ErrorPage} when a browser asked for a page (an
 * unknown course id, a broken link); API clients and htmx fragments fall through to the
 * problem handling unchanged. It runs before Spring MVC's own resolvers; security's
 * refusals stay with security.
 */
@Component
class ErrorPages implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

	private final ShellInterceptor shell;

	ErrorPages(ShellInterceptor shell) {
		this.shell = shell;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException
				|| !ErrorPage.wanted(request)) {
			return null;
		}
		HttpStatus status = status(ex);
		String detail = null;
		if (ex instanceof CohortException refusal && status.is4xxClientError()) {
			detail = refusal.getMessage();
		}
		if (status.is5xxServerError()) {
			log.error("Unexpected failure", ex);
		}
		response.setStatus(status.value());
		return ErrorPage.render(response, status, detail)
			.addObject("shell", shell.shellFor(request.getRequestURI().substring(request.getContextPath().length())));
	}

	private static HttpStatus status(Exception ex) {
		if (ex instanceof CohortException refusal) {
			return refusal.status();
		}
		if (ex instanceof MaxUploadSizeExceededException) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		if (ex instanceof ErrorResponse error) {
			HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
			return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
		}
		if (ex instanceof TypeMismatchException || ex instanceof HttpMessageNotReadableException
				|| ex instanceof MultipartException) {
			return HttpStatus.BAD_REQUEST;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
