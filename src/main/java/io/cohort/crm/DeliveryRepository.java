package io.cohort.crm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook deliveries and their per-record outcomes, within one tenant.
 */
@Repository
class DeliveryRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, Integer>> COUNTS = new TypeReference<>() {
	};

	private static final RowMapper<DeliveryView> ROW = (rs, n) -> new DeliveryView(rs.getObject("id", UUID.class),
			rs.getString("entity"), rs.getString("idempotency_key"), rs.getTimestamp("received_at").toInstant(),
			rs.getTimestamp("finished_at").toInstant(), rs.getInt("record_count"),
			JSON.readValue(rs.getString("counts"), COUNTS), null);

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	DeliveryRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	void insert(UUID tenant, UUID id, ZohoEntity entity, String key, Instant received, List<RecordResult> results) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (RecordStatus status : RecordStatus.values()) {
			counts.put(status.name(), 0);
		}
		results.forEach(result -> counts.merge(result.status().name(), 1, Integer::sum));
		jdbc.sql(
				"""
						INSERT INTO crm_delivery (id, tenant_id, entity, idempotency_key, received_at, finished_at, record_count,
						    counts)
						VALUES (:id, :tenant, :entity, :key, :received, now(), :count, CAST(:counts AS JSONB))""")
			.param("id", id)
			.param("tenant", tenant)
			.param("entity", entity.path())
			.param("key", key)
			.param("received", Timestamp.from(received))
			.param("count", results.size())
			.param("counts", JSON.writeValueAsString(counts))
			.update();
		List<MapSqlParameterSource> rows = new ArrayList<>(results.size());
		for (int i = 0; i < results.size(); i++) {
			RecordResult result = results.get(i);
			rows.add(new MapSqlParameterSource().addValue("delivery", id)
				.addValue("position", i + 1)
				.addValue("zoho", result.zohoId())
				.addValue("status", result.status().name())
				.addValue("reason", result.reason())
				.addValue("message", result.message()));
		}
		if (!rows.isEmpty()) {
			batch.batchUpdate("""
					INSERT INTO crm_delivery_result (delivery_id, position, zoho_id, status, reason, message)
					VALUES (:delivery, :position, :zoho, :status, :reason, :message)""",
					rows.toArray(MapSqlParameterSource[]::new));
		}
	}

	/**
	 * The tenant's deliveries, newest first; with a status, only those with a record in
	 * that status.
	 */
	List<DeliveryView> page(UUID tenant, @Nullable RecordStatus status, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM crm_delivery d WHERE tenant_id = :tenant
				  AND (CAST(:status AS TEXT) IS NULL OR (d.counts ->> CAST(:status AS TEXT))::int > 0)
				ORDER BY received_at DESC, id LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(ROW)
			.list();
	}

	long count(UUID tenant, @Nullable RecordStatus status) {
		return jdbc.sql("""
				SELECT count(*) FROM crm_delivery d WHERE tenant_id = :tenant
				  AND (CAST(:status AS TEXT) IS NULL OR (d.counts ->> CAST(:status AS TEXT))::int > 0)""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.query(Long.class)
			.single();
	}

	Optional<DeliveryView> find(UUID tenant, UUID id, @Nullable RecordStatus status) {
		return jdbc.sql("SELECT * FROM crm_delivery WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(ROW)
			.optional()
			.map(delivery -> new DeliveryView(delivery.id(), delivery.entity(), delivery.idempotencyKey(),
					delivery.receivedAt(), delivery.finishedAt(), delivery.recordCount(), delivery.counts(),
					outcomes(id, status)));
	}

	private List<DeliveryView.Outcome> outcomes(UUID delivery, @Nullable RecordStatus status) {
		return jdbc.sql("""
				SELECT position, zoho_id, status, reason, message FROM crm_delivery_result
				WHERE delivery_id = :delivery AND (CAST(:status AS TEXT) IS NULL OR status = :status)
				ORDER BY position""")
			.param("delivery", delivery)
			.param("status", status == null ? null : status.name())
			.query((rs, n) -> new DeliveryView.Outcome(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

}
