package io.cohort.jobs;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A circuit breaker per tenant and target, kept in PostgreSQL so that every instance's
 * workers see the same state. CLOSED: jobs are claimed as usual. After the tenant's
 * threshold of transient failures in a row (5xx, timeouts, 429) it is OPEN:
 * {@link JobRepository#claim} skips the tenant's jobs, so they stay due with their
 * attempts untouched. Once the cool-down has passed one worker turns it HALF_OPEN and
 * claims a single trial job; its outcome closes the circuit or opens it for another
 * cool-down. Any answer that proves the target is up (a success, or a permanent error
 * such as a validation failure) closes it. Every opening and closing is audited as the
 * system.
 */
@Service
public class CircuitBreaker {

	/** Where a circuit stands. */
	public enum State {

		CLOSED, OPEN, HALF_OPEN

	}

	/**
	 * A tenant's circuit towards one target, as the dashboard shows it.
	 *
	 * @param retryAt OPEN: when the trial call may go; HALF_OPEN: when the trial's lease
	 * ends
	 */
	public record CircuitView(String target, State state, int consecutiveFailures, @Nullable Instant openedAt,
			@Nullable Instant retryAt, @Nullable String lastError, @Nullable Instant updatedAt) {
	}

	/** A circuit due for its trial call. */
	record Due(UUID tenantId, String target) {
	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	CircuitBreaker(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * The caller's tenant's circuit towards a target (CLOSED when no call ever failed).
	 */
	@Transactional(readOnly = true)
	public CircuitView view(String target) {
		return view(CurrentActor.tenantId(), target);
	}

	/** A tenant's circuit towards a target (CLOSED when no call ever failed). */
	public CircuitView view(UUID tenant, String target) {
		return jdbc.sql("SELECT * FROM job_circuit WHERE tenant_id = :tenant AND target = :target")
			.param("tenant", tenant)
			.param("target", target)
			.query((rs, n) -> new CircuitView(target, State.valueOf(rs.getString("state")),
					rs.getInt("consecutive_failures"), instant(rs.getTimestamp("opened_at")),
					instant(rs.getTimestamp("retry_at")), rs.getString("last_error"),
					instant(rs.getTimestamp("updated_at"))))
			.optional()
			.orElse(new CircuitView(target, State.CLOSED, 0, null, null, null, null));
	}

	/**
	 * Turns every open circuit whose cool-down has passed (and every half-open one whose
	 * trial's lease ran out) HALF_OPEN until {@code trialUntil}; the row lock lets
	 * exactly one worker of all instances do so. Runs in the caller's (claiming)
	 * transaction.
	 */
	List<Due> halfOpenDue(Instant now, Instant trialUntil, WorkerScope scope) {
		return scope
			.bind(jdbc
				.sql("""
						UPDATE job_circuit c SET state = 'HALF_OPEN', retry_at = :trial_until, trial_job = NULL, updated_at = :now
						WHERE state <> 'CLOSED' AND retry_at <= :now %s
						RETURNING tenant_id, target"""
					.formatted(scope.condition("c"))))
			.param("now", Timestamp.from(now))
			.param("trial_until", Timestamp.from(trialUntil))
			.query((rs, n) -> new Due(rs.getObject("tenant_id", UUID.class), rs.getString("target")))
			.list();
	}

	/** Records which job is the trial call. */
	void trial(Due circuit, UUID job) {
		jdbc.sql("UPDATE job_circuit SET trial_job = :job WHERE tenant_id = :tenant AND target = :target")
			.param("job", job)
			.param("tenant", circuit.tenantId())
			.param("target", circuit.target())
			.update();
	}

	/**
	 * No job was due for the trial: the circuit stays open, ready for a trial as soon as
	 * one is.
	 */
	void noTrial(Due circuit, Instant now) {
		jdbc.sql("""
				UPDATE job_circuit SET state = 'OPEN', retry_at = :now
				WHERE tenant_id = :tenant AND target = :target AND state = 'HALF_OPEN'""")
			.param("now", Timestamp.from(now))
			.param("tenant", circuit.tenantId())
			.param("target", circuit.target())
			.update();
	}

	/**
	 * The target answered: the circuit closes (audited if it was not closed) and the
	 * failure count resets.
	 */
	void succeeded(UUID tenant, String target, Instant now) {
		int closed = jdbc.sql("""
				UPDATE job_circuit SET state = 'CLOSED', consecutive_failures = 0, opened_at = NULL, retry_at = NULL,
				    trial_job = NULL, updated_at = :now
				WHERE tenant_id = :tenant AND target = :target AND state <> 'CLOSED'""")
			.param("tenant", tenant)
			.param("target", target)
			.param("now", Timestamp.from(now))
			.update();
		if (closed == 1) {
			audit(tenant, "circuit.closed", target, Map.of());
			return;
		}
		jdbc.sql("""
				UPDATE job_circuit SET consecutive_failures = 0, updated_at = :now
				WHERE tenant_id = :tenant AND target = :target AND consecutive_failures > 0""")
			.param("tenant", tenant)
			.param("target", target)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * A transient failure: counts it, and opens the circuit for {@code coolDown} when the
	 * count reaches {@code threshold} or when it was the half-open trial that failed.
	 */
	void failed(UUID tenant, String target, String error, int threshold, Duration coolDown, Instant now) {
		record Counted(State state, int failures) {
		}
		Counted counted = jdbc
			.sql("""
					INSERT INTO job_circuit (tenant_id, target, state, consecutive_failures, last_error, updated_at)
					VALUES (:tenant, :target, 'CLOSED', 1, :error, :now)
					ON CONFLICT (tenant_id, target) DO UPDATE SET consecutive_failures = job_circuit.consecutive_failures + 1,
					    last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at
					RETURNING state, consecutive_failures""")
			.param("tenant", tenant)
			.param("target", target)
			.param("error", error)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Counted(State.valueOf(rs.getString("state")), rs.getInt("consecutive_failures")))
			.single();
		boolean open = counted.state() == State.HALF_OPEN
				|| counted.state() == State.CLOSED && counted.failures() >= threshold;
		if (!open) {
			return;
		}
		jdbc.sql("""
				UPDATE job_circuit SET state = 'OPEN', opened_at = :now, retry_at = :retry_at, trial_job = NULL
				WHERE tenant_id = :tenant AND target = :target""")
			.param("tenant", tenant)
			.param("target", target)
			.param("now", Timestamp.from(now))
			.param("retry_at", Timestamp.from(now.plus(coolDown)))
			.update();
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put("consecutive_failures", counted.failures());
		changes.put("trial_failed", counted.state() == State.HALF_OPEN);
		changes.put("retry_at", now.plus(coolDown).toString());
		changes.put("error", error);
		audit(tenant, "circuit.opened", target, changes);
	}

	private void audit(UUID tenant, String action, String target, Map<String, ?> changes) {
		Map<String, Object> summary = new LinkedHashMap<>(changes);
		summary.put("target", target);
		events.publishEvent(AuditFact.of(tenant, action, "job_circuit", tenant, summary).by(ActorRef.system()));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
