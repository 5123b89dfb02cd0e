package io.cohort.gateway;

import io.cohort.jobs.Job;
import java.util.Optional;

import io.cohort.attendance.AttendanceMarked;
import io.cohort.catalog.CourseManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.SessionView;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Attendance is uploaded one trainee per call (TPGateway takes no more). A learner marked
 * present (or late) is uploaded as status 1 Confirmed once their enrolment is on the
 * gateway; a correction to absent (or excused) of a record already uploaded sends the
 * record again as 4 TP Voided, and a correction back to attended confirms it again. Each
 * upload of a record waits for its previous one, so the gateway ends with the latest
 * mark; a correction that leaves the gateway's view as it is (present to late) sends
 * nothing. An upload also needs its session on the gateway: one added after the run's
 * publication arrives with the run's update, and the upload is retried until then.
 */
@Component
class AttendanceOutbox {

	static final String ENTITY = SyncOperation.Record.ATTENDANCE.entityType;

	static final String CONFIRMED = "1";

	static final String TP_VOIDED = "4";

	private final GatewayOutbox outbox;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	AttendanceOutbox(GatewayOutbox outbox, ClassRunManagement runs, CourseManagement courses) {
		this.outbox = outbox;
		this.runs = runs;
		this.courses = courses;
	}

	@EventListener
	void on(AttendanceMarked event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		SessionView session = runs.session(event.sessionId());
		String crn = courses.get(runs.get(event.classRunId()).courseId()).ssgCourseRef();
		for (AttendanceMarked.Mark mark : event.marks()) {
			GatewayOutbox.History history = outbox.history(event.tenantId(), ENTITY, mark.attendanceId());
			String uploaded = history.latest().map(AttendanceOutbox::statusCode).orElse(TP_VOIDED);
			String wanted = mark.status().attended() ? CONFIRMED : TP_VOIDED;
			if (wanted.equals(uploaded)) {
				continue;
			}
			Optional<Job> after = history.latest()
				.or(() -> outbox.byKey(event.tenantId(), GatewayOutbox.enrolmentKey(mark.enrolmentId())));
			after.ifPresent(previous -> {
				SyncPayload.AttendanceMark payload = new SyncPayload.AttendanceMark(mark.attendanceId(),
						mark.learnerId(), event.classRunId(), String.valueOf(crn), session.date(), session.startTime(),
						session.hours(), wanted);
				outbox.enqueue(event.tenantId(), SyncOperation.UPLOAD_ATTENDANCE, mark.attendanceId(),
						history.isEmpty() ? null : history.count(), payload, previous.id(), event.classRunId());
			});
		}
	}

	/**
	 * The status an upload job sends; jobs written before corrections existed only
	 * confirmed.
	 */
	static String statusCode(Job job) {
		return GatewayOutbox.payload(job, SyncPayload.AttendanceMark.class).status();
	}

}
