package io.cohort.identity;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link CohortPrincipal}. Users get {@code ROLE_<role>} authorities;
 * API keys get {@code ROLE_INTEGRATION} only.
 */
class PrincipalAuthentication extends AbstractAuthenticationToken {

	static final String INTEGRATION = "ROLE_INTEGRATION";

	private final CohortPrincipal principal;

	PrincipalAuthentication(CohortPrincipal principal) {
		super(authorities(principal));
		this.principal = principal;
		setAuthenticated(true);
	}

	/**
	 * Keeps no request details: the authentication is stored in the web session, in the
	 * database, and the login form's details hold one-time codes.
	 */
	@Override
	public void setDetails(@Nullable Object details) {
		// ignored on purpose
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public CohortPrincipal getPrincipal() {
		return principal;
	}

	@Override
	public String getName() {
		return principal.name();
	}

	private static List<GrantedAuthority> authorities(CohortPrincipal principal) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		if (principal.kind() == CohortPrincipal.Kind.API_KEY) {
			authorities.add(new SimpleGrantedAuthority(INTEGRATION));
		}
		principal.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		return authorities;
	}

}
