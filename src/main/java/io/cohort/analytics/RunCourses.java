package io.cohort.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The MOOC course each run follows, and the MOOC users OPS linked to learners (the
 * external id a match tries first).
 */
@Repository
class RunCourses {

	private final JdbcClient jdbc;

	RunCourses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> courseOf(UUID tenant, UUID runId) {
		return jdbc.sql("SELECT mooc_course_id FROM analytics_run_course WHERE tenant_id = :tenant AND run_id = :run")
			.param("tenant", tenant)
			.param("run", runId)
			.query(String.class)
			.optional();
	}

	Optional<UUID> runOf(UUID tenant, String course) {
		return jdbc
			.sql("SELECT run_id FROM analytics_run_course WHERE tenant_id = :tenant AND mooc_course_id = :course")
			.param("tenant", tenant)
			.param("course", course)
			.query(UUID.class)
			.optional();
	}

	/** Every tenant's linked runs, for the scheduled pass. */
	List<Linked> all() {
		return jdbc.sql("SELECT tenant_id, run_id, mooc_course_id FROM analytics_run_course ORDER BY tenant_id")
			.query((rs, n) -> new Linked(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
			.list();
	}

	/** The tenant's linked courses. */
	List<String> courses(UUID tenant) {
		return jdbc.sql("SELECT mooc_course_id FROM analytics_run_course WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query(String.class)
			.list();
	}

	record Linked(UUID tenant, UUID run, String course) {
	}

	/**
	 * Links (or relinks) the run; false when another run of the tenant follows that
	 * course.
	 */
	boolean link(UUID tenant, UUID runId, String course) {
		Optional<UUID> other = runOf(tenant, course);
		if (other.isPresent() && !other.get().equals(runId)) {
			return false;
		}
		jdbc.sql("""
				INSERT INTO analytics_run_course (tenant_id, run_id, mooc_course_id) VALUES (:tenant, :run, :course)
				ON CONFLICT (tenant_id, run_id) DO UPDATE SET mooc_course_id = EXCLUDED.mooc_course_id""")
			.param("tenant", tenant)
			.param("run", runId)
			.param("course", course)
			.update();
		return true;
	}

	Optional<UUID> linkedLearner(UUID tenant, long user) {
		return jdbc.sql("SELECT learner_id FROM mooc_user_link WHERE tenant_id = :tenant AND user_id = :user")
			.param("tenant", tenant)
			.param("user", user)
			.query(UUID.class)
			.optional();
	}

	void linkUser(UUID tenant, long user, UUID learner, String by, Instant now) {
		jdbc.sql("""
				INSERT INTO mooc_user_link (tenant_id, user_id, learner_id, linked_by, linked_at)
				VALUES (:tenant, :user, :learner, :by, :now)
				ON CONFLICT (tenant_id, user_id) DO UPDATE SET learner_id = EXCLUDED.learner_id,
				    linked_by = EXCLUDED.linked_by, linked_at = EXCLUDED.linked_at""")
			.param("tenant", tenant)
			.param("user", user)
			.param("learner", learner)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("UPDATE mooc_enrollment SET learner_id = :learner WHERE tenant_id = :tenant AND user_id = :user")
			.param("tenant", tenant)
			.param("user", user)
			.param("learner", learner)
			.update();
	}

}
