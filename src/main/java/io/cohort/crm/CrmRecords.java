package io.cohort.crm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapping of each Zoho record to the Cohort record it became, with the fingerprint and canonical
 * fields it was last synced with; unique per (tenant, entity, Zoho id).
 */
@Repository
class CrmRecords {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, @Nullable String>> FIELDS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	CrmRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A synced record. */
	record Mapped(UUID cohortId, String fingerprint, Map<String, @Nullable String> fields) {
	}

	/**
	 * Serialises the work on one Zoho record until the transaction ends, so two deliveries carrying the
	 * same record (on any instance) never both create it.
	 */
	void lock(UUID tenant, String entity, String zohoId) {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "crm:" + tenant + ":" + entity + ":" + zohoId)
			.query((rs, n) -> 1)
			.list();
	}

	Optional<Mapped> find(UUID tenant, String entity, String zohoId) {
		return jdbc.sql("""
				SELECT cohort_id, fingerprint, fields::text AS fields FROM crm_record
				WHERE tenant_id = :tenant AND entity = :entity AND zoho_id = :zoho""")
			.param("tenant", tenant)
			.param("entity", entity)
			.param("zoho", zohoId)
			.query((rs, n) -> new Mapped(rs.getObject("cohort_id", UUID.class), rs.getString("fingerprint"),
					JSON.readValue(rs.getString("fields"), FIELDS)))
			.optional();
	}

	void save(UUID tenant, String entity, String zohoId, UUID cohortId, Map<String, @Nullable String> fields) {
		jdbc.sql("""
				INSERT INTO crm_record (tenant_id, entity, zoho_id, cohort_id, fingerprint, fields)
				VALUES (:tenant, :entity, :zoho, :cohort, :fingerprint, CAST(:fields AS JSONB))
				ON CONFLICT (tenant_id, entity, zoho_id) DO UPDATE SET cohort_id = excluded.cohort_id,
				    fingerprint = excluded.fingerprint, fields = excluded.fields, updated_at = now()""")
			.param("tenant", tenant)
			.param("entity", entity)
			.param("zoho", zohoId)
			.param("cohort", cohortId)
			.param("fingerprint", Fingerprint.of(fields))
			.param("fields", JSON.writeValueAsString(fields))
			.update();
	}

	/** The tenant's default class-run capacity, if its ADMIN set one. */
	Optional<Integer> defaultCapacity(UUID tenant) {
		return jdbc.sql("SELECT default_capacity FROM crm_settings WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query(Integer.class)
			.optional();
	}

	void defaultCapacity(UUID tenant, int capacity) {
		jdbc.sql("""
				INSERT INTO crm_settings (tenant_id, default_capacity) VALUES (:tenant, :capacity)
				ON CONFLICT (tenant_id) DO UPDATE SET default_capacity = excluded.default_capacity""")
			.param("tenant", tenant)
			.param("capacity", capacity)
			.update();
	}

}
