package io.cohort.identity;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads a web session's user on every request: a disabled user, or one whose password
 * changed since the session signed in, is logged out at once, and role changes apply on
 * the next page.
 */
class SessionPrincipalRefresher extends OncePerRequestFilter {

	/**
	 * The session attribute holding when it signed in (epoch milliseconds); a session
	 * without it counts from its creation.
	 */
	static final String SIGNED_IN_AT = SessionPrincipalRefresher.class.getName() + ".signedInAt";

	private final PrincipalLoader principals;

	SessionPrincipalRefresher(PrincipalLoader principals) {
		this.principals = principals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof PrincipalAuthentication current
				&& current.getPrincipal().kind() == CohortPrincipal.Kind.USER) {
			HttpSession existing = request.getSession(false);
			@Nullable Instant signedIn = existing == null ? null : signedInAt(existing);
			Optional<CohortPrincipal> fresh = principals.activeUser(current.getPrincipal().id(), signedIn);
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			if (fresh.isPresent()) {
				context.setAuthentication(new PrincipalAuthentication(fresh.get()));
			}
			else {
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

	private static Instant signedInAt(HttpSession session) {
		return session.getAttribute(SIGNED_IN_AT) instanceof Long millis ? Instant.ofEpochMilli(millis)
				: Instant.ofEpochMilli(session.getCreationTime());
	}

}
