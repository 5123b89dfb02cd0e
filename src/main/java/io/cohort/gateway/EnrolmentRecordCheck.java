package io.cohort.gateway;

import io.cohort.gateway.client.GatewayEnrolment;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.shared.NationalId;
import io.cohort.shared.PageView;
import org.springframework.stereotype.Component;

/**
 * A run's enrolments, matched by the gateway's reference number (TPGateway has no field
 * for our ids): a confirmed enrolment must be there as Confirmed, a withdrawn one that
 * reached the gateway must not be Confirmed there any more, and every enrolment the
 * gateway lists for the run must be one of ours. Enrolments with an unfinished job are in
 * flight and compared next time.
 */
@Component
class EnrolmentRecordCheck implements RecordCheck {

	static final String CONFIRMED = "Confirmed";

	private final ReconciliationRepository records;

	private final EnrolmentManagement enrolments;

	EnrolmentRecordCheck(ReconciliationRepository records, EnrolmentManagement enrolments) {
		this.records = records;
		this.enrolments = enrolments;
	}

	@Override
	public String recordType() {
		return "enrolment";
	}

	@Override
	public Result check(TpGatewayClient client, PublishedRun run) {
		TpGatewayResult<List<GatewayEnrolment>> search = client.enrolmentsOfRun(run.gatewayRunId());
		if (!(search instanceof TpGatewayResult.Success<List<GatewayEnrolment>> found)) {
			return Result.of(search);
		}
		Map<String, GatewayEnrolment> remote = new HashMap<>();
		found.value().forEach(e -> remote.put(e.referenceNumber(), e));
		Map<UUID, ReconciliationRepository.CreateJob> jobs = records.creates(run.tenantId(), run.runId(),
				SyncOperation.CREATE_ENROLMENT.name());
		Set<UUID> inFlight = records.inFlight(run.tenantId(), "enrolment", run.runId());
		Set<String> ours = new HashSet<>();
		jobs.values().forEach(job -> {
			if (job.gatewayReference() != null) {
				ours.add(job.gatewayReference());
			}
		});
		List<Reconciliations.Discrepancy> differences = new ArrayList<>();
		for (EnrolmentView enrolment : all(run.runId())) {
			if (inFlight.contains(enrolment.id())) {
				continue;
			}
			ReconciliationRepository.CreateJob job = jobs.get(enrolment.id());
			String reference = job == null ? null : job.gatewayReference();
			boolean live = enrolment.status() == EnrolmentStatus.CONFIRMED
					|| enrolment.status() == EnrolmentStatus.COMPLETED;
			GatewayEnrolment there = reference == null ? null : remote.get(reference);
			if (live && there == null) {
				differences.add(new Reconciliations.Discrepancy(recordType(), Reconciliations.Kind.MISSING_REMOTELY,
						enrolment.id(), reference, enrolment.status().name(), null,
						reference != null ? "TPGateway does not list enrolment " + reference + " for the run"
								: "Never reached TPGateway (" + (job == null ? "no job" : "job " + job.status())
										+ ")"));
			}
			else if (there != null && live != CONFIRMED.equalsIgnoreCase(there.status())) {
				differences.add(new Reconciliations.Discrepancy(recordType(), Reconciliations.Kind.STATUS_DIFFERS,
						enrolment.id(), reference, enrolment.status().name(), there.status(),
						"Enrolment " + reference + " is " + enrolment.status().name().toLowerCase() + " here but "
								+ there.status() + " at TPGateway"));
			}
		}
		// a create in flight may have reached the gateway with its answer lost: its
		// record is not unknown
		for (GatewayEnrolment there : inFlight.isEmpty() ? found.value() : List.<GatewayEnrolment>of()) {
			if (!ours.contains(there.referenceNumber())) {
				differences.add(new Reconciliations.Discrepancy(recordType(), Reconciliations.Kind.UNKNOWN_REMOTELY,
						null, there.referenceNumber(), null, there.status(),
						"TPGateway lists enrolment " + there.referenceNumber() + " of trainee "
								+ NationalId.mask(there.traineeId()) + ", which Cohort does not know"));
			}
		}
		return new Result.Compared(differences);
	}

	private List<EnrolmentView> all(UUID runId) {
		List<EnrolmentView> all = new ArrayList<>();
		for (int page = 0;; page++) {
			PageView<EnrolmentView> views = enrolments.search(runId, null, null, page, 500);
			all.addAll(views.items());
			if (views.items().size() < 500) {
				return all;
			}
		}
	}

}
