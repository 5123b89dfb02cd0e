package io.cohort.identity;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants (training providers): created by the platform admin together with their first
 * ADMIN.
 */
@Service
public class TenantManagement {

	static final String DEFAULT_TIME_ZONE = "Asia/Singapore";

	private final TenantRepository tenants;

	private final UserManagement users;

	private final ApplicationEventPublisher events;

	TenantManagement(TenantRepository tenants, UserManagement users, ApplicationEventPublisher events) {
		this.tenants = tenants;
		this.users = users;
		this.events = events;
	}

	/** A new tenant and its first admin. */
	public record NewTenant(String slug, String name, String uen, @Nullable String timeZone, String adminEmail,
			String adminPassword) {
	}

	/** The tenant and its first admin, as created. */
	public record CreatedTenant(TenantView tenant, UserView admin) {
	}

	@Transactional
	public CreatedTenant create(NewTenant request) {
		String zone = request.timeZone() == null || request.timeZone().isBlank() ? DEFAULT_TIME_ZONE
				: request.timeZone();
		try {
			ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw CohortException.invalidField("time_zone", "is not a known time zone");
		}
		TenantView tenant = new TenantView(UUID.randomUUID(), request.slug().toLowerCase(Locale.ROOT),
				request.name().trim(), request.uen().toUpperCase(Locale.ROOT), zone,
				Instant.now().truncatedTo(ChronoUnit.MICROS));
		try {
			tenants.insert(tenant);
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.SLUG_TAKEN, "A tenant with this slug already exists");
		}
		events.publishEvent(AuditFact.of(null, "tenant.created", "tenant", tenant.id(),
				Map.of("slug", tenant.slug(), "name", tenant.name(), "uen", tenant.uen())));
		events.publishEvent(AuditFact.of(tenant.id(), "tenant.created", "tenant", tenant.id(),
				Map.of("slug", tenant.slug(), "name", tenant.name(), "uen", tenant.uen())));
		UserView admin = users.createIn(tenant.id(), new UserManagement.NewUser(request.adminEmail(), "Administrator",
				request.adminPassword(), Set.of(Role.ADMIN)));
		return new CreatedTenant(tenant, admin);
	}

	@Transactional(readOnly = true)
	public List<TenantView> list() {
		return tenants.findAll();
	}

	@Transactional(readOnly = true)
	public Optional<TenantView> find(UUID id) {
		return tenants.findById(id);
	}

	/**
	 * The tenant's time zone: dates such as "today" and registration windows are read in
	 * it.
	 */
	@Transactional(readOnly = true)
	public ZoneId zone(UUID tenantId) {
		return tenants.findById(tenantId).map(t -> ZoneId.of(t.timeZone())).orElse(ZoneId.of(DEFAULT_TIME_ZONE));
	}

	@Transactional(readOnly = true)
	public Optional<TenantView> findBySlug(String slug) {
		return tenants.findBySlug(slug);
	}

}
