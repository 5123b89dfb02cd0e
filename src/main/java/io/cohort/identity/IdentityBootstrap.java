package io.cohort.identity;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cohort.shared.AuditFact;
import io.cohort.system.Installation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start: creates or updates the platform admin from {@code COHORT_PLATFORM_ADMIN_*},
 * and, when demo data is on, the demo tenant with one user per role (passwords in the
 * README).
 */
@Component
@Order(0)
class IdentityBootstrap implements ApplicationRunner {

	static final String DEMO_SLUG = "demo";

	static final String DEMO_PASSWORD = "cohort-demo-2026";

	static final String DEMO_PLATFORM_EMAIL = "platform@cohort.local";

	private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

	private final Installation installation;

	private final PlatformAdminSettings platformAdmin;

	private final TenantManagement tenants;

	private final UserManagement users;

	private final UserRepository userRepository;

	private final Passwords passwords;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	IdentityBootstrap(Installation installation, PlatformAdminSettings platformAdmin, TenantManagement tenants,
			UserManagement users, UserRepository userRepository, Passwords passwords, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.installation = installation;
		this.platformAdmin = platformAdmin;
		this.tenants = tenants;
		this.users = users;
		this.userRepository = userRepository;
		this.passwords = passwords;
		this.events = events;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (platformAdmin.configured()) {
			tx.executeWithoutResult(status -> upsertPlatformAdmin(platformAdmin.email(), platformAdmin.password()));
		}
		else if (installation.demoData()) {
			tx.executeWithoutResult(status -> {
				if (userRepository.findByEmail(null, DEMO_PLATFORM_EMAIL).isEmpty()) {
					upsertPlatformAdmin(DEMO_PLATFORM_EMAIL, DEMO_PASSWORD);
				}
			});
		}
		if (installation.demoData() && tenants.findBySlug(DEMO_SLUG).isEmpty()) {
			tx.executeWithoutResult(status -> createDemoTenant());
			log.info("Created the demo tenant '{}' with one user per role", DEMO_SLUG);
		}
	}

	private void upsertPlatformAdmin(String email, String password) {
		String hash = passwords.hash("COHORT_PLATFORM_ADMIN_PASSWORD", password,
				PasswordPolicy.Context.platform(email));
		Optional<UserRepository.StoredUser> existing = userRepository.findByEmail(null, email);
		if (existing.isPresent()) {
			UserView user = existing.get().view();
			userRepository.updatePassword(user.id(), hash);
			userRepository.update(new UserView(user.id(), null, user.email(), user.displayName(),
					java.util.List.of(Role.PLATFORM_ADMIN), true, user.createdAt(), java.time.Instant.now()));
			events
				.publishEvent(AuditFact.of(null, "platform_admin.updated", "user", user.id(), Map.of("email", email)));
			return;
		}
		java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		UserView user = new UserView(UUID.randomUUID(), null, email.trim().toLowerCase(java.util.Locale.ROOT),
				"Platform admin", java.util.List.of(Role.PLATFORM_ADMIN), true, now, now);
		userRepository.insert(user, hash);
		events.publishEvent(AuditFact.of(null, "platform_admin.created", "user", user.id(), Map.of("email", email)));
	}

	private void createDemoTenant() {
		TenantManagement.CreatedTenant demo = tenants.create(new TenantManagement.NewTenant(DEMO_SLUG,
				"Demo Training Academy", "201912345K", null, "admin@demo.cohort.local", DEMO_PASSWORD));
		UUID tenant = demo.tenant().id();
		for (Role role : Set.of(Role.OPS, Role.TRAINER, Role.ASSESSOR, Role.LEARNER)) {
			String name = role.name().toLowerCase(java.util.Locale.ROOT);
			users.createIn(tenant,
					new UserManagement.NewUser(name + "@demo.cohort.local",
							"Demo " + name.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + name.substring(1),
							DEMO_PASSWORD, Set.of(role)));
		}
	}

}
