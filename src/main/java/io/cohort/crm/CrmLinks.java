package io.cohort.crm;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which Zoho record a Cohort record came from, for the integrations that name records by
 * their Zoho id (Moodle's idnumbers): the Zoho id and the canonical fields it was last
 * synced with.
 */
@Service
public class CrmLinks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, @Nullable String>> FIELDS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	CrmLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A Cohort record's Zoho origin; {@code fields} as synced (a class's may hold
	 * {@code moodle_class_id}).
	 */
	public record Link(String zohoId, Map<String, @Nullable String> fields) {
	}

	/**
	 * The Zoho record of this entity ({@code student}, {@code class}, …) the tenant's
	 * Cohort record came from.
	 */
	@Transactional(readOnly = true)
	public Optional<Link> of(UUID tenant, String entity, UUID cohortId) {
		return jdbc.sql("""
				SELECT zoho_id, fields::text AS fields FROM crm_record
				WHERE tenant_id = :tenant AND entity = :entity AND cohort_id = :cohort
				ORDER BY updated_at DESC LIMIT 1""")
			.param("tenant", tenant)
			.param("entity", entity)
			.param("cohort", cohortId)
			.query((rs, n) -> new Link(rs.getString("zoho_id"), JSON.readValue(rs.getString("fields"), FIELDS)))
			.optional();
	}

}
