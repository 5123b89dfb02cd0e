package io.cohort.identity;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.cohort.system.CohortException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * The web login form: tenant, email and password, checked by {@link Logins} with the same
 * throttling and auditing as the API. A user with a second factor then gets a second
 * step: the checked login waits in the session (for five minutes at most) while the form
 * asks for the authenticator's code.
 */
class WebLoginProvider implements AuthenticationProvider {

	/** The session attribute holding a login that waits for its second step. */
	static final String PENDING = WebLoginProvider.class.getName() + ".pending";

	static final Duration PENDING_FOR = Duration.ofMinutes(5);

	/** A login waiting for its second step, and until when it may. */
	record Waiting(SecondFactorRequired.Pending pending, Instant until) implements Serializable {
	}

	/**
	 * What the login form sends besides email and password, and a login waiting for its
	 * second step.
	 */
	record Details(String tenant, String address, @Nullable String totpCode, @Nullable String recoveryCode,
			SecondFactorRequired.@Nullable Pending pending) {

		static Details of(HttpServletRequest request) {
			String tenant = request.getParameter("tenant");
			HttpSession session = request.getSession(false);
			SecondFactorRequired.Pending pending = null;
			if (session != null && session.getAttribute(PENDING) instanceof Waiting waiting
					&& Instant.now().isBefore(waiting.until())) {
				pending = waiting.pending();
			}
			return new Details(tenant == null ? "" : tenant, request.getRemoteAddr(), request.getParameter("totp_code"),
					request.getParameter("recovery_code"), pending);
		}

	}

	/** The password was right and a second step is needed. */
	static final class SecondStepNeeded extends AuthenticationException {

		private final transient SecondFactorRequired.Pending pending;

		SecondStepNeeded(SecondFactorRequired.Pending pending) {
			super("A second factor is needed");
			this.pending = pending;
		}

		SecondFactorRequired.Pending pending() {
			return pending;
		}

	}

	private final Logins logins;

	WebLoginProvider(Logins logins) {
		this.logins = logins;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		Details details = authentication.getDetails() instanceof Details d ? d
				: new Details("", "unknown", null, null, null);
		String email = String.valueOf(authentication.getPrincipal());
		String password = String.valueOf(authentication.getCredentials());
		boolean secondStep = details.pending() != null
				&& (!blank(details.totpCode()) || !blank(details.recoveryCode()));
		try {
			if (secondStep) {
				return new PrincipalAuthentication(logins.completeSecondStep(details.pending(), details.totpCode(),
						details.recoveryCode(), details.address()));
			}
			return new PrincipalAuthentication(
					logins.authenticate(details.tenant(), email, password, null, null, details.address()));
		}
		catch (SecondFactorRequired ex) {
			throw new SecondStepNeeded(ex.pending());
		}
		catch (TooManyLoginAttempts ex) {
			throw new LockedException(ex.getMessage());
		}
		catch (CohortException ex) {
			throw new BadCredentialsException(ex.getMessage());
		}
	}

	/**
	 * Where a failed login goes: the second step, the throttled notice, or the
	 * wrong-credentials notice.
	 */
	static void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		String target;
		if (exception instanceof SecondStepNeeded needed) {
			request.getSession().setAttribute(PENDING, new Waiting(needed.pending(), Instant.now().plus(PENDING_FOR)));
			target = "/login?totp";
		}
		else if (exception instanceof LockedException) {
			keepTyped(request, response);
			target = "/login?throttled";
		}
		else if (request.getParameter("totp_code") == null) {
			keepTyped(request, response);
			target = "/login?error";
		}
		else {
			HttpSession session = request.getSession(false);
			boolean waiting = session != null && session.getAttribute(PENDING) instanceof Waiting w
					&& Instant.now().isBefore(w.until());
			if (!waiting && session != null) {
				session.removeAttribute(PENDING);
			}
			target = waiting ? "/login?totp&error" : "/login?expired";
		}
		response.sendRedirect(request.getContextPath() + target);
	}

	/**
	 * The organisation and email a refused login typed, for the login page to show again
	 * once (a flash attribute: kept in the session, not in the address). Never the
	 * password.
	 */
	private static void keepTyped(HttpServletRequest request, HttpServletResponse response) {
		FlashMap typed = new FlashMap();
		typed.put("typedTenant", Objects.requireNonNullElse(request.getParameter("tenant"), ""));
		typed.put("typedEmail", Objects.requireNonNullElse(request.getParameter("email"), ""));
		typed.setTargetRequestPath(request.getContextPath() + "/login");
		new SessionFlashMapManager().saveOutputFlashMap(typed, request, response);
	}

	/**
	 * A login done: nothing waits for a second step any more, the session notes when it
	 * signed in (a later new password ends it); on to the home page.
	 */
	static void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		HttpSession session = request.getSession();
		session.removeAttribute(PENDING);
		session.setAttribute(SessionPrincipalRefresher.SIGNED_IN_AT, Instant.now().toEpochMilli());
		response.sendRedirect(request.getContextPath() + "/");
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
