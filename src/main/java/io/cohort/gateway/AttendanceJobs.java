package io.cohort.gateway;

import io.cohort.gateway.client.AttendanceUpload;
import io.cohort.gateway.client.GatewaySession;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobOutcome;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.NationalId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Uploads one trainee's attendance of one session against the session id the gateway gave
 * it, with the status the job carries (1 Confirmed, or 4 TP Voided for a correction to
 * absent). Uploading the same record again replaces it on the gateway, so a retry after a
 * lost answer does no harm.
 * <p>
 * A run's session list is fetched once and kept for the uploads that follow (a session
 * sheet makes one upload per learner), and fetched again when the session is not in it. A
 * session changed on the gateway meanwhile (by another instance, say) never makes a wrong
 * upload: an upload refused against a kept list is sent once more against a fresh one,
 * and a failure of any other kind drops the list.
 */
@Component
class AttendanceJobs {

	/** How many runs' session lists are kept. */
	private static final int SESSION_LISTS = 500;

	private final JobQueue jobs;

	private final Map<String, List<GatewaySession>> sessionLists = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, List<GatewaySession>> eldest) {
				return size() > SESSION_LISTS;
			}
		});

	AttendanceJobs(JobQueue jobs) {
		this.jobs = jobs;
	}

	JobOutcome upload(TpGatewayClient client, Job job, BatchReads reads) {
		Optional<String> runId = reads.reference(job, SyncOperation.PUBLISH_RUN);
		if (runId.isEmpty()) {
			return new JobOutcome.Permanent("The run has no TPGateway id yet");
		}
		SyncPayload.AttendanceMark payload = GatewayOutbox.payload(job, SyncPayload.AttendanceMark.class);
		String crn = payload.courseReferenceNumber();
		LocalDate date = payload.sessionDate();
		LocalTime start = payload.startTime();
		String listKey = job.tenantId() + "/" + runId.get();
		Optional<GatewaySession> session = find(sessionLists.get(listKey), date, start);
		boolean kept = session.isPresent();
		if (!kept) {
			TpGatewayResult<List<GatewaySession>> sessions = client.sessions(runId.get(), crn);
			if (!(sessions instanceof TpGatewayResult.Success<List<GatewaySession>> listed)) {
				return JobOutcomes.of(sessions);
			}
			sessionLists.put(listKey, listed.value());
			session = find(listed.value(), date, start);
		}
		if (session.isEmpty() && runChangePending(job.tenantId(), payload)) {
			return new JobOutcome.Retryable("The run's sessions are still on their way to TPGateway", null);
		}
		if (session.isEmpty()) {
			return new JobOutcome.Permanent("TPGateway has no session of run " + runId.get() + " on " + date + " at "
					+ start + "; publish the run's sessions first");
		}
		String sessionId = session.get().id();
		LearnerManagement.Submission trainee = reads.trainee(job, payload.learnerId());
		LearnerView learner = trainee.learner();
		NationalId id = trainee.nationalId();
		JobOutcome outcome = JobOutcomes.of(client.uploadAttendance(new AttendanceUpload(runId.get(), crn, sessionId,
				payload.status(), id.value(), id.type().name(), learner.fullName(), learner.email(),
				learner.phone().isBlank() ? null : JobOutcomes.phone(learner.phone()).phoneNumber(), payload.hours(),
				"EL", null)));
		if (kept && !(outcome instanceof JobOutcome.Succeeded)) {
			sessionLists.remove(listKey);
			if (outcome instanceof JobOutcome.Permanent) {
				return upload(client, job, reads); // once more, now against a fresh list:
													// refused again, it is the gateway's
													// word
			}
		}
		return outcome;
	}

	private static Optional<GatewaySession> find(@Nullable List<GatewaySession> sessions, LocalDate date,
			LocalTime start) {
		return sessions == null ? Optional.empty()
				: sessions.stream().filter(s -> s.date().equals(date) && s.startTime().equals(start)).findFirst();
	}

	/**
	 * Whether a change of the run (a session added after its publication, say) has yet to
	 * reach the gateway.
	 */
	private boolean runChangePending(UUID tenant, SyncPayload.AttendanceMark payload) {
		if (payload.classRunId() == null) {
			return false;
		}
		return jobs.ofEntity(tenant, RunOutbox.ENTITY, payload.classRunId())
			.stream()
			.anyMatch(j -> j.status() == JobStatus.PENDING || j.status() == JobStatus.RUNNING
					|| j.status() == JobStatus.RETRYING);
	}

}
