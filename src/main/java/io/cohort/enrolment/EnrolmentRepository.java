package io.cohort.enrolment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Enrolments, within one tenant.
 */
@Repository
class EnrolmentRepository {

	/** An enrolment row; names and references are added by the facade. */
	record Row(UUID id, UUID runId, UUID learnerId, EnrolmentStatus status, @Nullable Integer waitlistPosition,
			SponsorshipType sponsorshipType, @Nullable String employerUen, BigDecimal feeAmount,
			BigDecimal discountAmount, FeeCollectionStatus feeCollectionStatus, String source, Instant enrolledAt,
			@Nullable Instant confirmedAt, @Nullable Instant endedAt, @Nullable String endReason, Instant updatedAt) {
	}

	private static final String SELECT = """
			SELECT e.*, CASE WHEN e.status = 'WAITLISTED' THEN (
			    SELECT count(*) FROM enrolment w
			    WHERE w.run_id = e.run_id AND w.status = 'WAITLISTED' AND w.queue_no <= e.queue_no) END AS waitlist_position
			FROM enrolment e
			""";

	private final JdbcClient jdbc;

	EnrolmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID tenant, Row row) {
		jdbc.sql(
				"""
						INSERT INTO enrolment (id, tenant_id, run_id, learner_id, status, sponsorship_type, employer_uen, fee_amount,
						    discount_amount, fee_collection_status, source, enrolled_at, confirmed_at, updated_at)
						VALUES (:id, :tenant, :run, :learner, :status, :sponsorship, :employer, :fee, :discount, :collection, :source,
						    :enrolled, :confirmed, :enrolled)""")
			.param("id", row.id())
			.param("tenant", tenant)
			.param("run", row.runId())
			.param("learner", row.learnerId())
			.param("status", row.status().name())
			.param("sponsorship", row.sponsorshipType().name())
			.param("employer", row.employerUen())
			.param("fee", row.feeAmount())
			.param("discount", row.discountAmount())
			.param("collection", row.feeCollectionStatus().name())
			.param("source", row.source())
			.param("enrolled", Timestamp.from(row.enrolledAt()))
			.param("confirmed", row.confirmedAt() == null ? null : Timestamp.from(row.confirmedAt()))
			.update();
	}

	Optional<Row> find(UUID tenant, UUID id, boolean lock) {
		return jdbc.sql(SELECT + " WHERE e.id = :id AND e.tenant_id = :tenant" + (lock ? " FOR UPDATE OF e" : ""))
			.param("id", id)
			.param("tenant", tenant)
			.query(EnrolmentRepository::map)
			.optional();
	}

	boolean hasLive(UUID tenant, UUID runId, UUID learnerId) {
		return jdbc
			.sql("""
					SELECT EXISTS (SELECT 1 FROM enrolment WHERE tenant_id = :tenant AND run_id = :run AND learner_id = :learner
					    AND status IN ('CONFIRMED', 'WAITLISTED', 'COMPLETED'))""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("learner", learnerId)
			.query(Boolean.class)
			.single();
	}

	/** The place of a waitlisted enrolment in its run's waitlist (1 = next). */
	int waitlistPosition(UUID tenant, UUID id) {
		return jdbc.sql("""
				SELECT count(*) FROM enrolment w JOIN enrolment e ON e.run_id = w.run_id
				WHERE e.id = :id AND e.tenant_id = :tenant AND w.status = 'WAITLISTED' AND w.queue_no <= e.queue_no""")
			.param("id", id)
			.param("tenant", tenant)
			.query(Integer.class)
			.single();
	}

	/** The run's oldest waitlisted enrolment, locked. */
	Optional<UUID> waitlistHead(UUID tenant, UUID runId) {
		return jdbc.sql("""
				SELECT id FROM enrolment WHERE tenant_id = :tenant AND run_id = :run AND status = 'WAITLISTED'
				ORDER BY queue_no LIMIT 1 FOR UPDATE""")
			.param("tenant", tenant)
			.param("run", runId)
			.query(UUID.class)
			.optional();
	}

	void confirm(UUID tenant, UUID id, Instant at) {
		jdbc.sql("""
				UPDATE enrolment SET status = 'CONFIRMED', confirmed_at = :at, updated_at = :at
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", id)
			.param("tenant", tenant)
			.param("at", Timestamp.from(at))
			.update();
	}

	void end(UUID tenant, UUID id, EnrolmentStatus status, @Nullable String reason, Instant at) {
		jdbc.sql("""
				UPDATE enrolment SET status = :status, ended_at = :at, end_reason = :reason, updated_at = :at
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", id)
			.param("tenant", tenant)
			.param("status", status.name())
			.param("reason", reason)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Cancels every live enrolment of the run; returns the ones cancelled. */
	List<Row> cancelRun(UUID tenant, UUID runId, String reason, Instant at) {
		List<UUID> ids = jdbc.sql("""
				UPDATE enrolment SET status = 'CANCELLED', ended_at = :at, end_reason = :reason, updated_at = :at
				WHERE tenant_id = :tenant AND run_id = :run AND status IN ('CONFIRMED', 'WAITLISTED')
				RETURNING id""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("reason", reason)
			.param("at", Timestamp.from(at))
			.query(UUID.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " WHERE e.tenant_id = :tenant AND e.id IN (:ids)")
			.param("tenant", tenant)
			.param("ids", ids)
			.query(EnrolmentRepository::map)
			.list();
	}

	void updateFees(UUID tenant, UUID id, BigDecimal fee, BigDecimal discount, FeeCollectionStatus status, Instant at) {
		jdbc.sql("""
				UPDATE enrolment SET fee_amount = :fee, discount_amount = :discount, fee_collection_status = :status,
				    updated_at = :at
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", id)
			.param("tenant", tenant)
			.param("fee", fee)
			.param("discount", discount)
			.param("status", status.name())
			.param("at", Timestamp.from(at))
			.update();
	}

	List<Row> search(UUID tenant, @Nullable UUID runId, @Nullable UUID learnerId, @Nullable EnrolmentStatus status,
			int page, int size) {
		return jdbc.sql(SELECT + """
				WHERE e.tenant_id = :tenant
				  AND (CAST(:run AS UUID) IS NULL OR e.run_id = :run)
				  AND (CAST(:learner AS UUID) IS NULL OR e.learner_id = :learner)
				  AND (CAST(:status AS TEXT) IS NULL OR e.status = :status)
				ORDER BY e.queue_no LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("learner", learnerId)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(EnrolmentRepository::map)
			.list();
	}

	/**
	 * Every enrolment of a run or of a learner in these statuses (all when empty), in
	 * queue order.
	 */
	List<Row> all(UUID tenant, @Nullable UUID runId, @Nullable UUID learnerId, Set<EnrolmentStatus> statuses) {
		return jdbc.sql(SELECT + """
				WHERE e.tenant_id = :tenant
				  AND (CAST(:run AS UUID) IS NULL OR e.run_id = :run)
				  AND (CAST(:learner AS UUID) IS NULL OR e.learner_id = :learner)
				  AND (CAST(:any AS BOOLEAN) OR e.status IN (:statuses))
				ORDER BY e.queue_no""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("learner", learnerId)
			.param("any", statuses.isEmpty())
			.param("statuses", statuses.isEmpty() ? List.of("") : statuses.stream().map(Enum::name).toList())
			.query(EnrolmentRepository::map)
			.list();
	}

	/**
	 * The ids of the enrolments of these runs in these statuses, by run, in queue order;
	 * a run without any is left out.
	 */
	Map<UUID, List<UUID>> idsByRun(UUID tenant, Collection<UUID> runIds, Set<EnrolmentStatus> statuses) {
		if (runIds.isEmpty() || statuses.isEmpty()) {
			return Map.of();
		}
		record Id(UUID runId, UUID id) {
		}
		return jdbc.sql("""
				SELECT id, run_id FROM enrolment
				WHERE tenant_id = :tenant AND run_id IN (:runs) AND status IN (:statuses)
				ORDER BY queue_no""")
			.param("tenant", tenant)
			.param("runs", runIds)
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.query((rs, n) -> new Id(rs.getObject("run_id", UUID.class), rs.getObject("id", UUID.class)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Id::runId, Collectors.mapping(Id::id, Collectors.toList())));
	}

	/**
	 * How many enrolments of each of these runs are in {@code status}; a run without any
	 * is left out.
	 */
	Map<UUID, Integer> countsByRun(UUID tenant, Collection<UUID> runIds, EnrolmentStatus status) {
		if (runIds.isEmpty()) {
			return Map.of();
		}
		record Count(UUID runId, int count) {
		}
		return jdbc.sql("""
				SELECT run_id, count(*) AS n FROM enrolment
				WHERE tenant_id = :tenant AND run_id IN (:runs) AND status = :status
				GROUP BY run_id""")
			.param("tenant", tenant)
			.param("runs", runIds)
			.param("status", status.name())
			.query((rs, n) -> new Count(rs.getObject("run_id", UUID.class), rs.getInt("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Count::runId, Count::count));
	}

	/** A run's confirmed or completed enrolments whose fees are not paid in full. */
	record FeesDue(UUID runId, int enrolments, BigDecimal amount) {
	}

	/**
	 * Per run, the confirmed or completed enrolments with a net fee (fee less discount)
	 * still pending or only partly paid, and the sum of those net fees.
	 */
	List<FeesDue> feesDue(UUID tenant) {
		return jdbc.sql("""
				SELECT run_id, count(*) AS enrolments, sum(fee_amount - discount_amount) AS amount
				FROM enrolment
				WHERE tenant_id = :tenant AND status IN ('CONFIRMED', 'COMPLETED')
				  AND fee_collection_status IN ('PENDING', 'PARTIAL') AND fee_amount > discount_amount
				GROUP BY run_id""")
			.param("tenant", tenant)
			.query((rs, n) -> new FeesDue(rs.getObject("run_id", UUID.class), rs.getInt("enrolments"),
					rs.getBigDecimal("amount")))
			.list();
	}

	long count(UUID tenant, @Nullable UUID runId, @Nullable UUID learnerId, @Nullable EnrolmentStatus status) {
		return jdbc.sql("""
				SELECT count(*) FROM enrolment e WHERE e.tenant_id = :tenant
				  AND (CAST(:run AS UUID) IS NULL OR e.run_id = :run)
				  AND (CAST(:learner AS UUID) IS NULL OR e.learner_id = :learner)
				  AND (CAST(:status AS TEXT) IS NULL OR e.status = :status)""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("learner", learnerId)
			.param("status", status == null ? null : status.name())
			.query(Long.class)
			.single();
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		Timestamp confirmed = rs.getTimestamp("confirmed_at");
		Timestamp ended = rs.getTimestamp("ended_at");
		Object position = rs.getObject("waitlist_position");
		return new Row(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
				rs.getObject("learner_id", UUID.class), EnrolmentStatus.valueOf(rs.getString("status")),
				position == null ? null : ((Number) position).intValue(),
				SponsorshipType.valueOf(rs.getString("sponsorship_type")), rs.getString("employer_uen"),
				rs.getBigDecimal("fee_amount"), rs.getBigDecimal("discount_amount"),
				FeeCollectionStatus.valueOf(rs.getString("fee_collection_status")), rs.getString("source"),
				rs.getTimestamp("enrolled_at").toInstant(), confirmed == null ? null : confirmed.toInstant(),
				ended == null ? null : ended.toInstant(), rs.getString("end_reason"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
