package io.cohort.lms;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.cohort.crm.MoodleStatus;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.identity.CurrentActor;
import io.cohort.jobs.Job;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where each enrolment stands in Moodle: {@code PENDING_MOODLE} while the tenant has
 * Moodle off (or the enrolment has no Moodle job), else its latest job's state
 * ({@code QUEUED}, {@code RETRYING}, {@code FAILED}, {@code CANCELLED}, {@code ENROLLED},
 * {@code UNENROLLED}), with the Moodle user and course once provisioned. It tells the
 * CRM's {@code moodle_status} too.
 */
@Service
public class MoodleEnrolments implements MoodleStatus {

	private final MoodleSettingsManagement settings;

	private final MoodleOutbox outbox;

	private final MoodleRecords records;

	private final EnrolmentManagement enrolments;

	MoodleEnrolments(MoodleSettingsManagement settings, MoodleOutbox outbox, MoodleRecords records,
			EnrolmentManagement enrolments) {
		this.settings = settings;
		this.outbox = outbox;
		this.records = records;
		this.enrolments = enrolments;
	}

	/** An enrolment as Moodle has it, for staff. */
	public record MoodleEnrolmentView(UUID enrolmentId, String moodleStatus, @Nullable Long moodleUserId,
			@Nullable Long moodleCourseId, @Nullable UUID jobId, @Nullable String lastError,
			@Nullable Instant updatedAt) {
	}

	@Override
	public String of(UUID tenantId, UUID enrolmentId) {
		if (!settings.enabled(tenantId)) {
			return PENDING_MOODLE;
		}
		return outbox.latest(tenantId, enrolmentId).map(MoodleEnrolments::status).orElse(PENDING_MOODLE);
	}

	/**
	 * The caller's tenant's enrolment as Moodle has it (404 for an enrolment of another
	 * tenant).
	 */
	@Transactional(readOnly = true)
	public MoodleEnrolmentView get(UUID enrolmentId) {
		UUID tenant = CurrentActor.tenantId();
		enrolments.get(enrolmentId);
		Optional<Job> latest = outbox.latest(tenant, enrolmentId);
		Optional<MoodleRecords.Provisioned> provisioned = records.enrolment(tenant, enrolmentId);
		String status = settings.enabled(tenant) ? latest.map(MoodleEnrolments::status).orElse(PENDING_MOODLE)
				: PENDING_MOODLE;
		return new MoodleEnrolmentView(enrolmentId, status,
				provisioned.map(MoodleRecords.Provisioned::moodleUserId).orElse(null),
				provisioned.map(MoodleRecords.Provisioned::moodleCourseId).orElse(null),
				latest.map(Job::id).orElse(null), latest.map(Job::lastError).orElse(null),
				latest.map(Job::updatedAt).orElse(null));
	}

	private static String status(Job job) {
		return switch (job.status()) {
			case PENDING, RUNNING -> "QUEUED";
			case RETRYING -> "RETRYING";
			case DEAD -> "FAILED";
			case CANCELLED -> "CANCELLED";
			case SUCCEEDED -> job.operation().equals(MoodleOperation.UNENROL.name()) ? "UNENROLLED" : "ENROLLED";
		};
	}

}
