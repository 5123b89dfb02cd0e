package io.cohort.gateway;

import io.cohort.jobs.JobStatus;
import io.cohort.jobs.JobQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each record's own sync state as the views show it, read from its outbound jobs in one
 * query for a whole page: SYNCED with the gateway's reference, PENDING (waiting or being
 * sent), RETRYING, FAILED with the gateway's reason, or CANCELLED by an operator. A
 * record with several jobs (a create, then an update) shows the job
 * {@link JobQueue#RECORD_STATE_ORDER} puts first — the rule the compliance roll-up counts
 * by — with the latest reference the gateway gave it.
 */
@Service
public class SyncStates {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final GatewaySettingsManagement settings;

	SyncStates(JdbcClient jdbc, GatewaySettingsManagement settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * The kinds of records sent to the gateway, with the {@code entity_type} their jobs
	 * carry.
	 */
	public enum EntityType {

		CLASS_RUN("class_run"), ENROLMENT("enrolment"), ATTENDANCE("attendance"), ASSESSMENT("assessment");

		private final String column;

		EntityType(String column) {
			this.column = column;
		}

		/** The entity type as jobs store it. */
		public String column() {
			return column;
		}

	}

	/** Where a record stands with the gateway. */
	public enum State {

		SYNCED, PENDING, RETRYING, FAILED, CANCELLED;

		static State of(JobStatus status) {
			return switch (status) {
				case PENDING, RUNNING -> PENDING;
				case SUCCEEDED -> SYNCED;
				case RETRYING -> RETRYING;
				case DEAD -> FAILED;
				case CANCELLED -> CANCELLED;
			};
		}

	}

	/**
	 * One record's state.
	 *
	 * @param reference the gateway's reference for the record, once it has one
	 * @param reason why it failed (the dead job's last error), or why the last attempt
	 * failed while retrying
	 */
	public record SyncState(State state, @Nullable String reference, @Nullable String reason, UUID jobId) {
	}

	/**
	 * The states of a page's records.
	 *
	 * @param gateway whether the tenant sends records to the gateway now; a record
	 * without a job then has not been sent
	 */
	public record Lookup(boolean gateway, Map<UUID, SyncState> states) {

		public Lookup {
			states = Map.copyOf(states);
		}

		/**
		 * Whether the views show sync states at all: the gateway is on or some record has
		 * been sent.
		 */
		public boolean shown() {
			return gateway || !states.isEmpty();
		}

		public @Nullable SyncState of(UUID id) {
			return states.get(id);
		}

	}

	/**
	 * The current tenant's records of one type, by id; ids of other tenants' records have
	 * no state.
	 */
	@Transactional(readOnly = true)
	public Lookup of(EntityType type, Collection<UUID> ids) {
		UUID tenant = CurrentActor.tenantId();
		Map<UUID, SyncState> states = new HashMap<>();
		List<UUID> all = new ArrayList<>(ids.stream().distinct().toList());
		for (int from = 0; from < all.size(); from += CHUNK) {
			jdbc.sql("""
					SELECT DISTINCT ON (j.entity_id) j.entity_id, j.id, j.status, j.last_error,
					    (SELECT r.gateway_reference FROM sync_job r
					     WHERE r.tenant_id = j.tenant_id AND r.entity_type = j.entity_type AND r.entity_id = j.entity_id
					       AND r.gateway_reference IS NOT NULL
					     ORDER BY r.updated_at DESC LIMIT 1) AS reference
					FROM sync_job j
					WHERE j.tenant_id = :tenant AND j.entity_type = :type AND j.entity_id IN (:ids)
					ORDER BY j.entity_id, %s""".formatted(JobQueue.RECORD_STATE_ORDER))
				.param("tenant", tenant)
				.param("type", type.column())
				.param("ids", all.subList(from, Math.min(all.size(), from + CHUNK)))
				.query((rs, n) -> {
					State state = State.of(JobStatus.valueOf(rs.getString("status")));
					String error = rs.getString("last_error");
					return Map.entry(rs.getObject("entity_id", UUID.class),
							new SyncState(state, rs.getString("reference"),
									state == State.FAILED || state == State.RETRYING ? error : null,
									rs.getObject("id", UUID.class)));
				})
				.list()
				.forEach(entry -> states.put(entry.getKey(), entry.getValue()));
		}
		return new Lookup(settings.enabled(tenant), states);
	}

}
