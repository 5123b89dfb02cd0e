package io.cohort.lms;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.cohort.jobs.Job;
import io.cohort.jobs.JobExecutor;
import io.cohort.jobs.JobOutcome;
import io.cohort.jobs.JobTarget;
import io.cohort.system.OutboundUrlPolicy;
import org.springframework.stereotype.Component;

/**
 * Carries out Moodle jobs with the tenant's own connection. Moodle has no idempotency
 * key, so provisioning looks before it creates: the user by idnumber, then by email, and
 * only then creates it; when a twin created it meanwhile ("already exists") the user is
 * searched again and adopted, never duplicated. The Moodle user is kept as soon as it is
 * known, so a retry starts from it, and the enrolment's user and course as soon as Moodle
 * confirms it. Enrolling an enrolled user again changes nothing in Moodle, so a lost
 * answer to the enrolment is harmless.
 */
@Component
class MoodleExecutor implements JobTarget {

	private final MoodleSettingsManagement settings;

	private final MoodleRecords records;

	private final OutboundUrlPolicy urls;

	private final Clock clock;

	MoodleExecutor(MoodleSettingsManagement settings, MoodleRecords records, OutboundUrlPolicy urls, Clock clock) {
		this.settings = settings;
		this.records = records;
		this.urls = urls;
		this.clock = clock;
	}

	@Override
	public String name() {
		return MoodleOutbox.TARGET;
	}

	@Override
	public boolean creates(String operation) {
		return Arrays.stream(MoodleOperation.values())
			.anyMatch(known -> known.name().equals(operation) && known.creates());
	}

	@Override
	public JobExecutor forBatch(List<Job> batch) {
		return this::execute;
	}

	JobOutcome execute(Job job) {
		Optional<MoodleConnection> connection = settings.connection(job.tenantId());
		if (connection.isEmpty()) {
			return new JobOutcome.Permanent("Moodle is not switched on for this tenant");
		}
		MoodleClient client = new MoodleClient(connection.get(), urls);
		MoodleOperation operation;
		try {
			operation = MoodleOperation.valueOf(job.operation());
		}
		catch (IllegalArgumentException ex) {
			return new JobOutcome.Permanent("Unknown operation " + job.operation());
		}
		return switch (operation) {
			case ENROL -> enrol(client, connection.get(), job,
					MoodleOutbox.JSON.readValue(job.payload(), MoodlePayload.Enrol.class));
			case UNENROL -> unenrol(client, job);
		};
	}

	private JobOutcome enrol(MoodleClient client, MoodleConnection connection, Job job, MoodlePayload.Enrol payload) {
		String site = connection.baseUrl().toString();
		Optional<Long> kept = records.user(job.tenantId(), payload.learnerId(), site);
		long userId;
		if (kept.isPresent()) {
			userId = kept.get();
		}
		else {
			MoodleResult<Long> user = user(client, payload);
			if (!(user instanceof MoodleResult.Success<Long> found)) {
				return outcome((MoodleResult.Failure<?>) user);
			}
			userId = found.value();
			records.user(job.tenantId(), payload.learnerId(), site, userId);
		}
		Long courseId = null;
		for (String idnumber : payload.courseIdnumbers()) {
			MoodleResult<List<MoodleClient.Course>> courses = client.coursesByIdnumber(idnumber);
			if (courses instanceof MoodleResult.Failure<?> failure) {
				return outcome(failure);
			}
			List<MoodleClient.Course> found = ((MoodleResult.Success<List<MoodleClient.Course>>) courses).value();
			if (!found.isEmpty()) {
				courseId = found.get(0).id();
				break;
			}
		}
		if (courseId == null) {
			return new JobOutcome.Permanent(
					"No Moodle course has the idnumber " + String.join(" or ", payload.courseIdnumbers()));
		}
		MoodleResult<Boolean> enrolled = client.enrol(connection.studentRoleId(), userId, courseId);
		if (enrolled instanceof MoodleResult.Failure<?> failure) {
			if (kept.isPresent() && "invalidrecord".equals(failure.errorcode())) {
				// the kept user is gone from the site (deleted, or a simulator
				// restarted): look it up again
				records.forgetUser(job.tenantId(), payload.learnerId(), site);
				return new JobOutcome.Retryable(failure.message() + " (the kept Moodle user is looked up again)", null);
			}
			return outcome(failure);
		}
		records.provisioned(job.tenantId(), job.entityId(), userId, courseId, "ENROLLED", clock.instant());
		return new JobOutcome.Succeeded(userId + "/" + courseId);
	}

	/**
	 * The learner's Moodle user: found by idnumber, else by email, else created (or
	 * adopted after a race).
	 */
	private MoodleResult<Long> user(MoodleClient client, MoodlePayload.Enrol payload) {
		MoodleResult<Optional<Long>> found = find(client,
				new String[][] { { "idnumber", payload.idnumber() }, { "email", payload.email() } });
		if (found instanceof MoodleResult.Failure<Optional<Long>> failure) {
			return failure.retype();
		}
		Optional<Long> existing = ((MoodleResult.Success<Optional<Long>>) found).value();
		if (existing.isPresent()) {
			return new MoodleResult.Success<>(existing.get());
		}
		MoodleResult<Long> created = client.createUser(new MoodleClient.NewUser(payload.username(), payload.email(),
				payload.firstname(), payload.lastname(), payload.idnumber()));
		if (!(created instanceof MoodleResult.Failure<Long> refused) || !alreadyExists(refused)) {
			return created;
		}
		MoodleResult<Optional<Long>> twin = find(client, new String[][] { { "idnumber", payload.idnumber() },
				{ "username", payload.username() }, { "email", payload.email() } });
		if (twin instanceof MoodleResult.Failure<Optional<Long>> failure) {
			return failure.retype();
		}
		return ((MoodleResult.Success<Optional<Long>>) twin).value()
			.<MoodleResult<Long>>map(MoodleResult.Success::new)
			.orElseGet(() -> new MoodleResult.Failure<>(true, refused.errorcode(),
					"Moodle says the user exists but no user has its idnumber, username or email yet"));
	}

	/**
	 * The id of the first user found by the first of these (field, value) searches that
	 * finds one.
	 */
	private static MoodleResult<Optional<Long>> find(MoodleClient client, String[][] searches) {
		for (String[] search : searches) {
			MoodleResult<List<MoodleClient.User>> users = client.usersByField(search[0], search[1]);
			if (users instanceof MoodleResult.Failure<List<MoodleClient.User>> failure) {
				return failure.retype();
			}
			List<MoodleClient.User> found = ((MoodleResult.Success<List<MoodleClient.User>>) users).value();
			if (!found.isEmpty()) {
				return new MoodleResult.Success<>(Optional.of(found.get(0).id()));
			}
		}
		return new MoodleResult.Success<>(Optional.empty());
	}

	private static boolean alreadyExists(MoodleResult.Failure<?> failure) {
		String message = failure.message().toLowerCase(java.util.Locale.ROOT);
		return message.contains("already exists") || message.contains("already in use");
	}

	private JobOutcome unenrol(MoodleClient client, Job job) {
		Optional<MoodleRecords.Provisioned> provisioned = records.enrolment(job.tenantId(), job.entityId());
		if (provisioned.isEmpty()) {
			return new JobOutcome.Permanent("The enrolment was never provisioned in Moodle");
		}
		MoodleRecords.Provisioned enrolment = provisioned.get();
		MoodleResult<Boolean> result = client.unenrol(enrolment.moodleUserId(), enrolment.moodleCourseId());
		if (result instanceof MoodleResult.Failure<?> failure) {
			return outcome(failure);
		}
		records.provisioned(job.tenantId(), job.entityId(), enrolment.moodleUserId(), enrolment.moodleCourseId(),
				"UNENROLLED", clock.instant());
		return new JobOutcome.Succeeded(enrolment.moodleUserId() + "/" + enrolment.moodleCourseId());
	}

	private static JobOutcome outcome(MoodleResult.Failure<?> failure) {
		return failure.retryable() ? new JobOutcome.Retryable(failure.message(), null)
				: new JobOutcome.Permanent(failure.message());
	}

}
