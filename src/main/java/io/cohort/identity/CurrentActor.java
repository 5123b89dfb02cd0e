package io.cohort.identity;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.cohort.shared.ActorRef;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, for any module: the tenant always comes from here (the verified token,
 * session or API key), never from a field the caller chooses.
 */
public final class CurrentActor {

	private CurrentActor() {
	}

	public static Optional<CohortPrincipal> principal() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CohortPrincipal principal) {
			return Optional.of(principal);
		}
		return Optional.empty();
	}

	public static CohortPrincipal require() {
		return principal().orElseThrow(() -> new AccessDeniedException("No authenticated caller"));
	}

	/**
	 * The caller's tenant; refused for callers without one (the platform admin, anonymous
	 * callers).
	 */
	public static UUID tenantId() {
		UUID tenant = require().tenantId();
		if (tenant == null) {
			throw new AccessDeniedException("This action belongs to a tenant");
		}
		return tenant;
	}

	/**
	 * Runs background work for a tenant as Cohort itself (no user roles), so facades see
	 * the tenant and the audit trail names the system; the thread's previous context is
	 * restored afterwards.
	 */
	public static <T> T asSystem(UUID tenantId, Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PrincipalAuthentication(
				new CohortPrincipal(CohortPrincipal.Kind.SYSTEM, new UUID(0, 0), tenantId, null, "system", Set.of())));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	/**
	 * The caller as the audit trail names it: the principal, or the system outside any
	 * request.
	 */
	public static ActorRef actorRef() {
		return principal().map(CohortPrincipal::actorRef).orElseGet(ActorRef::system);
	}

}
