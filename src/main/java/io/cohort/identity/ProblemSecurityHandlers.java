package io.cohort.identity;

import java.io.IOException;

import io.cohort.system.ProblemCode;
import io.cohort.system.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Security's own refusals as problems: 401 {@code unauthenticated} /
 * {@code invalid-token}, 403 {@code forbidden}.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		boolean badToken = exception instanceof OAuth2AuthenticationException;
		response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
		Problems.write(response,
				badToken ? Problems.of(ProblemCode.INVALID_TOKEN,
						"The access token is invalid, expired, or its user is disabled")
						: Problems.of(ProblemCode.UNAUTHENTICATED, "Log in or present an API key first"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		Problems.write(response, Problems.of(ProblemCode.FORBIDDEN, "Your role does not allow this action"));
	}

}
