package io.cohort.identity;

import java.io.IOException;
import java.util.Optional;

import io.cohort.system.ProblemCode;
import io.cohort.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-API-Key}. A key that is unknown or revoked is answered with 401
 * at once.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final ApiKeyManagement keys;

	ApiKeyAuthenticationFilter(ApiKeyManagement keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented == null || presented.isBlank()) {
			chain.doFilter(request, response);
			return;
		}
		Optional<CohortPrincipal> key = keys.authenticate(presented.trim());
		if (key.isEmpty()) {
			response.setHeader("WWW-Authenticate", "ApiKey");
			Problems.write(response, Problems.of(ProblemCode.INVALID_API_KEY, "The API key is unknown or revoked"));
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PrincipalAuthentication(key.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
