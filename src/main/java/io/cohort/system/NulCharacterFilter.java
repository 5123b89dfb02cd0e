package io.cohort.system;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a NUL character in a query parameter, a form field (also the login form, so it
 * runs before security), a header or the path with the {@code validation-failed} problem
 * naming where it was. JSON bodies are checked by {@link NulCharacters#jacksonModule()}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class NulCharacterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String field = refusedField(request);
		if (field != null) {
			CohortException refused = CohortException.invalidField(field, NulCharacters.MESSAGE);
			ProblemDetail problem = Problems.of(refused.code(), refused.getMessage());
			refused.properties().forEach(problem::setProperty);
			Problems.write(response, problem);
			return;
		}
		chain.doFilter(request, response);
	}

	private static @Nullable String refusedField(HttpServletRequest request) {
		if (NulCharacters.contain(request.getServletPath()) || NulCharacters.contain(request.getPathInfo())) {
			return "path";
		}
		Enumeration<String> headers = request.getHeaderNames();
		while (headers != null && headers.hasMoreElements()) {
			String name = headers.nextElement();
			Enumeration<String> values = request.getHeaders(name);
			while (values.hasMoreElements()) {
				if (NulCharacters.contain(values.nextElement())) {
					return name;
				}
			}
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (NulCharacters.contain(parameter.getKey())) {
				return "parameters";
			}
			for (String value : parameter.getValue()) {
				if (NulCharacters.contain(value)) {
					return parameter.getKey();
				}
			}
		}
		return null;
	}

}
