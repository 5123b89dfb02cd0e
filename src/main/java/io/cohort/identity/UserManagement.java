package io.cohort.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.cohort.shared.AuditFact;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing the users of the caller's tenant: accounts, roles, enabling and disabling.
 * Every change is audited in its own transaction.
 */
@Service
public class UserManagement {

	private final UserRepository users;

	private final Passwords passwords;

	private final RefreshTokens refreshTokens;

	private final TenantRepository tenants;

	private final ApplicationEventPublisher events;

	UserManagement(UserRepository users, Passwords passwords, RefreshTokens refreshTokens, TenantRepository tenants,
			ApplicationEventPublisher events) {
		this.users = users;
		this.passwords = passwords;
		this.tenants = tenants;
		this.refreshTokens = refreshTokens;
		this.events = events;
	}

	/** What a new account needs. */
	public record NewUser(String email, String displayName, String password, Set<Role> roles) {
	}

	/** A partial change: absent fields stay as they are. */
	public record UserChange(@Nullable String displayName, @Nullable Set<Role> roles, @Nullable Boolean enabled,
			@Nullable String password) {
	}

	@Transactional(readOnly = true)
	public PageView<UserView> list(int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		List<UserView> items = users.page(tenant, page, size).stream().map(UserRepository.StoredUser::view).toList();
		return new PageView<>(items, page, size, users.count(tenant));
	}

	/**
	 * The enabled users of {@code tenant} holding {@code role}; the tenant is given, for
	 * callers with no request (listeners, scheduled passes).
	 */
	@Transactional(readOnly = true)
	public List<UserView> withRole(UUID tenant, Role role) {
		return users.enabledWithRole(tenant, role).stream().map(UserRepository.StoredUser::view).toList();
	}

	@Transactional(readOnly = true)
	public UserView get(UUID id) {
		return users.findInTenant(CurrentActor.tenantId(), id)
			.map(UserRepository.StoredUser::view)
			.orElseThrow(() -> CohortException.notFound("user", id));
	}

	/** The user in the caller's tenant, if there is one. */
	@Transactional(readOnly = true)
	public java.util.Optional<UserView> find(UUID id) {
		return users.findInTenant(CurrentActor.tenantId(), id).map(UserRepository.StoredUser::view);
	}

	@Transactional
	public UserView create(NewUser request) {
		return createIn(CurrentActor.tenantId(), request);
	}

	/**
	 * Creates a user in the given tenant: for tenant creation and demo data, where no
	 * tenant caller exists.
	 */
	@Transactional
	UserView createIn(UUID tenantId, NewUser request) {
		Set<Role> roles = tenantRoles(request.roles());
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String email = request.email().trim().toLowerCase(Locale.ROOT);
		UserView user = new UserView(UUID.randomUUID(), tenantId, email, request.displayName().trim(),
				List.copyOf(roles), true, now, now);
		try {
			users.insert(user, passwords.hash("password", request.password(), context(tenantId, email)));
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.EMAIL_TAKEN, "A user with this email already exists in the tenant");
		}
		events.publishEvent(AuditFact.of(tenantId, "user.created", "user", user.id(),
				Map.of("email", email, "display_name", user.displayName(), "roles", names(roles))));
		return user;
	}

	@Transactional
	public UserView update(UUID id, UserChange change) {
		CohortPrincipal caller = CurrentActor.require();
		UUID tenant = CurrentActor.tenantId();
		UserView before = users.lockInTenant(tenant, id)
			.map(UserRepository.StoredUser::view)
			.orElseThrow(() -> CohortException.notFound("user", id));
		Set<Role> roles = change.roles() == null ? new TreeSet<>(before.roles()) : tenantRoles(change.roles());
		boolean enabled = change.enabled() == null ? before.enabled() : change.enabled();
		String displayName = change.displayName() == null ? before.displayName() : change.displayName().trim();
		if (displayName.isEmpty()) {
			throw CohortException.invalidField("display_name", "must not be blank");
		}
		boolean staysAdmin = enabled && roles.contains(Role.ADMIN);
		if (before.roles().contains(Role.ADMIN) && before.enabled() && !staysAdmin
				&& users.otherEnabledAdmins(tenant, id) == 0) {
			throw new CohortException(ProblemCode.LAST_ADMIN,
					"The tenant's last enabled admin cannot be disabled or lose the ADMIN role");
		}
		if (caller.id().equals(id) && !staysAdmin && before.roles().contains(Role.ADMIN)) {
			throw new CohortException(ProblemCode.SELF_LOCKOUT,
					"You cannot disable yourself or remove your own ADMIN role");
		}
		UserView after = new UserView(before.id(), before.tenantId(), before.email(), displayName, List.copyOf(roles),
				enabled, before.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
		users.update(after);
		Map<String, Object> changes = new LinkedHashMap<>();
		if (!displayName.equals(before.displayName())) {
			changes.put("display_name", Map.of("from", before.displayName(), "to", displayName));
		}
		if (!Set.copyOf(before.roles()).equals(roles)) {
			changes.put("roles", Map.of("from", names(before.roles()), "to", names(roles)));
		}
		if (enabled != before.enabled()) {
			changes.put("enabled", Map.of("from", before.enabled(), "to", enabled));
			if (!enabled) {
				refreshTokens.revokeAllOf(id);
			}
		}
		if (change.password() != null) {
			users.changePassword(id, passwords.hash("password", change.password(), context(tenant, before.email())),
					Instant.now());
			refreshTokens.revokeAllOf(id);
			changes.put("password", "changed");
		}
		if (!changes.isEmpty()) {
			events.publishEvent(AuditFact.of(tenant, "user.updated", "user", id, changes));
		}
		return after;
	}

	private PasswordPolicy.Context context(UUID tenantId, String email) {
		return tenants.findById(tenantId)
			.map(tenant -> new PasswordPolicy.Context(email, tenant.slug(), tenant.name()))
			.orElseGet(() -> PasswordPolicy.Context.platform(email));
	}

	private static Set<Role> tenantRoles(Set<Role> roles) {
		if (roles.isEmpty()) {
			throw CohortException.invalidField("roles", "must name at least one role");
		}
		if (roles.contains(Role.PLATFORM_ADMIN)) {
			throw CohortException.invalidField("roles", "PLATFORM_ADMIN is not a tenant role");
		}
		return new TreeSet<>(roles);
	}

	private static List<String> names(java.util.Collection<Role> roles) {
		return roles.stream().map(Role::name).sorted().toList();
	}

}
