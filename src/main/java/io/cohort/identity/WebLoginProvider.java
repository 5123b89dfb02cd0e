package io.cohort.identity;

import jakarta.servlet.http.HttpServletRequest;
import io.cohort.system.CohortException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The web login form: tenant, email and password, checked by {@link Logins} with the same throttling
 * and auditing as the API.
 */
class WebLoginProvider implements AuthenticationProvider {

	/** What the login form sends besides email and password. */
	record Details(String tenant, String address) {

		static Details of(HttpServletRequest request) {
			String tenant = request.getParameter("tenant");
			return new Details(tenant == null ? "" : tenant, request.getRemoteAddr());
		}

	}

	private final Logins logins;

	WebLoginProvider(Logins logins) {
		this.logins = logins;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		Details details = authentication.getDetails() instanceof Details d ? d : new Details("", "unknown");
		String email = String.valueOf(authentication.getPrincipal());
		String password = String.valueOf(authentication.getCredentials());
		try {
			return new PrincipalAuthentication(logins.authenticate(details.tenant(), email, password, details.address()));
		}
		catch (TooManyLoginAttempts ex) {
			throw new LockedException(ex.getMessage());
		}
		catch (CohortException ex) {
			throw new BadCredentialsException(ex.getMessage());
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
