package io.cohort.lms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Moodle user each learner became, and each enrolment's Moodle user, course and
 * state.
 */
@Repository
class MoodleRecords {

	private final JdbcClient jdbc;

	MoodleRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An enrolment as Moodle has it. */
	record Provisioned(UUID enrolmentId, long moodleUserId, long moodleCourseId, String state, Instant updatedAt) {
	}

	/** The learner's Moodle user on the site at this base URL, if it is known. */
	Optional<Long> user(UUID tenant, UUID learnerId, String baseUrl) {
		return jdbc.sql("""
				SELECT moodle_user_id FROM moodle_user
				WHERE tenant_id = :tenant AND learner_id = :learner AND base_url = :site""")
			.param("tenant", tenant)
			.param("learner", learnerId)
			.param("site", baseUrl)
			.query(Long.class)
			.optional();
	}

	/**
	 * Keeps the learner's Moodle user as soon as it is known (committed at once: a retry
	 * skips the search).
	 */
	void user(UUID tenant, UUID learnerId, String baseUrl, long moodleUserId) {
		jdbc.sql("""
				INSERT INTO moodle_user (tenant_id, learner_id, base_url, moodle_user_id)
				VALUES (:tenant, :learner, :site, :user)
				ON CONFLICT (tenant_id, learner_id, base_url) DO UPDATE SET moodle_user_id = EXCLUDED.moodle_user_id""")
			.param("tenant", tenant)
			.param("learner", learnerId)
			.param("site", baseUrl)
			.param("user", moodleUserId)
			.update();
	}

	/** Forgets a kept Moodle user the site no longer has. */
	void forgetUser(UUID tenant, UUID learnerId, String baseUrl) {
		jdbc.sql("DELETE FROM moodle_user WHERE tenant_id = :tenant AND learner_id = :learner AND base_url = :site")
			.param("tenant", tenant)
			.param("learner", learnerId)
			.param("site", baseUrl)
			.update();
	}

	void provisioned(UUID tenant, UUID enrolmentId, long userId, long courseId, String state, Instant at) {
		jdbc.sql(
				"""
						INSERT INTO moodle_enrolment (tenant_id, enrolment_id, moodle_user_id, moodle_course_id, state, updated_at)
						VALUES (:tenant, :enrolment, :user, :course, :state, :at)
						ON CONFLICT (tenant_id, enrolment_id) DO UPDATE SET moodle_user_id = EXCLUDED.moodle_user_id,
						    moodle_course_id = EXCLUDED.moodle_course_id, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at""")
			.param("tenant", tenant)
			.param("enrolment", enrolmentId)
			.param("user", userId)
			.param("course", courseId)
			.param("state", state)
			.param("at", Timestamp.from(at))
			.update();
	}

	Optional<Provisioned> enrolment(UUID tenant, UUID enrolmentId) {
		return jdbc.sql("SELECT * FROM moodle_enrolment WHERE tenant_id = :tenant AND enrolment_id = :enrolment")
			.param("tenant", tenant)
			.param("enrolment", enrolmentId)
			.query((rs, n) -> new Provisioned(rs.getObject("enrolment_id", UUID.class), rs.getLong("moodle_user_id"),
					rs.getLong("moodle_course_id"), rs.getString("state"), rs.getTimestamp("updated_at").toInstant()))
			.optional();
	}

}
