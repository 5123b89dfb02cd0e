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
 * The mapping of each Zoho record to the Cohort record it became, with the fingerprint
 * and canonical fields it was last synced with; unique per (tenant, entity, Zoho id).
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
	 * The record's mapping for the work on it: when the batch's read found it, read again
	 * and locked until the transaction ends (two deliveries updating one record take
	 * turns); when it did not, none, without asking: a twin that creates it meanwhile
	 * makes {@link #insert} fail with {@link AlreadySynced}, and the record is applied
	 * again as known.
	 */
	Optional<Mapped> claim(UUID tenant, String entity, String zohoId, boolean known) {
		if (!known) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT cohort_id, fingerprint, fields::text AS fields FROM crm_record
				WHERE tenant_id = :tenant AND entity = :entity AND zoho_id = :zoho FOR UPDATE""")
			.param("tenant", tenant)
			.param("entity", entity)
			.param("zoho", zohoId)
			.query((rs, n) -> new Mapped(rs.getObject("cohort_id", UUID.class), rs.getString("fingerprint"),
					JSON.readValue(rs.getString("fields"), FIELDS)))
			.optional();
	}

	/** A record synced for the first time. */
	void insert(UUID tenant, String entity, String zohoId, UUID cohortId, Map<String, @Nullable String> fields) {
		try {
			jdbc.sql("""
					INSERT INTO crm_record (tenant_id, entity, zoho_id, cohort_id, fingerprint, fields)
					VALUES (:tenant, :entity, :zoho, :cohort, :fingerprint, CAST(:fields AS JSONB))""")
				.param("tenant", tenant)
				.param("entity", entity)
				.param("zoho", zohoId)
				.param("cohort", cohortId)
				.param("fingerprint", Fingerprint.of(fields))
				.param("fields", JSON.writeValueAsString(fields))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw new AlreadySynced();
		}
	}

	/**
	 * Another delivery synced the record first (it was not known when this batch was
	 * read).
	 */
	static final class AlreadySynced extends RuntimeException {

		AlreadySynced() {
			super("The record was synced by another delivery meanwhile", null, false, false);
		}

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

	/**
	 * The synced records among these Zoho ids, read in one query: Zoho id → (Cohort id,
	 * fingerprint).
	 */
	Map<String, Mapped> findAll(UUID tenant, String entity, java.util.Collection<String> zohoIds) {
		if (zohoIds.isEmpty()) {
			return Map.of();
		}
		Map<String, Mapped> found = new java.util.HashMap<>();
		jdbc.sql("""
				SELECT zoho_id, cohort_id, fingerprint FROM crm_record
				WHERE tenant_id = :tenant AND entity = :entity AND zoho_id = ANY(:ids)""")
			.param("tenant", tenant)
			.param("entity", entity)
			.param("ids", zohoIds.toArray(String[]::new))
			.query(rs -> {
				found.put(rs.getString(1), new Mapped(rs.getObject(2, UUID.class), rs.getString(3), Map.of()));
			});
		return found;
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
