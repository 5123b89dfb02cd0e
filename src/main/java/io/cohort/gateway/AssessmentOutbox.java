package io.cohort.gateway;

import java.math.RoundingMode;
import java.util.UUID;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentRecorded;
import io.cohort.assessment.AssessmentUpdated;
import io.cohort.assessment.AssessmentView;
import io.cohort.assessment.AssessmentVoided;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.scheduling.ClassRunManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A result recorded for an enrolment on its way to the gateway is created after the
 * enrolment; each new version becomes an update and a void a void, each after the
 * assessment's previous job. TPGateway records one result per trainee, run and skill: the
 * course module's code is sent as the skill code, and the score as a whole number
 * (TPGateway takes up to three digits).
 */
@Component
class AssessmentOutbox {

	static final String ENTITY = SyncOperation.Record.ASSESSMENT.entityType;

	private final GatewayOutbox outbox;

	private final AssessmentManagement assessments;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	AssessmentOutbox(GatewayOutbox outbox, AssessmentManagement assessments, ClassRunManagement runs,
			CourseManagement courses) {
		this.outbox = outbox;
		this.assessments = assessments;
		this.runs = runs;
		this.courses = courses;
	}

	@EventListener
	void on(AssessmentRecorded event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		outbox.byKey(event.tenantId(), GatewayOutbox.enrolmentKey(event.enrolmentId()))
			.ifPresent(enrolmentJob -> outbox.enqueue(event.tenantId(), SyncOperation.CREATE_ASSESSMENT,
					event.assessmentId(), null, snapshot(event.assessmentId()), enrolmentJob.id(), event.classRunId()));
	}

	@EventListener
	void on(AssessmentUpdated event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		follow(event.tenantId(), event.assessmentId(), event.classRunId(), SyncOperation.UPDATE_ASSESSMENT,
				event.version(), snapshot(event.assessmentId()));
	}

	@EventListener
	void on(AssessmentVoided event) {
		if (!outbox.enabled(event.tenantId())) {
			return;
		}
		follow(event.tenantId(), event.assessmentId(), event.classRunId(), SyncOperation.VOID_ASSESSMENT, null,
				new SyncPayload.AssessmentVoid(event.assessmentId(), event.reason()));
	}

	private void follow(UUID tenant, UUID assessmentId, UUID runId, SyncOperation operation, @Nullable Object nth,
			Object payload) {
		outbox.history(tenant, ENTITY, assessmentId)
			.latest()
			.ifPresent(latest -> outbox.enqueue(tenant, operation, assessmentId, nth, payload, latest.id(), runId));
	}

	private SyncPayload.AssessmentResult snapshot(UUID assessmentId) {
		AssessmentView assessment = assessments.get(assessmentId).assessment();
		CourseView course = courses.get(runs.get(assessment.classRunId()).courseId());
		String skillCode = course.modules()
			.stream()
			.filter(m -> m.id().equals(assessment.moduleId()))
			.map(CourseView.ModuleView::code)
			.findFirst()
			.orElse("");
		return new SyncPayload.AssessmentResult(assessment.id(), assessment.learnerId(),
				String.valueOf(course.ssgCourseRef()), skillCode, assessment.gatewayResult(),
				assessment.score() == null ? null
						: assessment.score().setScale(0, RoundingMode.HALF_UP).intValueExact(),
				assessment.grade(), assessment.assessedOn(), assessment.version());
	}

}
