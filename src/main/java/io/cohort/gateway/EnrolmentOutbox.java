package io.cohort.gateway;

import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentConfirmed;
import io.cohort.enrolment.EnrolmentFeesUpdated;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.EnrolmentWithdrawn;
import io.cohort.learners.LearnerUpdated;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A confirmed enrolment is created after its run's publication; once it has been sent, a
 * change of the discount or of the learner's contact details becomes an update, a change
 * of fee collection its own call, and a withdrawal a cancellation, each after the
 * enrolment's previous job. An enrolment ended by its run's cancellation needs no job:
 * deleting the run cancels its enrolments on the gateway.
 */
@Component
class EnrolmentOutbox {

	static final String ENTITY = SyncOperation.Record.ENROLMENT.entityType;

	private final GatewayOutbox outbox;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final EnrolmentManagement enrolments;

	EnrolmentOutbox(GatewayOutbox outbox, ClassRunManagement runs, CourseManagement courses,
			EnrolmentManagement enrolments) {
		this.outbox = outbox;
		this.runs = runs;
		this.courses = courses;
		this.enrolments = enrolments;
	}

	@EventListener
	void on(EnrolmentConfirmed event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		outbox.publication(event.tenantId(), event.classRunId()).ifPresent(runJob -> {
			EnrolmentView enrolment = enrolments.get(event.enrolmentId());
			ClassRunView run = runs.get(event.classRunId());
			SyncPayload.EnrolmentCreation payload = new SyncPayload.EnrolmentCreation(enrolment.id(),
					enrolment.learnerId(), String.valueOf(courses.get(run.courseId()).ssgCourseRef()),
					runs.today(event.tenantId()), enrolment.sponsorshipType().name(), enrolment.discountAmount(),
					enrolment.feeCollectionStatus().gatewayName());
			outbox.enqueue(event.tenantId(), SyncOperation.CREATE_ENROLMENT, enrolment.id(), null, payload, runJob.id(),
					event.classRunId());
		});
	}

	@EventListener
	void on(EnrolmentFeesUpdated event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		if (event.collectionStatusChanged()) {
			follow(event.tenantId(), event.enrolmentId(), event.classRunId(), SyncOperation.UPDATE_FEE_COLLECTION,
					new SyncPayload.FeeCollection(event.enrolmentId(), event.collectionStatus().gatewayName()));
		}
		if (event.discountChanged()) {
			update(event.tenantId(), enrolments.get(event.enrolmentId()));
		}
	}

	/** TPGateway keeps the trainee's email and phone with each enrolment. */
	@EventListener
	void on(LearnerUpdated event) {
		if (!event.contactChanged() || !outbox.enabled(event.tenantId())) {
			return;
		}
		for (EnrolmentView enrolment : enrolments.ofLearner(event.learnerId())) {
			if (enrolment.status() == EnrolmentStatus.CONFIRMED || enrolment.status() == EnrolmentStatus.COMPLETED) {
				update(event.tenantId(), enrolment);
			}
		}
	}

	@EventListener
	void on(EnrolmentWithdrawn event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		follow(event.tenantId(), event.enrolmentId(), event.classRunId(), SyncOperation.CANCEL_ENROLMENT,
				new SyncPayload.EnrolmentCancellation(event.enrolmentId()));
	}

	private void update(UUID tenant, EnrolmentView enrolment) {
		follow(tenant, enrolment.id(), enrolment.classRunId(), SyncOperation.UPDATE_ENROLMENT,
				new SyncPayload.EnrolmentChange(enrolment.id(), enrolment.learnerId(), enrolment.discountAmount(),
						enrolment.feeCollectionStatus().gatewayName()));
	}

	/**
	 * A change of an enrolment already on its way to the gateway, after the enrolment's
	 * previous job.
	 */
	private void follow(UUID tenant, UUID enrolmentId, UUID runId, SyncOperation operation, Object payload) {
		GatewayOutbox.History history = outbox.history(tenant, ENTITY, enrolmentId);
		history.latest()
			.ifPresent(latest -> outbox.enqueue(tenant, operation, enrolmentId, history.count(), payload, latest.id(),
					runId));
	}

}
