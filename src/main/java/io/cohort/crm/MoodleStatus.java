package io.cohort.crm;

import java.util.UUID;

/**
 * The seam through which Moodle provisioning tells an enrolment's {@code moodle_status}.
 * Until an {@code lms} bean implements it, every enrolment answers
 * {@link #PENDING_MOODLE}.
 */
@FunctionalInterface
public interface MoodleStatus {

	String PENDING_MOODLE = "PENDING_MOODLE";

	/** The Moodle status of the tenant's enrolment. */
	String of(UUID tenantId, UUID enrolmentId);

}
