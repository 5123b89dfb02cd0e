package io.cohort.gateway;

import io.cohort.gateway.client.RunPublication;
import io.cohort.jobs.Job;
import java.util.List;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.scheduling.ClassRunCancelled;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunScheduled;
import io.cohort.scheduling.ClassRunUpdated;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A run is published once it is open for enrolment; every later change of its details or
 * sessions becomes an update (unless the run would look the same on the gateway), and its
 * cancellation a delete.
 */
@Component
class RunOutbox {

	static final String ENTITY = SyncOperation.Record.RUN.entityType;

	private final GatewayOutbox outbox;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final CourseRegistry registry;

	RunOutbox(GatewayOutbox outbox, ClassRunManagement runs, CourseManagement courses, CourseRegistry registry) {
		this.outbox = outbox;
		this.runs = runs;
		this.courses = courses;
		this.registry = registry;
	}

	@EventListener
	void on(ClassRunScheduled event) {
		changed(event.tenantId(), event.runId());
	}

	@EventListener
	void on(ClassRunUpdated event) {
		changed(event.tenantId(), event.runId());
	}

	/**
	 * A cancelled run's jobs that need not or cannot be sent any more are cancelled (a
	 * publication never attempted, changes not yet sent, and its records' jobs its
	 * deletion makes moot); a run that may be on the gateway is then deleted there after
	 * whatever was sent before.
	 */
	@EventListener
	void on(ClassRunCancelled event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		outbox.runCancelled(event.tenantId(), event.runId(), event.reason());
		GatewayOutbox.History history = outbox.history(event.tenantId(), ENTITY, event.runId());
		if (history.publication().isEmpty()) {
			return;
		}
		String crn = courses.get(runs.get(event.runId()).courseId()).ssgCourseRef();
		outbox.enqueue(event.tenantId(), SyncOperation.DELETE_RUN, event.runId(), null,
				new SyncPayload.RunDeletion(crn == null ? "" : crn, event.reason()),
				history.latest().orElseThrow().id(), event.runId());
	}

	private void changed(UUID tenant, UUID runId) {
		if (!outbox.enabled(tenant)) {
			return;
		}
		ClassRunManagement.RunDetail detail = runs.detail(runId);
		ClassRunView run = detail.run();
		if (run.status() != RunStatus.PUBLISHED && run.status() != RunStatus.ONGOING) {
			return;
		}
		CourseView course = courses.get(run.courseId());
		GatewayReadiness.check(run, course);
		RunPublication publication = publication(detail, course);
		GatewayOutbox.History history = outbox.history(tenant, ENTITY, runId);
		if (history.isEmpty() || history.publication().isEmpty()) {
			registry.requirePublishable(tenant, course);
		}
		if (history.isEmpty()) {
			outbox.enqueue(tenant, SyncOperation.PUBLISH_RUN, runId, null, publication, null, runId);
			return;
		}
		if (history.publication().isEmpty()) {
			// its publication was cancelled (an operator gave up on it): the changed run
			// is published afresh
			outbox.enqueue(tenant, SyncOperation.PUBLISH_RUN, runId, history.count(), publication, null, runId);
			return;
		}
		Job latest = history.latest().orElseThrow();
		if (latest.payload().equals(GatewayOutbox.JSON.writeValueAsString(publication))) {
			return;
		}
		outbox.enqueue(tenant, SyncOperation.UPDATE_RUN, runId, history.count(), publication, latest.id(), runId);
	}

	/**
	 * The run as TPGateway should hold it: its details and the sessions that were not
	 * cancelled.
	 */
	private static RunPublication publication(ClassRunManagement.RunDetail detail, CourseView course) {
		ClassRunView run = detail.run();
		RunPublication.Venue venue = new RunPublication.Venue(null, run.venue(), null, null, null,
				run.venuePostalCode() == null ? "" : run.venuePostalCode(), null);
		List<RunPublication.Session> sessions = detail.sessions()
			.stream()
			.filter(s -> !s.cancelled())
			.map(s -> session(s, run.venuePostalCode()))
			.toList();
		return new RunPublication(course.ssgCourseRef() == null ? "" : course.ssgCourseRef(), 1,
				run.registrationOpens(), run.registrationCloses(), run.startDate(), run.endDate(), run.capacity(),
				run.modeOfTraining(), run.courseAdminEmail() == null ? "" : run.courseAdminEmail(),
				run.seatsLeft() == 0 ? "F" : "A", venue, sessions);
	}

	private static RunPublication.Session session(SessionView session, @Nullable String postalCode) {
		RunPublication.Venue venue = new RunPublication.Venue(null, session.venue(), null, null, null,
				postalCode == null ? "" : postalCode, null);
		return new RunPublication.Session(session.date(), session.date(), session.startTime(), session.endTime(),
				session.modeOfTraining(), venue);
	}

}
