package io.cohort.assessment;

import java.math.BigDecimal;
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
 * Assessments (the current version of each) and their versions, within one tenant.
 */
@Repository
class AssessmentRepository {

	private final JdbcClient jdbc;

	AssessmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The content of one version. */
	record Content(AssessmentResult result, @Nullable BigDecimal score, @Nullable String grade, LocalDate assessedOn,
			String remarks) {
	}

	Optional<AssessmentView> find(UUID tenant, UUID id, boolean lock) {
		return jdbc.sql("SELECT * FROM assessment WHERE tenant_id = :tenant AND id = :id" + (lock ? " FOR UPDATE" : ""))
			.param("tenant", tenant)
			.param("id", id)
			.query(AssessmentRepository::map)
			.optional();
	}

	Optional<AssessmentView> active(UUID tenant, UUID enrolmentId, UUID moduleId) {
		return jdbc
			.sql("""
					SELECT * FROM assessment
					WHERE tenant_id = :tenant AND enrolment_id = :enrolment AND module_id = :module AND voided_at IS NULL""")
			.param("tenant", tenant)
			.param("enrolment", enrolmentId)
			.param("module", moduleId)
			.query(AssessmentRepository::map)
			.optional();
	}

	List<AssessmentView> search(UUID tenant, @Nullable UUID runId, @Nullable UUID enrolmentId, boolean includeVoided) {
		return jdbc.sql("""
				SELECT * FROM assessment
				WHERE tenant_id = :tenant
				  AND (CAST(:run AS UUID) IS NULL OR run_id = :run)
				  AND (CAST(:enrolment AS UUID) IS NULL OR enrolment_id = :enrolment)
				  AND (:voided OR voided_at IS NULL)
				ORDER BY enrolment_id, module_id, recorded_at""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("enrolment", enrolmentId)
			.param("voided", includeVoided)
			.query(AssessmentRepository::map)
			.list();
	}

	/** The active results of the enrolments, in one query. */
	List<AssessmentView> activeOf(UUID tenant, Collection<UUID> enrolmentIds) {
		if (enrolmentIds.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("SELECT * FROM assessment WHERE tenant_id = :tenant AND enrolment_id IN (:ids) AND voided_at IS NULL")
			.param("tenant", tenant)
			.param("ids", enrolmentIds)
			.query(AssessmentRepository::map)
			.list();
	}

	void insert(UUID tenant, UUID id, UUID runId, UUID enrolmentId, UUID learnerId, UUID moduleId, Content content,
			String by, Instant at) {
		jdbc.sql(
				"""
						INSERT INTO assessment (id, tenant_id, run_id, enrolment_id, learner_id, module_id, version, result, score,
						    grade, assessed_on, remarks, recorded_by, recorded_at, updated_at)
						VALUES (:id, :tenant, :run, :enrolment, :learner, :module, 1, :result, :score, :grade, :assessed_on,
						    :remarks, :by, :at, :at)""")
			.param("id", id)
			.param("tenant", tenant)
			.param("run", runId)
			.param("enrolment", enrolmentId)
			.param("learner", learnerId)
			.param("module", moduleId)
			.params(columns(content))
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	void update(UUID tenant, UUID id, int version, Content content, Instant at) {
		jdbc.sql("""
				UPDATE assessment SET version = :version, result = :result, score = :score, grade = :grade,
				    assessed_on = :assessed_on, remarks = :remarks, updated_at = :at
				WHERE tenant_id = :tenant AND id = :id""")
			.param("tenant", tenant)
			.param("id", id)
			.param("version", version)
			.params(columns(content))
			.param("at", Timestamp.from(at))
			.update();
	}

	void version(UUID tenant, UUID id, int version, Content content, String by, Instant at,
			@Nullable String correlationId) {
		jdbc.sql(
				"""
						INSERT INTO assessment_version (assessment_id, version, tenant_id, result, score, grade, assessed_on,
						    remarks, changed_by, changed_at, correlation_id)
						VALUES (:id, :version, :tenant, :result, :score, :grade, :assessed_on, :remarks, :by, :at, :correlation)""")
			.param("id", id)
			.param("version", version)
			.param("tenant", tenant)
			.params(columns(content))
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("correlation", correlationId)
			.update();
	}

	void voidIt(UUID tenant, UUID id, String reason, String by, Instant at) {
		jdbc.sql("""
				UPDATE assessment SET voided_at = :at, voided_by = :by, void_reason = :reason, updated_at = :at
				WHERE tenant_id = :tenant AND id = :id""")
			.param("tenant", tenant)
			.param("id", id)
			.param("reason", reason)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	List<AssessmentVersion> versions(UUID tenant, UUID id) {
		return jdbc.sql("""
				SELECT * FROM assessment_version WHERE tenant_id = :tenant AND assessment_id = :id ORDER BY version""")
			.param("tenant", tenant)
			.param("id", id)
			.query((rs, n) -> new AssessmentVersion(rs.getInt("version"),
					AssessmentResult.valueOf(rs.getString("result")), rs.getBigDecimal("score"), rs.getString("grade"),
					rs.getObject("assessed_on", LocalDate.class), rs.getString("remarks"), rs.getString("changed_by"),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	private static AssessmentView map(ResultSet rs, int n) throws SQLException {
		AssessmentResult result = AssessmentResult.valueOf(rs.getString("result"));
		Timestamp voided = rs.getTimestamp("voided_at");
		return new AssessmentView(rs.getObject("id", UUID.class), rs.getObject("enrolment_id", UUID.class),
				rs.getObject("run_id", UUID.class), rs.getObject("learner_id", UUID.class),
				rs.getObject("module_id", UUID.class), rs.getInt("version"), result, result.gatewayResult(),
				rs.getBigDecimal("score"), rs.getString("grade"), rs.getObject("assessed_on", LocalDate.class),
				rs.getString("remarks"), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), voided != null, voided == null ? null : voided.toInstant(),
				rs.getString("voided_by"), rs.getString("void_reason"), rs.getString("ssg_reference"));
	}

	/** A result's content as named parameters, shared by the row and its versions. */
	private static java.util.Map<String, Object> columns(Content content) {
		java.util.Map<String, Object> columns = new java.util.HashMap<>();
		columns.put("result", content.result().name());
		columns.put("score", content.score());
		columns.put("grade", content.grade());
		columns.put("assessed_on", content.assessedOn());
		columns.put("remarks", content.remarks());
		return columns;
	}

	/** Keeps the reference TPGateway gave the assessment. */
	void recordSsgReference(UUID tenant, UUID assessmentId, String reference) {
		jdbc.sql("UPDATE assessment SET ssg_reference = :ref WHERE tenant_id = :tenant AND id = :id")
			.param("ref", reference)
			.param("tenant", tenant)
			.param("id", assessmentId)
			.update();
	}

}
