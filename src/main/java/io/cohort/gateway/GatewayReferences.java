package io.cohort.gateway;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.jobs.Job;
import io.cohort.scheduling.ClassRunManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes what TPGateway named a record onto the record itself once its creation
 * succeeded: the run's {@code ssg_run_id}, an assessment's {@code ssg_reference}, in the
 * transaction that records the job's success. (An enrolment's reference stays with its
 * job: the sync state shows it.)
 */
@Component
class GatewayReferences {

	private final ClassRunManagement runs;

	private final AssessmentManagement assessments;

	GatewayReferences(ClassRunManagement runs, AssessmentManagement assessments) {
		this.runs = runs;
		this.assessments = assessments;
	}

	void succeeded(Job job, @Nullable String reference) {
		SyncOperation operation = SyncOperation.find(job.operation()).orElse(null);
		if (reference == null || operation == null) {
			return;
		}
		switch (operation) {
			case PUBLISH_RUN -> runs.recordSsgRunId(job.tenantId(), job.entityId(), reference);
			case CREATE_ASSESSMENT -> assessments.recordSsgReference(job.tenantId(), job.entityId(), reference);
			default -> {
				// the other operations name no new record
			}
		}
	}

}
