package io.cohort.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.cohort.system.Installation;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a metrics scraper in with {@code Authorization: Bearer $COHORT_METRICS_TOKEN}.
 * Without that setting the actuator endpoints answer nobody.
 */
class MetricsTokenFilter extends OncePerRequestFilter {

	static final String SCRAPER = "ROLE_METRICS";

	private final Installation installation;

	MetricsTokenFilter(Installation installation) {
		this.installation = installation;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		boolean valid = header != null && header.startsWith("Bearer ")
				&& installation.metricsToken()
					.map(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
							header.substring(7).trim().getBytes(StandardCharsets.UTF_8)))
					.orElse(false);
		if (valid) {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", "",
					List.of(new SimpleGrantedAuthority(SCRAPER))));
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
