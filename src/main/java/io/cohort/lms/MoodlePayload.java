package io.cohort.lms;

import java.util.List;
import java.util.UUID;

/**
 * The JSON snapshots of the Moodle jobs, one record per {@link MoodleOperation}, taken
 * when the job is written. They never hold a national id: a Moodle user's idnumber is the
 * learner's Zoho id or Cohort id.
 */
final class MoodlePayload {

	private MoodlePayload() {
	}

	/**
	 * An enrolment to provision: the user as Moodle should know it, and the course
	 * idnumbers to look for, in order (the class's Moodle_Class_ID, its Zoho id, the
	 * run's reference).
	 */
	record Enrol(UUID enrolmentId, UUID learnerId, String idnumber, String username, String email, String firstname,
			String lastname, List<String> courseIdnumbers) {
	}

	/** An enrolment to undo in Moodle (the user and course its provisioning found). */
	record Unenrol(UUID enrolmentId) {
	}

}
