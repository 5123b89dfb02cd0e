package io.cohort.gateway;

import io.cohort.gateway.client.AssessmentSubmission;
import io.cohort.gateway.client.GatewayAssessment;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobOutcome;
import java.util.Optional;

import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.IdType;
import io.cohort.shared.NationalId;
import org.springframework.stereotype.Component;

/**
 * Creates assessments (searching first, by run, trainee and skill, and adopting a live
 * one an earlier attempt created), and updates and voids them by the reference number
 * their creation returned.
 */
@Component
class AssessmentJobs {

	private final LearnerManagement learners;

	AssessmentJobs(LearnerManagement learners) {
		this.learners = learners;
	}

	JobOutcome create(TpGatewayClient client, String uen, Job job, BatchReads reads) {
		Optional<String> runId = reads.reference(job, SyncOperation.PUBLISH_RUN);
		if (runId.isEmpty()) {
			return new JobOutcome.Permanent("The run has no TPGateway id yet");
		}
		SyncPayload.AssessmentResult payload = GatewayOutbox.payload(job, SyncPayload.AssessmentResult.class);
		LearnerManagement.Submission trainee = reads.trainee(job, payload.learnerId());
		NationalId id = trainee.nationalId();
		AssessmentSubmission submission = submission(runId.get(), uen, payload, id, trainee.learner());
		TpGatewayResult<Optional<GatewayAssessment>> found = client.findAssessment(runId.get(), id.value(),
				submission.skillCode());
		if (found instanceof TpGatewayResult.Success<Optional<GatewayAssessment>> success
				&& success.value().isPresent()) {
			return new JobOutcome.Succeeded(success.value().get().referenceNumber());
		}
		if (!found.succeeded()) {
			return JobOutcomes.of(found);
		}
		return JobOutcomes.of(client.createAssessment(submission));
	}

	JobOutcome update(TpGatewayClient client, String uen, Job job, BatchReads reads) {
		Optional<String> runId = reads.reference(job, SyncOperation.PUBLISH_RUN);
		Optional<String> reference = reads.reference(job, SyncOperation.CREATE_ASSESSMENT);
		if (runId.isEmpty() || reference.isEmpty()) {
			return new JobOutcome.Permanent("The assessment has no TPGateway reference number yet");
		}
		SyncPayload.AssessmentResult payload = GatewayOutbox.payload(job, SyncPayload.AssessmentResult.class);
		LearnerView learner = CurrentActor.asSystem(job.tenantId(), () -> learners.get(payload.learnerId()));
		// the update body carries no trainee id: none is read
		return JobOutcomes
			.of(client.updateAssessment(reference.get(), submission(runId.get(), uen, payload, null, learner)));
	}

	JobOutcome voidIt(TpGatewayClient client, Job job, BatchReads reads) {
		Optional<String> reference = reads.reference(job, SyncOperation.CREATE_ASSESSMENT);
		if (reference.isEmpty()) {
			return new JobOutcome.Permanent("The assessment has no TPGateway reference number yet");
		}
		return JobOutcomes.of(client.voidAssessment(reference.get()));
	}

	private static AssessmentSubmission submission(String runId, String uen, SyncPayload.AssessmentResult payload,
			@org.jspecify.annotations.Nullable NationalId id, LearnerView learner) {
		return new AssessmentSubmission(runId, payload.courseReferenceNumber(), uen + "-01",
				id == null ? "" : id.value(), id == null ? "" : idType(id.type()), learner.fullName(),
				payload.skillCode(), payload.result(), payload.score(), payload.grade(), payload.assessmentDate());
	}

	/**
	 * The assessment API's own id types: NRIC for citizens and permanent residents, FIN,
	 * else OTHERS.
	 */
	private static String idType(IdType type) {
		return switch (type) {
			case SP, SB -> "NRIC";
			case SO -> "FIN";
			default -> "OTHERS";
		};
	}

}
