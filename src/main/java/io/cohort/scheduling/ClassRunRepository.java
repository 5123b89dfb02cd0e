package io.cohort.scheduling;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
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
 * Class runs, sessions and trainers, always within one tenant. Seats are taken and
 * released with single guarded statements, never check-then-write.
 */
@Repository
class ClassRunRepository {

	/** A run row; the course's code and title are added by the facade. */
	record RunRow(UUID id, UUID courseId, String reference, LocalDate startDate, LocalDate endDate,
			LocalDate registrationOpens, LocalDate registrationCloses, int capacity, int seatsTaken,
			String modeOfTraining, String venue, boolean inHouse, boolean waitlistEnabled, RunStatus status,
			@Nullable String ssgRunId, @Nullable String venuePostalCode, @Nullable String courseAdminEmail,
			Instant createdAt, Instant updatedAt) {
	}

	private final JdbcClient jdbc;

	ClassRunRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID tenant, RunRow run) {
		jdbc.sql(
				"""
						INSERT INTO class_run (id, tenant_id, course_id, reference, start_date, end_date, registration_opens,
						    registration_closes, capacity, seats_taken, mode_of_training, venue, in_house, waitlist_enabled, status,
						    venue_postal_code, course_admin_email, created_at, updated_at)
						VALUES (:id, :tenant, :course, :reference, :start, :end, :opens, :closes, :capacity, 0, :mode, :venue,
						    :in_house, :waitlist, :status, :postal_code, :admin_email, :created, :updated)""")
			.params(columns(tenant, run))
			.update();
	}

	/**
	 * Writes the run's details. The capacity is guarded: the update only happens while
	 * the seats already taken still fit, so a concurrent enrolment can never be squeezed
	 * out.
	 */
	boolean update(UUID tenant, RunRow run) {
		return jdbc.sql("""
				UPDATE class_run SET reference = :reference, start_date = :start, end_date = :end,
				    registration_opens = :opens, registration_closes = :closes, capacity = :capacity,
				    mode_of_training = :mode, venue = :venue, in_house = :in_house, waitlist_enabled = :waitlist,
				    status = :status, venue_postal_code = :postal_code, course_admin_email = :admin_email,
				    updated_at = :updated
				WHERE id = :id AND tenant_id = :tenant AND seats_taken <= :capacity""")
			.params(columns(tenant, run))
			.update() == 1;
	}

	/** Every column of a run as named parameters; a statement uses the ones it names. */
	private static java.util.Map<String, Object> columns(UUID tenant, RunRow run) {
		java.util.Map<String, Object> columns = new java.util.HashMap<>();
		columns.put("id", run.id());
		columns.put("tenant", tenant);
		columns.put("course", run.courseId());
		columns.put("reference", run.reference());
		columns.put("start", Date.valueOf(run.startDate()));
		columns.put("end", Date.valueOf(run.endDate()));
		columns.put("opens", Date.valueOf(run.registrationOpens()));
		columns.put("closes", Date.valueOf(run.registrationCloses()));
		columns.put("capacity", run.capacity());
		columns.put("mode", run.modeOfTraining());
		columns.put("venue", run.venue());
		columns.put("in_house", run.inHouse());
		columns.put("waitlist", run.waitlistEnabled());
		columns.put("status", run.status().name());
		columns.put("postal_code", run.venuePostalCode());
		columns.put("admin_email", run.courseAdminEmail());
		columns.put("created", Timestamp.from(run.createdAt()));
		columns.put("updated", Timestamp.from(run.updatedAt()));
		return columns;
	}

	void cancel(UUID tenant, UUID runId) {
		jdbc.sql("""
				UPDATE class_run SET status = 'CANCELLED', seats_taken = 0, updated_at = now()
				WHERE id = :id AND tenant_id = :tenant""").param("id", runId).param("tenant", tenant).update();
		jdbc.sql("UPDATE class_session SET cancelled = TRUE WHERE run_id = :id AND tenant_id = :tenant")
			.param("id", runId)
			.param("tenant", tenant)
			.update();
	}

	/** Takes one seat if the run takes enrolments and has one left; false otherwise. */
	boolean takeSeat(UUID tenant, UUID runId) {
		return jdbc
			.sql("""
					UPDATE class_run SET seats_taken = seats_taken + 1
					WHERE id = :id AND tenant_id = :tenant AND status IN ('PUBLISHED', 'ONGOING') AND seats_taken < capacity""")
			.param("id", runId)
			.param("tenant", tenant)
			.update() == 1;
	}

	void releaseSeat(UUID tenant, UUID runId) {
		jdbc.sql("""
				UPDATE class_run SET seats_taken = seats_taken - 1
				WHERE id = :id AND tenant_id = :tenant AND seats_taken > 0""")
			.param("id", runId)
			.param("tenant", tenant)
			.update();
	}

	Optional<RunRow> find(UUID tenant, UUID id, boolean lock) {
		return jdbc.sql("SELECT * FROM class_run WHERE id = :id AND tenant_id = :tenant" + (lock ? " FOR UPDATE" : ""))
			.param("id", id)
			.param("tenant", tenant)
			.query(ClassRunRepository::run)
			.optional();
	}

	List<RunRow> page(UUID tenant, @Nullable UUID courseId, @Nullable RunStatus status, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM class_run WHERE tenant_id = :tenant
				  AND (CAST(:course AS UUID) IS NULL OR course_id = :course)
				  AND (CAST(:status AS TEXT) IS NULL OR status = :status)
				ORDER BY start_date DESC, lower(reference) LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("course", courseId)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(ClassRunRepository::run)
			.list();
	}

	long count(UUID tenant, @Nullable UUID courseId, @Nullable RunStatus status) {
		return jdbc.sql("""
				SELECT count(*) FROM class_run WHERE tenant_id = :tenant
				  AND (CAST(:course AS UUID) IS NULL OR course_id = :course)
				  AND (CAST(:status AS TEXT) IS NULL OR status = :status)""")
			.param("tenant", tenant)
			.param("course", courseId)
			.param("status", status == null ? null : status.name())
			.query(Long.class)
			.single();
	}

	/** Published runs whose registration is open on the day and that have seats left. */
	List<RunRow> available(UUID tenant, LocalDate day) {
		return jdbc.sql("""
				SELECT * FROM class_run WHERE tenant_id = :tenant AND status = 'PUBLISHED'
				  AND registration_opens <= :day AND registration_closes >= :day AND seats_taken < capacity
				ORDER BY start_date, lower(reference)""")
			.param("tenant", tenant)
			.param("day", Date.valueOf(day))
			.query(ClassRunRepository::run)
			.list();
	}

	void insertSession(UUID tenant, SessionView session) {
		jdbc.sql("""
				INSERT INTO class_session (id, tenant_id, run_id, session_date, start_time, end_time, mode_of_training,
				    trainer_id, venue, created_at)
				VALUES (:id, :tenant, :run, :date, :start, :end, :mode, :trainer, :venue, now())""")
			.param("id", session.id())
			.param("tenant", tenant)
			.param("run", session.runId())
			.param("date", Date.valueOf(session.date()))
			.param("start", Time.valueOf(session.startTime()))
			.param("end", Time.valueOf(session.endTime()))
			.param("mode", session.modeOfTraining())
			.param("trainer", session.trainerId())
			.param("venue", session.venue())
			.update();
	}

	void updateSession(UUID tenant, SessionView session) {
		jdbc.sql("""
				UPDATE class_session SET session_date = :date, start_time = :start, end_time = :end,
				    trainer_id = :trainer, venue = :venue
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", session.id())
			.param("tenant", tenant)
			.param("date", Date.valueOf(session.date()))
			.param("start", Time.valueOf(session.startTime()))
			.param("end", Time.valueOf(session.endTime()))
			.param("trainer", session.trainerId())
			.param("venue", session.venue())
			.update();
	}

	List<SessionView> sessions(UUID tenant, Collection<UUID> runIds) {
		if (runIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT s.*, t.full_name AS trainer_name FROM class_session s LEFT JOIN trainer t ON t.id = s.trainer_id
				WHERE s.tenant_id = :tenant AND s.run_id IN (:runs)
				ORDER BY s.session_date, s.start_time""")
			.param("tenant", tenant)
			.param("runs", runIds)
			.query(ClassRunRepository::session)
			.list();
	}

	List<SessionView> sessionsOn(UUID tenant, Collection<UUID> runIds, LocalDate day) {
		if (runIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT s.*, t.full_name AS trainer_name FROM class_session s LEFT JOIN trainer t ON t.id = s.trainer_id
				WHERE s.tenant_id = :tenant AND s.run_id IN (:runs) AND s.session_date = :day
				ORDER BY s.start_time""")
			.param("tenant", tenant)
			.param("runs", runIds)
			.param("day", Date.valueOf(day))
			.query(ClassRunRepository::session)
			.list();
	}

	Optional<SessionView> session(UUID tenant, UUID sessionId) {
		return jdbc.sql("""
				SELECT s.*, t.full_name AS trainer_name FROM class_session s LEFT JOIN trainer t ON t.id = s.trainer_id
				WHERE s.tenant_id = :tenant AND s.id = :id""")
			.param("tenant", tenant)
			.param("id", sessionId)
			.query(ClassRunRepository::session)
			.optional();
	}

	/**
	 * The sessions (not cancelled) between two days, both included, of the runs that are
	 * neither drafts nor cancelled.
	 */
	List<SessionView> sessionsBetween(UUID tenant, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT s.*, t.full_name AS trainer_name FROM class_session s
				JOIN class_run r ON r.id = s.run_id AND r.tenant_id = s.tenant_id
				LEFT JOIN trainer t ON t.id = s.trainer_id
				WHERE s.tenant_id = :tenant AND s.session_date BETWEEN :from AND :to AND NOT s.cancelled
				  AND r.status NOT IN ('DRAFT', 'CANCELLED')
				ORDER BY s.session_date, s.start_time, lower(r.reference)""")
			.param("tenant", tenant)
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.query(ClassRunRepository::session)
			.list();
	}

	/** The runs of the given ids. */
	List<RunRow> runs(UUID tenant, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM class_run WHERE tenant_id = :tenant AND id IN (:ids)")
			.param("tenant", tenant)
			.param("ids", ids)
			.query(ClassRunRepository::run)
			.list();
	}

	/** The published or ongoing runs that start between two days, both included. */
	List<RunRow> startingBetween(UUID tenant, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT * FROM class_run WHERE tenant_id = :tenant AND status IN ('PUBLISHED', 'ONGOING')
				  AND start_date BETWEEN :from AND :to
				ORDER BY start_date, lower(reference)""")
			.param("tenant", tenant)
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.query(ClassRunRepository::run)
			.list();
	}

	/**
	 * The runs that were held (published, ongoing or completed) and end between two days,
	 * both included.
	 */
	List<RunRow> endingBetween(UUID tenant, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT * FROM class_run WHERE tenant_id = :tenant AND status IN ('PUBLISHED', 'ONGOING', 'COMPLETED')
				  AND end_date BETWEEN :from AND :to
				ORDER BY end_date, lower(reference)""")
			.param("tenant", tenant)
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.query(ClassRunRepository::run)
			.list();
	}

	/** The sessions a trainer leads, from a day on, with their runs' ids. */
	List<SessionView> sessionsOfTrainer(UUID tenant, UUID trainerId, LocalDate from) {
		return jdbc.sql("""
				SELECT s.*, t.full_name AS trainer_name FROM class_session s JOIN trainer t ON t.id = s.trainer_id
				WHERE s.tenant_id = :tenant AND s.trainer_id = :trainer AND s.session_date >= :from AND NOT s.cancelled
				ORDER BY s.session_date, s.start_time""")
			.param("tenant", tenant)
			.param("trainer", trainerId)
			.param("from", Date.valueOf(from))
			.query(ClassRunRepository::session)
			.list();
	}

	void insertTrainer(UUID tenant, TrainerView trainer) {
		jdbc.sql("""
				INSERT INTO trainer (id, tenant_id, full_name, email, user_id, created_at)
				VALUES (:id, :tenant, :name, :email, :user, :created)""")
			.param("id", trainer.id())
			.param("tenant", tenant)
			.param("name", trainer.fullName())
			.param("email", trainer.email())
			.param("user", trainer.userId())
			.param("created", Timestamp.from(trainer.createdAt()))
			.update();
	}

	List<TrainerView> trainers(UUID tenant) {
		return jdbc.sql("SELECT * FROM trainer WHERE tenant_id = :tenant ORDER BY lower(full_name)")
			.param("tenant", tenant)
			.query(ClassRunRepository::trainer)
			.list();
	}

	Optional<TrainerView> trainer(UUID tenant, UUID id) {
		return jdbc.sql("SELECT * FROM trainer WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(ClassRunRepository::trainer)
			.optional();
	}

	/** The trainers who lead a session of the run (cancelled ones aside). */
	List<TrainerView> trainersOfRun(UUID tenant, UUID runId) {
		return jdbc.sql("""
				SELECT t.* FROM trainer t WHERE t.tenant_id = :tenant AND EXISTS (
				  SELECT 1 FROM class_session s WHERE s.tenant_id = t.tenant_id AND s.run_id = :run
				    AND s.trainer_id = t.id AND NOT s.cancelled)
				ORDER BY lower(t.full_name)""")
			.param("tenant", tenant)
			.param("run", runId)
			.query(ClassRunRepository::trainer)
			.list();
	}

	Optional<TrainerView> trainerOfUser(UUID tenant, UUID userId) {
		return jdbc.sql("SELECT * FROM trainer WHERE tenant_id = :tenant AND user_id = :user")
			.param("tenant", tenant)
			.param("user", userId)
			.query(ClassRunRepository::trainer)
			.optional();
	}

	private static RunRow run(ResultSet rs, int n) throws SQLException {
		return new RunRow(rs.getObject("id", UUID.class), rs.getObject("course_id", UUID.class),
				rs.getString("reference"), rs.getDate("start_date").toLocalDate(), rs.getDate("end_date").toLocalDate(),
				rs.getDate("registration_opens").toLocalDate(), rs.getDate("registration_closes").toLocalDate(),
				rs.getInt("capacity"), rs.getInt("seats_taken"), rs.getString("mode_of_training"),
				rs.getString("venue"), rs.getBoolean("in_house"), rs.getBoolean("waitlist_enabled"),
				RunStatus.valueOf(rs.getString("status")), rs.getString("ssg_run_id"),
				rs.getString("venue_postal_code"), rs.getString("course_admin_email"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	private static SessionView session(ResultSet rs, int n) throws SQLException {
		return new SessionView(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
				rs.getDate("session_date").toLocalDate(), rs.getTime("start_time").toLocalTime(),
				rs.getTime("end_time").toLocalTime(), rs.getString("mode_of_training"),
				rs.getObject("trainer_id", UUID.class), rs.getString("trainer_name"), rs.getString("venue"),
				rs.getBoolean("cancelled"));
	}

	private static TrainerView trainer(ResultSet rs, int n) throws SQLException {
		return new TrainerView(rs.getObject("id", UUID.class), rs.getString("full_name"), rs.getString("email"),
				rs.getObject("user_id", UUID.class), rs.getTimestamp("created_at").toInstant());
	}

	/** Keeps the id TPGateway gave the run. */
	void recordSsgRunId(UUID tenant, UUID runId, String ssgRunId) {
		jdbc.sql("UPDATE class_run SET ssg_run_id = :ref WHERE tenant_id = :tenant AND id = :id")
			.param("ref", ssgRunId)
			.param("tenant", tenant)
			.param("id", runId)
			.update();
	}

}
