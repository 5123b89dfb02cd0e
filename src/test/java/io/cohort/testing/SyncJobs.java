package io.cohort.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outbound jobs for tests that need one before anything in the application writes them.
 */
public final class SyncJobs {

	/** A valid AES-256 payload key, Base64. */
	public static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	private SyncJobs() {
	}

	/**
	 * A job of the tenant for a record of a run, in any status, written {@code age} ago,
	 * as the queue and the worker would leave it.
	 */
	public static UUID insert(JdbcClient jdbc, UUID tenant, String entityType, UUID entity, UUID run, String status,
			String error, String reference, java.time.Duration age) {
		UUID id = UUID.randomUUID();
		Instant at = Instant.now().minus(age);
		jdbc.sql(
				"""
						INSERT INTO sync_job (id, tenant_id, target, operation, entity_type, entity_id, idempotency_key, payload,
						    status, attempts, next_attempt_at, last_error, gateway_reference, correlation_id, run_id,
						    created_at, updated_at, finished_at)
						VALUES (:id, :tenant, 'TPGATEWAY', :operation, :type, :entity, :key, '{}', :status, 1, :at, :error,
						    :reference, :correlation, :run, :at, :at,
						    CASE WHEN :status IN ('SUCCEEDED', 'DEAD') THEN CAST(:at AS TIMESTAMPTZ) END)""")
			.param("id", id)
			.param("tenant", tenant)
			.param("operation", switch (entityType) {
				case "class_run" -> "PUBLISH_RUN";
				case "attendance" -> "UPLOAD_ATTENDANCE";
				default -> "CREATE_" + entityType.toUpperCase(java.util.Locale.ROOT);
			})
			.param("type", entityType)
			.param("entity", entity)
			.param("key", "test:" + id)
			.param("status", status)
			.param("at", Timestamp.from(at))
			.param("error", error)
			.param("reference", reference)
			.param("correlation", "corr-" + id.toString().substring(0, 8))
			.param("run", run)
			.update();
		return id;
	}

	/** A DEAD job of the tenant, as the worker leaves one after a permanent error. */
	public static UUID insertDead(JdbcClient jdbc, UUID tenant) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						INSERT INTO sync_job (id, tenant_id, target, operation, entity_type, entity_id, idempotency_key, payload,
						    status, attempts, next_attempt_at, last_error, created_at, updated_at, finished_at)
						VALUES (:id, :tenant, 'TPGATEWAY', 'CREATE_ENROLMENT', 'enrolment', :entity, :key, '{}', 'DEAD', 1,
						    :now, 'trainee.id: is required', :now, :now, :now)""")
			.param("id", id)
			.param("tenant", tenant)
			.param("entity", UUID.randomUUID())
			.param("key", "test:" + id)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		return id;
	}

}
