package io.cohort.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * A confirmed enrolment is created after its run's publication; once it has been sent, a change of the
 * discount or of the learner's contact details becomes an update, a change of fee collection its own
 * call, and a withdrawal a cancellation, each after the enrolment's previous job. An enrolment ended by
 * its run's cancellation needs no job: deleting the run cancels its enrolments on the gateway.
 */
@Component
class EnrolmentOutbox {

	static final String ENTITY = "enrolment";

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
		outbox.byKey(event.tenantId(), GatewayOutbox.runKey(event.classRunId())).ifPresent(runJob -> {
			EnrolmentView enrolment = enrolments.get(event.enrolmentId());
			ClassRunView run = runs.get(event.classRunId());
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("enrolment_id", enrolment.id().toString());
			payload.put("learner_id", enrolment.learnerId().toString());
			payload.put("course_reference_number", String.valueOf(courses.get(run.courseId()).ssgCourseRef()));
			payload.put("enrolment_date", runs.today(event.tenantId()).toString());
			payload.put("sponsorship_type", enrolment.sponsorshipType().name());
			payload.put("discount_amount", enrolment.discountAmount());
			payload.put("fee_collection_status", enrolment.feeCollectionStatus().gatewayName());
			outbox.enqueue(event.tenantId(), GatewayOutbox.CREATE_ENROLMENT, ENTITY, enrolment.id(),
					GatewayOutbox.enrolmentKey(enrolment.id()), payload, runJob.id(), event.classRunId());
		});
	}

	@EventListener
	void on(EnrolmentFeesUpdated event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		if (event.collectionStatusChanged()) {
			follow(event.tenantId(), event.enrolmentId(), event.classRunId(), GatewayOutbox.UPDATE_FEE_COLLECTION, "fees",
					Map.of("enrolment_id", event.enrolmentId().toString(), "fee_collection_status",
							event.collectionStatus().gatewayName()));
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
		for (EnrolmentView enrolment : enrolments.search(null, event.learnerId(), null, 0, 500).items()) {
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
		follow(event.tenantId(), event.enrolmentId(), event.classRunId(), GatewayOutbox.CANCEL_ENROLMENT, "cancel",
				Map.of("enrolment_id", event.enrolmentId().toString()));
	}

	private void update(UUID tenant, EnrolmentView enrolment) {
		follow(tenant, enrolment.id(), enrolment.classRunId(), GatewayOutbox.UPDATE_ENROLMENT, "update",
				Map.of("enrolment_id", enrolment.id().toString(), "learner_id", enrolment.learnerId().toString(),
						"discount_amount", enrolment.discountAmount(), "fee_collection_status",
						enrolment.feeCollectionStatus().gatewayName()));
	}

	/** A change of an enrolment already on its way to the gateway, after the enrolment's previous job. */
	private void follow(UUID tenant, UUID enrolmentId, UUID runId, String operation, String change,
			Map<String, Object> payload) {
		GatewayOutbox.History history = outbox.history(tenant, ENTITY, enrolmentId);
		history.latest().ifPresent(latest -> outbox.enqueue(tenant, operation, ENTITY, enrolmentId,
				"enrolment:" + enrolmentId + ":" + change + ":" + history.count(), payload, latest.id(), runId));
	}

}
