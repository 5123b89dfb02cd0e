package io.cohort.testing;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Makes a fresh tenant per test and runs code as one of its roles, calling the facades
 * directly (the HTTP layer has its own tests).
 */
public class Tenants {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final TenantManagement tenants;

	public Tenants(TenantManagement tenants) {
		this.tenants = tenants;
	}

	/** A tenant of the test, and the principals acting in it. */
	public record TestTenant(UUID id, String slug) {

		/** A principal for a real user of the tenant. */
		public CohortPrincipal user(io.cohort.identity.UserView user) {
			return new CohortPrincipal(CohortPrincipal.Kind.USER, user.id(), id, slug, user.email(),
					Set.copyOf(user.roles()));
		}

		public CohortPrincipal as(Role role) {
			return new CohortPrincipal(CohortPrincipal.Kind.USER, UUID.nameUUIDFromBytes((id + role.name()).getBytes()),
					id, slug, role.name().toLowerCase() + "@" + slug + ".test", Set.of(role));
		}

	}

	public TestTenant create(String prefix) {
		String slug = (prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6))
			.toLowerCase();
		TenantManagement.CreatedTenant created = tenants.create(new TenantManagement.NewTenant(slug, "Tenant " + slug,
				"201912345K", null, "admin@" + slug + ".test", "a-long-admin-password"));
		return new TestTenant(created.tenant().id(), slug);
	}

	/** Runs the call with the principal as the current caller on this thread. */
	public static <T> T as(CohortPrincipal principal, Callable<T> call) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new TestingAuthenticationToken(principal, null,
				principal.roles().stream().map(Role::authority).toArray(String[]::new)));
		SecurityContextHolder.setContext(context);
		try {
			return call.call();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	public static void run(CohortPrincipal principal, Runnable action) {
		as(principal, () -> {
			action.run();
			return null;
		});
	}

}
