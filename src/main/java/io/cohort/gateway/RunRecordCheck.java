package io.cohort.gateway;

import io.cohort.gateway.client.RemoteRun;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.cohort.scheduling.RunStatus;
import org.springframework.stereotype.Component;

/**
 * The run itself: a run live here must exist at the gateway, and a run cancelled here
 * must be gone (or marked deleted) there. A run with an unfinished job is in flight and
 * compared next time.
 */
@Component
class RunRecordCheck implements RecordCheck {

	private final ReconciliationRepository records;

	RunRecordCheck(ReconciliationRepository records) {
		this.records = records;
	}

	@Override
	public String recordType() {
		return "class_run";
	}

	@Override
	public Result check(TpGatewayClient client, PublishedRun run) {
		if (records.inFlight(run.tenantId(), recordType(), run.runId()).contains(run.runId())) {
			return new Result.Compared(List.of());
		}
		TpGatewayResult<Optional<RemoteRun>> found = client.courseRun(run.gatewayRunId());
		if (!(found instanceof TpGatewayResult.Success<Optional<RemoteRun>> answer)) {
			return Result.of(found);
		}
		boolean cancelledHere = run.localStatus() == RunStatus.CANCELLED;
		Optional<RemoteRun> remote = answer.value();
		boolean liveThere = remote.isPresent() && !deleted(remote.get().status());
		if (!cancelledHere && remote.isEmpty()) {
			return new Result.Compared(List.of(new Reconciliations.Discrepancy(recordType(),
					Reconciliations.Kind.MISSING_REMOTELY, run.runId(), run.gatewayRunId(), run.localStatus().name(),
					null, "TPGateway has no run " + run.gatewayRunId())));
		}
		if (cancelledHere && liveThere) {
			return differs(run, remote.get().status(), "The run is cancelled here but still published at TPGateway");
		}
		if (!cancelledHere && !liveThere) {
			return differs(run, remote.get().status(), "The run is live here but deleted at TPGateway");
		}
		return new Result.Compared(List.of());
	}

	private Result differs(PublishedRun run, @org.jspecify.annotations.Nullable String remoteStatus, String detail) {
		return new Result.Compared(List.of(new Reconciliations.Discrepancy(recordType(),
				Reconciliations.Kind.STATUS_DIFFERS, run.runId(), run.gatewayRunId(), run.localStatus().name(),
				remoteStatus == null ? "PUBLISHED" : remoteStatus, detail)));
	}

	private static boolean deleted(@org.jspecify.annotations.Nullable String status) {
		String text = status == null ? "" : status.toLowerCase(Locale.ROOT);
		return text.contains("delet") || text.contains("cancel");
	}

}
