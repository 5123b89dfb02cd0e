package io.cohort.jobs;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.AuditFact;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events a durable listener has not completed yet (Spring Modulith's event
 * publication registry), of the caller's tenant: listed, and resubmitted on demand
 * (ADMIN) or by {@link EventResubmission}.
 */
@Service
public class EventPublications {

	/**
	 * Publications younger than this may still be running for the first time: they are
	 * not resubmitted.
	 */
	static final Duration MIN_AGE = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final IncompleteEventPublications incomplete;

	private final ApplicationEventPublisher events;

	EventPublications(JdbcClient jdbc, IncompleteEventPublications incomplete, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.incomplete = incomplete;
		this.events = events;
	}

	/**
	 * One incomplete publication: the event, the listener it waits for, and its attempts
	 * so far.
	 */
	public record IncompletePublication(UUID id, String eventType, String listenerId, Instant publishedAt,
			@Nullable String status, int completionAttempts, @Nullable Instant lastResubmittedAt) {
	}

	/** The caller's tenant's incomplete publications, oldest first (at most 500). */
	@Transactional(readOnly = true)
	public List<IncompletePublication> incomplete() {
		return jdbc.sql("""
				SELECT id, event_type, listener_id, publication_date, status, completion_attempts,
				    last_resubmission_date FROM event_publication
				WHERE completion_date IS NULL
				  AND COALESCE(CAST(serialized_event AS JSONB) ->> 'tenantId',
				      CAST(serialized_event AS JSONB) ->> 'tenant_id') = :tenant
				ORDER BY publication_date, id LIMIT 500""")
			.param("tenant", CurrentActor.tenantId().toString())
			.query((rs, row) -> {
				Timestamp last = rs.getTimestamp("last_resubmission_date");
				return new IncompletePublication(rs.getObject("id", UUID.class), rs.getString("event_type"),
						rs.getString("listener_id"), rs.getTimestamp("publication_date").toInstant(),
						rs.getString("status"), rs.getInt("completion_attempts"),
						last == null ? null : last.toInstant());
			})
			.list();
	}

	/** Resubmits the caller's tenant's incomplete publications; how many there were. */
	public int resubmitMine() {
		UUID tenant = CurrentActor.tenantId();
		int count = incomplete().size();
		incomplete.resubmitIncompletePublications(publication -> tenant.equals(tenantOf(publication)));
		events.publishEvent(
				AuditFact.of(tenant, "events.resubmitted", "tenant", tenant, java.util.Map.of("count", count)));
		return count;
	}

	/**
	 * Resubmits every tenant's incomplete publications older than {@link #MIN_AGE} (the
	 * scheduled pass).
	 */
	public void resubmitStale() {
		incomplete.resubmitIncompletePublicationsOlderThan(MIN_AGE);
	}

	private static @Nullable UUID tenantOf(EventPublication publication) {
		Object event = publication.getEvent();
		try {
			Object tenant = event.getClass().getMethod("tenantId").invoke(event);
			return tenant instanceof UUID id ? id : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
