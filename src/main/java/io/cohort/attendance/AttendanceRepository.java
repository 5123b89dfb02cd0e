package io.cohort.attendance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Attendance rows and their history, within one tenant. A sheet is written in batches.
 */
@Repository
class AttendanceRepository {

	/** What a history row says changed. */
	record HistoryRow(long id, UUID attendanceId, String oldStatus, String newStatus, String oldRemarks,
			String newRemarks, String changedBy, java.time.Instant changedAt) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	AttendanceRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/**
	 * Serialises sheets of one session, so two sheets sent at once apply one after the
	 * other.
	 */
	void lockSession(UUID sessionId) {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "attendance:" + sessionId)
			.query((rs, n) -> 1)
			.list();
	}

	List<AttendanceRecord> forSession(UUID tenant, UUID sessionId) {
		return jdbc.sql("SELECT * FROM attendance WHERE tenant_id = :tenant AND session_id = :session")
			.param("tenant", tenant)
			.param("session", sessionId)
			.query(AttendanceRepository::map)
			.list();
	}

	/** Those of the given sessions that have at least one mark. */
	Set<UUID> markedSessions(UUID tenant, Collection<UUID> sessionIds) {
		if (sessionIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc
			.sql("SELECT DISTINCT session_id FROM attendance WHERE tenant_id = :tenant AND session_id IN (:ids)")
			.param("tenant", tenant)
			.param("ids", sessionIds)
			.query(UUID.class)
			.list());
	}

	List<AttendanceRecord> forRun(UUID tenant, UUID runId) {
		return jdbc.sql("SELECT * FROM attendance WHERE tenant_id = :tenant AND run_id = :run")
			.param("tenant", tenant)
			.param("run", runId)
			.query(AttendanceRepository::map)
			.list();
	}

	List<AttendanceRecord> forEnrolments(UUID tenant, List<UUID> enrolmentIds) {
		if (enrolmentIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM attendance WHERE tenant_id = :tenant AND enrolment_id IN (:ids)")
			.param("tenant", tenant)
			.param("ids", enrolmentIds)
			.query(AttendanceRepository::map)
			.list();
	}

	java.util.Optional<AttendanceRecord> find(UUID tenant, UUID id) {
		return jdbc.sql("SELECT * FROM attendance WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(AttendanceRepository::map)
			.optional();
	}

	void insert(UUID tenant, UUID runId, List<AttendanceRecord> records) {
		batch.batchUpdate(
				"""
						INSERT INTO attendance (id, tenant_id, session_id, run_id, enrolment_id, learner_id, status, remarks, hours,
						    method, marked_by, marked_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				records.stream()
					.map(r -> new Object[] { r.id(), tenant, r.sessionId(), runId, r.enrolmentId(), r.learnerId(),
							r.status().name(), r.remarks(), r.hours(), r.method(), r.markedBy(),
							Timestamp.from(r.markedAt()) })
					.toList());
	}

	void update(UUID tenant, List<AttendanceRecord> records) {
		batch.batchUpdate("""
				UPDATE attendance SET status = ?, remarks = ?, hours = ?, method = ?, marked_by = ?, marked_at = ?
				WHERE id = ? AND tenant_id = ?""",
				records.stream()
					.map(r -> new Object[] { r.status().name(), r.remarks(), r.hours(), r.method(), r.markedBy(),
							Timestamp.from(r.markedAt()), r.id(), tenant })
					.toList());
	}

	/**
	 * Writes one history row per created or changed record: old values are null for a
	 * first mark.
	 */
	void history(UUID tenant, List<AttendanceRecord> before, List<AttendanceRecord> after, String correlationId) {
		List<Object[]> rows = new java.util.ArrayList<>();
		for (int i = 0; i < after.size(); i++) {
			AttendanceRecord old = before.get(i);
			AttendanceRecord now = after.get(i);
			rows.add(new Object[] { tenant, now.id(), old == null ? null : old.status().name(), now.status().name(),
					old == null ? null : old.remarks(), now.remarks(), now.markedBy(), Timestamp.from(now.markedAt()),
					correlationId });
		}
		batch.batchUpdate(
				"""
						INSERT INTO attendance_history (tenant_id, attendance_id, old_status, new_status, old_remarks, new_remarks,
						    changed_by, changed_at, correlation_id)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				rows);
	}

	List<HistoryRow> historyOf(UUID tenant, UUID attendanceId) {
		return jdbc.sql("""
				SELECT * FROM attendance_history WHERE tenant_id = :tenant AND attendance_id = :id ORDER BY id""")
			.param("tenant", tenant)
			.param("id", attendanceId)
			.query((rs, n) -> new HistoryRow(rs.getLong("id"), rs.getObject("attendance_id", UUID.class),
					rs.getString("old_status"), rs.getString("new_status"), rs.getString("old_remarks"),
					rs.getString("new_remarks"), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	private static AttendanceRecord map(ResultSet rs, int n) throws SQLException {
		return new AttendanceRecord(rs.getObject("id", UUID.class), rs.getObject("session_id", UUID.class),
				rs.getObject("enrolment_id", UUID.class), rs.getObject("learner_id", UUID.class),
				AttendanceStatus.valueOf(rs.getString("status")), rs.getString("remarks"), rs.getBigDecimal("hours"),
				rs.getString("method"), rs.getString("marked_by"), rs.getTimestamp("marked_at").toInstant());
	}

}
