package io.cohort.gateway;

import io.cohort.gateway.client.GatewayRun;
import io.cohort.gateway.client.GatewaySession;
import io.cohort.gateway.client.RunPublication;
import io.cohort.gateway.client.RunUpdate;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Publishes (searching first), updates and deletes runs. An update lists the run's
 * sessions on the gateway first and matches them to the run's live sessions by date and
 * start time: a match is updated, a session the gateway lacks is added, a gateway session
 * with no match (cancelled or moved here) is deleted. Sent again after a lost answer, the
 * same update finds everything matched and changes nothing more.
 */
@Component
class RunJobs {

	/**
	 * Publishes the run unless the gateway already holds it: TPGateway takes no
	 * idempotency key, so an attempt whose answer was lost would otherwise publish the
	 * run a second time. The course's runs are listed first; one that no other run of the
	 * tenant holds, with the same dates, the same details where the list shows them, and
	 * the same sessions, is this run and is adopted. Several such runs are left to an
	 * operator rather than guessed between.
	 */
	JobOutcome publish(TpGatewayClient client, Job job, BatchReads reads) {
		RunPublication run = GatewayOutbox.payload(job, RunPublication.class);
		TpGatewayResult<List<GatewayRun>> listed = client.courseRuns(run.courseReferenceNumber());
		if (!(listed instanceof TpGatewayResult.Success<List<GatewayRun>> held)) {
			return JobOutcomes.of(listed);
		}
		Set<String> others = reads.publishedRunIds(job.tenantId(), job.entityId());
		List<String> matches = new ArrayList<>();
		for (GatewayRun candidate : held.value()) {
			if (others.contains(candidate.id()) || !sameDetails(candidate, run)) {
				continue;
			}
			TpGatewayResult<List<GatewaySession>> sessions = client.sessions(candidate.id(),
					run.courseReferenceNumber());
			if (!(sessions instanceof TpGatewayResult.Success<List<GatewaySession>> found)) {
				return JobOutcomes.of(sessions);
			}
			if (sameSessions(found.value(), run.sessions())) {
				matches.add(candidate.id());
			}
		}
		if (matches.size() > 1) {
			return new JobOutcome.Permanent("TPGateway already holds " + matches.size()
					+ " runs that look like this one (" + String.join(", ", matches) + "); none was adopted");
		}
		if (matches.size() == 1) {
			return new JobOutcome.Succeeded(matches.get(0));
		}
		return JobOutcomes.of(client.publishRun(run));
	}

	private static boolean sameDetails(GatewayRun held, RunPublication run) {
		return held.courseStart().equals(run.startDate()) && held.courseEnd().equals(run.endDate())
				&& (held.registrationOpens() == null || held.registrationOpens().equals(run.registrationOpens()))
				&& (held.registrationCloses() == null || held.registrationCloses().equals(run.registrationCloses()))
				&& (held.modeOfTraining() == null || held.modeOfTraining().equals(run.modeOfTraining()))
				&& (held.courseAdminEmail() == null || held.courseAdminEmail().equalsIgnoreCase(run.courseAdminEmail()))
				&& (held.intakeSize() == null || held.intakeSize() == run.intakeSize())
				&& (held.venuePostalCode() == null || held.venuePostalCode().equals(run.venue().postalCode()));
	}

	private static boolean sameSessions(List<GatewaySession> held, List<RunPublication.Session> sessions) {
		List<String> gateway = held.stream()
			.map(s -> s.date() + " " + s.startTime() + "-" + s.endTime())
			.sorted()
			.toList();
		List<String> ours = sessions.stream()
			.map(s -> s.startDate() + " " + s.startTime() + "-" + s.endTime())
			.sorted()
			.toList();
		return gateway.equals(ours);
	}

	JobOutcome update(TpGatewayClient client, Job job, BatchReads reads) {
		Optional<String> runId = reads.reference(job, SyncOperation.PUBLISH_RUN);
		if (runId.isEmpty()) {
			return new JobOutcome.Permanent("The run has no TPGateway id yet");
		}
		RunPublication run = GatewayOutbox.payload(job, RunPublication.class);
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

	JobOutcome delete(TpGatewayClient client, Job job, BatchReads reads) {
		Optional<String> runId = reads.reference(job, SyncOperation.PUBLISH_RUN);
		if (runId.isEmpty()) {
			return new JobOutcome.Permanent("The run has no TPGateway id yet");
		}
		return JobOutcomes.of(client.deleteRun(runId.get(),
				GatewayOutbox.payload(job, SyncPayload.RunDeletion.class).courseReferenceNumber()));
	}

}
