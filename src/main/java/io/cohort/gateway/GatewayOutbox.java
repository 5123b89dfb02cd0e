package io.cohort.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.attendance.AttendanceMarked;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.enrolment.EnrolmentConfirmed;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunScheduled;
import io.cohort.scheduling.ClassRunUpdated;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes TPGateway jobs in the transaction of the change that causes them, for tenants that have the
 * gateway switched on: a run is published once it is open for enrolment; a confirmed enrolment is
 * created after its run (its job waits for the run's); attendance is uploaded after its enrolment. Payloads are snapshots without national ids:
 * the worker reads those, audited, when it sends.
 */
@Component
class GatewayOutbox {

	static final String TARGET = "TPGATEWAY";

	static final String PUBLISH_RUN = "PUBLISH_RUN";

	static final String CREATE_ENROLMENT = "CREATE_ENROLMENT";

	static final String UPLOAD_ATTENDANCE = "UPLOAD_ATTENDANCE";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GatewaySettingsManagement settings;

	private final SyncJobQueue queue;

	private final SyncJobRepository jobs;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final EnrolmentManagement enrolments;

	GatewayOutbox(GatewaySettingsManagement settings, SyncJobQueue queue, SyncJobRepository jobs,
			ClassRunManagement runs, CourseManagement courses, EnrolmentManagement enrolments) {
		this.settings = settings;
		this.queue = queue;
		this.jobs = jobs;
		this.runs = runs;
		this.courses = courses;
		this.enrolments = enrolments;
	}

	static String runKey(UUID runId) {
		return "run:" + runId + ":publish";
	}

	@EventListener
	void on(ClassRunScheduled event) {
		publishWhenOpen(event.tenantId(), event.runId());
	}

	@EventListener
	void on(ClassRunUpdated event) {
		publishWhenOpen(event.tenantId(), event.runId());
	}

	@EventListener
	void on(EnrolmentConfirmed event) {
		if (!settings.enabled(event.tenantId())) {
			return;
		}
		jobs.findByKey(event.tenantId(), runKey(event.classRunId())).ifPresent(runJob -> {
			EnrolmentView enrolment = enrolments.get(event.enrolmentId());
			ClassRunView run = runs.get(event.classRunId());
			CourseView course = courses.get(run.courseId());
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("enrolment_id", enrolment.id().toString());
			payload.put("learner_id", enrolment.learnerId().toString());
			payload.put("course_reference_number", String.valueOf(course.ssgCourseRef()));
			payload.put("enrolment_date", runs.today(event.tenantId()).toString());
			payload.put("sponsorship_type", enrolment.sponsorshipType().name());
			payload.put("discount_amount", enrolment.discountAmount());
			payload.put("fee_collection_status", enrolment.feeCollectionStatus().gatewayName());
			queue.enqueue(new SyncJobQueue.NewJob(event.tenantId(), TARGET, CREATE_ENROLMENT, "enrolment",
					enrolment.id(), enrolmentKey(enrolment.id()), JSON.writeValueAsString(payload),
					runJob.id(), event.classRunId()));
		});
	}

	/** Each learner marked present (or late) becomes one upload: TPGateway takes one trainee per call. */
	@EventListener
	void on(AttendanceMarked event) {
		if (!settings.enabled(event.tenantId())) {
			return;
		}
		SessionView session = runs.session(event.sessionId());
		String crn = courses.get(runs.get(event.classRunId()).courseId()).ssgCourseRef();
		for (AttendanceMarked.Mark mark : event.marks()) {
			if (!mark.status().attended()) {
				continue;
			}
			jobs.findByKey(event.tenantId(), enrolmentKey(mark.enrolmentId())).ifPresent(enrolmentJob -> {
				Map<String, Object> payload = new LinkedHashMap<>();
				payload.put("attendance_id", mark.attendanceId().toString());
				payload.put("learner_id", mark.learnerId().toString());
				payload.put("course_reference_number", String.valueOf(crn));
				payload.put("session_date", session.date().toString());
				payload.put("start_time", session.startTime().toString());
				payload.put("hours", session.hours());
				queue.enqueue(new SyncJobQueue.NewJob(event.tenantId(), TARGET, UPLOAD_ATTENDANCE, "attendance",
						mark.attendanceId(), "attendance:" + mark.attendanceId() + ":upload",
						JSON.writeValueAsString(payload), enrolmentJob.id(), event.classRunId()));
			});
		}
	}

	static String enrolmentKey(UUID enrolmentId) {
		return "enrolment:" + enrolmentId + ":create";
	}

	private void publishWhenOpen(UUID tenant, UUID runId) {
		if (!settings.enabled(tenant)) {
			return;
		}
		ClassRunManagement.RunDetail detail = runs.detail(runId);
		ClassRunView run = detail.run();
		if (run.status() != RunStatus.PUBLISHED && run.status() != RunStatus.ONGOING) {
			return;
		}
		CourseView course = courses.get(run.courseId());
		RunPublication.Venue venue = new RunPublication.Venue(null, run.venue(), null, null, null,
				run.venuePostalCode() == null ? "" : run.venuePostalCode(), null);
		List<RunPublication.Session> sessions = detail.sessions()
			.stream()
			.filter(s -> !s.cancelled())
			.map(s -> session(s, run.venuePostalCode()))
			.toList();
		RunPublication publication = new RunPublication(course.ssgCourseRef() == null ? "" : course.ssgCourseRef(), 1,
				run.registrationOpens(), run.registrationCloses(), run.startDate(), run.endDate(), run.capacity(),
				run.modeOfTraining(), run.courseAdminEmail() == null ? "" : run.courseAdminEmail(),
				run.seatsLeft() == 0 ? "F" : "A", venue, sessions);
		queue.enqueue(new SyncJobQueue.NewJob(tenant, TARGET, PUBLISH_RUN, "class_run", runId, runKey(runId),
				JSON.writeValueAsString(publication), null, runId));
	}

	private static RunPublication.Session session(SessionView session, @org.jspecify.annotations.Nullable String postalCode) {
		RunPublication.Venue venue = new RunPublication.Venue(null, session.venue(), null, null, null,
				postalCode == null ? "" : postalCode, null);
		return new RunPublication.Session(session.date(), session.date(), session.startTime(), session.endTime(),
				session.modeOfTraining(), venue);
	}

}
