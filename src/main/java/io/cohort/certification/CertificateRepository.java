package io.cohort.certification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Certificates, their numbering and the certification policy, within one tenant; only
 * verification looks a certificate up across tenants, by its unguessable code.
 */
@Repository
class CertificateRepository {

	/** Certificates with the certificate that replaced each, if one did. */
	private static final String CERTIFICATES = """
			SELECT c.*, r.id AS replaced_by_id FROM certificate c LEFT JOIN certificate r ON r.replaces_id = c.id
			""";

	private final JdbcClient jdbc;

	CertificateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int threshold(UUID tenant) {
		return jdbc.sql("SELECT attendance_threshold FROM certification_policy WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query(Integer.class)
			.optional()
			.orElse(CertificationPolicy.DEFAULT_THRESHOLD);
	}

	void saveThreshold(UUID tenant, int threshold, String by, Instant at) {
		jdbc.sql("""
				INSERT INTO certification_policy (tenant_id, attendance_threshold, updated_by, updated_at)
				VALUES (:tenant, :threshold, :by, :at)
				ON CONFLICT (tenant_id) DO UPDATE SET attendance_threshold = :threshold, updated_by = :by,
				    updated_at = :at""")
			.param("tenant", tenant)
			.param("threshold", threshold)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Serialises eligibility decisions of one run until the transaction ends. */
	void lockRun(UUID runId) {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "certification:" + runId)
			.query((rs, n) -> 1)
			.list();
	}

	/** The next number of the tenant's certificate sequence (1, 2, …). */
	long nextNumber(UUID tenant) {
		return jdbc.sql("""
				INSERT INTO certificate_sequence AS s (tenant_id, last_value) VALUES (:tenant, 1)
				ON CONFLICT (tenant_id) DO UPDATE SET last_value = s.last_value + 1
				RETURNING last_value""").param("tenant", tenant).query(Long.class).single();
	}

	/**
	 * Inserts a live certificate, issued with the template version given (none: the
	 * built-in wording), unless the enrolment already has one; answers whether it did.
	 */
	boolean insert(UUID tenant, CertificateView c, @Nullable UUID templateId) {
		return jdbc.sql("""
				INSERT INTO certificate (id, tenant_id, enrolment_id, run_id, learner_id, number, verification_code,
				    learner_name, course_code, course_title, run_reference, run_start, run_end, provider_name,
				    attendance_rate, issued_on, issued_at, replaces_id, template_id)
				VALUES (:id, :tenant, :enrolment, :run, :learner, :number, :code, :learner_name, :course_code,
				    :course_title, :run_reference, :run_start, :run_end, :provider, :rate, :issued_on, :issued_at,
				    :replaces, :template)
				ON CONFLICT (enrolment_id) WHERE revoked_at IS NULL DO NOTHING""")
			.param("id", c.id())
			.param("tenant", tenant)
			.param("enrolment", c.enrollmentId())
			.param("run", c.classRunId())
			.param("learner", c.learnerId())
			.param("number", c.number())
			.param("code", c.verificationCode())
			.param("learner_name", c.learnerName())
			.param("course_code", c.courseCode())
			.param("course_title", c.courseTitle())
			.param("run_reference", c.runReference())
			.param("run_start", c.runStart())
			.param("run_end", c.runEnd())
			.param("provider", c.providerName())
			.param("rate", c.attendanceRate())
			.param("issued_on", c.issuedOn())
			.param("issued_at", Timestamp.from(c.issuedAt()))
			.param("replaces", c.replacesId())
			.param("template", templateId)
			.update() == 1;
	}

	/** Revokes a live certificate; answers whether it was live. */
	boolean revoke(UUID tenant, UUID id, String reason, String by, boolean automatic, Instant at) {
		return jdbc.sql("""
				UPDATE certificate SET revoked_at = :at, revoked_by = :by, revoke_reason = :reason,
				    revoked_automatically = :automatic
				WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL""")
			.param("tenant", tenant)
			.param("id", id)
			.param("reason", reason)
			.param("by", by)
			.param("automatic", automatic)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	Optional<CertificateView> find(UUID tenant, UUID id) {
		return jdbc.sql(CERTIFICATES + "WHERE c.tenant_id = :tenant AND c.id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(CertificateRepository::map)
			.optional();
	}

	Optional<CertificateView> liveOf(UUID tenant, UUID enrolmentId) {
		return jdbc
			.sql(CERTIFICATES + "WHERE c.tenant_id = :tenant AND c.enrolment_id = :enrolment AND c.revoked_at IS NULL")
			.param("tenant", tenant)
			.param("enrolment", enrolmentId)
			.query(CertificateRepository::map)
			.optional();
	}

	/** The latest certificate of each enrolment that has one, in one query. */
	List<CertificateView> latestOf(UUID tenant, Collection<UUID> enrolmentIds) {
		if (enrolmentIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT DISTINCT ON (c.enrolment_id) c.*, r.id AS replaced_by_id
				FROM certificate c LEFT JOIN certificate r ON r.replaces_id = c.id
				WHERE c.tenant_id = :tenant AND c.enrolment_id IN (:ids)
				ORDER BY c.enrolment_id, c.issued_at DESC, c.revoked_at DESC NULLS FIRST""")
			.param("tenant", tenant)
			.param("ids", enrolmentIds)
			.query(CertificateRepository::map)
			.list();
	}

	List<CertificateView> search(UUID tenant, @Nullable UUID runId, @Nullable UUID learnerId) {
		return jdbc.sql(CERTIFICATES + """
				WHERE c.tenant_id = :tenant
				  AND (CAST(:run AS UUID) IS NULL OR c.run_id = :run)
				  AND (CAST(:learner AS UUID) IS NULL OR c.learner_id = :learner)
				ORDER BY c.issued_at DESC, c.number DESC""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("learner", learnerId)
			.query(CertificateRepository::map)
			.list();
	}

	/**
	 * What verification tells of the certificate with this verification code, in
	 * whichever tenant: with the number of the certificate that replaced it, if one did.
	 */
	Optional<Verification> verification(String code) {
		return jdbc.sql("""
				SELECT c.revoked_at, c.learner_name, c.course_title, c.issued_on, r.number AS replaced_by
				FROM certificate c LEFT JOIN certificate r ON r.replaces_id = c.id
				WHERE c.verification_code = :code""")
			.param("code", code)
			.query((rs, n) -> new Verification(
					rs.getTimestamp("revoked_at") == null ? CertificateStatus.VALID : CertificateStatus.REVOKED,
					rs.getString("learner_name"), rs.getString("course_title"),
					rs.getObject("issued_on", LocalDate.class), rs.getString("replaced_by")))
			.optional();
	}

	/**
	 * The template version a certificate was issued with; empty when it was issued with
	 * the built-in wording.
	 */
	Optional<UUID> templateOf(UUID tenant, UUID certificateId) {
		return jdbc.sql("SELECT template_id FROM certificate WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", certificateId)
			.query((rs, n) -> Optional.ofNullable(rs.getObject("template_id", UUID.class)))
			.optional()
			.flatMap(t -> t);
	}

	private static CertificateView map(ResultSet rs, int n) throws SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new CertificateView(rs.getObject("id", UUID.class), rs.getObject("enrolment_id", UUID.class),
				rs.getObject("run_id", UUID.class), rs.getObject("learner_id", UUID.class), rs.getString("number"),
				rs.getString("verification_code"), rs.getString("learner_name"), rs.getString("course_code"),
				rs.getString("course_title"), rs.getString("run_reference"), rs.getObject("run_start", LocalDate.class),
				rs.getObject("run_end", LocalDate.class), rs.getString("provider_name"),
				rs.getBigDecimal("attendance_rate"), rs.getObject("issued_on", LocalDate.class),
				rs.getTimestamp("issued_at").toInstant(),
				revoked == null ? CertificateStatus.VALID : CertificateStatus.REVOKED,
				revoked == null ? null : revoked.toInstant(), rs.getString("revoke_reason"),
				rs.getBoolean("revoked_automatically"), rs.getObject("replaces_id", UUID.class),
				rs.getObject("replaced_by_id", UUID.class));
	}

}
