package io.cohort.gateway;

import io.cohort.gateway.client.EnrolmentSubmission;
import io.cohort.gateway.client.EnrolmentUpdate;
import io.cohort.gateway.client.GatewayEnrolment;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobOutcome;
import java.util.Optional;

import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.NationalId;
import org.springframework.stereotype.Component;

/**
 * Creates enrolments (searching first: TPGateway has no idempotency key, so an earlier
 * attempt whose answer was lost is adopted, not repeated), and updates, changes the fee
 * collection of and cancels them by the reference number their creation returned.
 * National ids are read at send time, audited.
 */
@Component
class EnrolmentJobs {

	private final LearnerManagement learners;

	EnrolmentJobs(LearnerManagement learners) {
		this.learners = learners;
	}

	JobOutcome create(TpGatewayClient client, String uen, Job job, BatchReads reads) {
		Optional<String> runId = reads.reference(job, SyncOperation.PUBLISH_RUN);
		if (runId.isEmpty()) {
			return new JobOutcome.Permanent("The run has no TPGateway id yet");
		}
		SyncPayload.EnrolmentCreation payload = GatewayOutbox.payload(job, SyncPayload.EnrolmentCreation.class);
		LearnerManagement.Submission trainee = reads.trainee(job, payload.learnerId());
		LearnerView learner = trainee.learner();
		if (learner.dateOfBirth() == null || learner.phone().isBlank()) {
			return new JobOutcome.Permanent("TPGateway needs the learner's date of birth, email and phone");
		}
		NationalId id = trainee.nationalId();
		TpGatewayResult<Optional<GatewayEnrolment>> found = client.findEnrolment(runId.get(), id.value());
		if (found instanceof TpGatewayResult.Success<Optional<GatewayEnrolment>> success
				&& success.value().isPresent()) {
			return new JobOutcome.Succeeded(success.value().get().referenceNumber());
		}
		if (!found.succeeded()) {
			return JobOutcomes.of(found);
		}
		EnrolmentSubmission submission = new EnrolmentSubmission(runId.get(), payload.courseReferenceNumber(),
				uen + "-01",
				new EnrolmentSubmission.Trainee(id.value(), id.type().name(), learner.fullName(), learner.dateOfBirth(),
						learner.email(), JobOutcomes.phone(learner.phone())),
				payload.enrolmentDate(), payload.sponsorshipType(), null, payload.discountAmount(),
				payload.feeCollectionStatus());
		return JobOutcomes.of(client.createEnrolment(submission));
	}

	/** Sends the trainee's current email and phone with the fees of the snapshot. */
	JobOutcome update(TpGatewayClient client, Job job, BatchReads reads) {
		return withReference(job, reads, (runId, reference) -> {
			SyncPayload.EnrolmentChange payload = GatewayOutbox.payload(job, SyncPayload.EnrolmentChange.class);
			LearnerView learner = CurrentActor.asSystem(job.tenantId(), () -> learners.get(payload.learnerId()));
			if (learner.phone().isBlank()) {
				return new JobOutcome.Permanent("TPGateway needs the learner's email and phone");
			}
			return JobOutcomes.of(client.updateEnrolment(reference, new EnrolmentUpdate(runId, learner.email(),
					JobOutcomes.phone(learner.phone()), payload.discountAmount(), payload.feeCollectionStatus())));
		});
	}

	JobOutcome updateFeeCollection(TpGatewayClient client, Job job, BatchReads reads) {
		return withReference(job, reads, (runId, reference) -> JobOutcomes.of(client.updateFeeCollection(reference,
				GatewayOutbox.payload(job, SyncPayload.FeeCollection.class).feeCollectionStatus())));
	}

	JobOutcome cancel(TpGatewayClient client, Job job, BatchReads reads) {
		return withReference(job, reads,
				(runId, reference) -> JobOutcomes.of(client.cancelEnrolment(reference, runId)));
	}

	private interface Call {

		JobOutcome send(String runId, String reference);

	}

	private JobOutcome withReference(Job job, BatchReads reads, Call call) {
		Optional<String> runId = reads.reference(job, SyncOperation.PUBLISH_RUN);
		Optional<String> reference = reads.reference(job, SyncOperation.CREATE_ENROLMENT);
		if (runId.isEmpty() || reference.isEmpty()) {
			return new JobOutcome.Permanent("The enrolment has no TPGateway reference number yet");
		}
		return call.send(runId.get(), reference.get());
	}

}
