package io.cohort.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Publishes, updates and deletes runs. An update lists the run's sessions on the gateway first and
 * matches them to the run's live sessions by date and start time: a match is updated, a session the
 * gateway lacks is added, a gateway session with no match (cancelled or moved here) is deleted. Sent
 * again after a lost answer, the same update finds everything matched and changes nothing more.
 */
@Component
class RunJobs {

	private final SyncJobRepository jobs;

	RunJobs(SyncJobRepository jobs) {
		this.jobs = jobs;
	}

	SyncOutcome publish(TpGatewayClient client, SyncJob job) {
		return JobOutcomes.of(client.publishRun(GatewayOutbox.JSON.readValue(job.payload(), RunPublication.class)));
	}

	SyncOutcome update(TpGatewayClient client, SyncJob job) {
		Optional<String> runId = JobOutcomes.reference(jobs, job, GatewayOutbox.PUBLISH_RUN);
		if (runId.isEmpty()) {
			return new SyncOutcome.Permanent("The run has no TPGateway id yet");
		}
		RunPublication run = GatewayOutbox.JSON.readValue(job.payload(), RunPublication.class);
		TpGatewayResult<List<GatewaySession>> listed = client.sessions(runId.get(), run.courseReferenceNumber());
		if (!(listed instanceof TpGatewayResult.Success<List<GatewaySession>> held)) {
			return JobOutcomes.of(listed);
		}
		List<GatewaySession> unmatched = new ArrayList<>(held.value());
		List<RunUpdate.SessionEdit> edits = new ArrayList<>();
		for (RunPublication.Session session : run.sessions()) {
			Optional<GatewaySession> match = unmatched.stream()
				.filter(s -> s.date().equals(session.startDate()) && s.startTime().equals(session.startTime()))
				.findFirst();
			match.ifPresent(unmatched::remove);
			edits.add(match.map(s -> RunUpdate.SessionEdit.update(s.id(), session))
				.orElseGet(() -> RunUpdate.SessionEdit.add(session)));
		}
		unmatched.forEach(s -> edits.add(RunUpdate.SessionEdit.delete(s.id())));
		return JobOutcomes.of(client.updateRun(new RunUpdate(runId.get(), run, edits)));
	}

	SyncOutcome delete(TpGatewayClient client, SyncJob job) {
		Optional<String> runId = JobOutcomes.reference(jobs, job, GatewayOutbox.PUBLISH_RUN);
		if (runId.isEmpty()) {
			return new SyncOutcome.Permanent("The run has no TPGateway id yet");
		}
		JsonNode payload = GatewayOutbox.JSON.readTree(job.payload());
		return JobOutcomes.of(client.deleteRun(runId.get(), payload.path("course_reference_number").asString()));
	}

}
