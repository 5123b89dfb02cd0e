package io.cohort.lms;

import java.util.UUID;

/**
 * The Moodle jobs' operations, each with its payload type and its one key factory. An
 * enrolment's provisioning creates what its unenrolment undoes, so a cancelled
 * provisioning cancels the unenrolment that waits for it.
 */
enum MoodleOperation {

	/**
	 * Find or create the learner's Moodle user, find the class's course, enrol with the
	 * tenant's role.
	 */
	ENROL(MoodlePayload.Enrol.class, true),

	/** Unenrol the user from the course the enrolment was provisioned in. */
	UNENROL(MoodlePayload.Unenrol.class, false);

	/**
	 * The entity type of the jobs: an enrolment as Moodle provisions it (apart from
	 * TPGateway's jobs of it).
	 */
	static final String ENTITY = "moodle_enrolment";

	private final Class<?> payloadType;

	private final boolean creates;

	MoodleOperation(Class<?> payloadType, boolean creates) {
		this.payloadType = payloadType;
		this.creates = creates;
	}

	Class<?> payloadType() {
		return payloadType;
	}

	boolean creates() {
		return creates;
	}

	/**
	 * The idempotency key of the enrolment's {@code nth} job, e.g.
	 * {@code moodle:enrolment:<id>:ENROL:0}.
	 */
	String key(UUID enrolmentId, int nth) {
		return "moodle:enrolment:" + enrolmentId + ":" + name() + ":" + nth;
	}

}
