package io.cohort.gateway;

import io.cohort.gateway.client.GatewayAssessment;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentView;
import io.cohort.shared.NationalId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A run's assessment results, matched by the reference number their creation returned: a
 * live result must be there, live, with the same result, grade and score (as sent: a
 * whole number); a voided one that reached the gateway must be voided there too; and
 * every live result the gateway lists for the run must be one of ours (a voided one we
 * never knew changes nothing and is not reported). Results with an unfinished job are in
 * flight and compared next time.
 */
@Component
class AssessmentRecordCheck implements RecordCheck {

	private final ReconciliationRepository records;

	private final AssessmentManagement assessments;

	AssessmentRecordCheck(ReconciliationRepository records, AssessmentManagement assessments) {
		this.records = records;
		this.assessments = assessments;
	}

	@Override
	public String recordType() {
		return AssessmentOutbox.ENTITY;
	}

	@Override
	public Result check(TpGatewayClient client, PublishedRun run) {
		TpGatewayResult<List<GatewayAssessment>> search = client.assessmentsOfRun(run.gatewayRunId());
		if (!(search instanceof TpGatewayResult.Success<List<GatewayAssessment>> found)) {
			return Result.of(search);
		}
		Map<String, GatewayAssessment> remote = new HashMap<>();
		found.value().forEach(a -> remote.put(a.referenceNumber(), a));
		Map<UUID, ReconciliationRepository.CreateJob> jobs = records.creates(run.tenantId(), run.runId(),
				SyncOperation.CREATE_ASSESSMENT.name());
		Set<UUID> inFlight = records.inFlight(run.tenantId(), recordType(), run.runId());
		Set<String> ours = new HashSet<>();
		jobs.values().forEach(job -> {
			if (job.gatewayReference() != null) {
				ours.add(job.gatewayReference());
			}
		});
		List<Reconciliations.Discrepancy> differences = new ArrayList<>();
		for (AssessmentView assessment : assessments.search(run.runId(), null, true)) {
			if (inFlight.contains(assessment.id())) {
				continue;
			}
			ReconciliationRepository.CreateJob job = jobs.get(assessment.id());
			String reference = job == null ? null : job.gatewayReference();
			GatewayAssessment there = reference == null ? null : remote.get(reference);
			String here = describe(assessment);
			if (!assessment.voided() && there == null) {
				differences.add(discrepancy(Reconciliations.Kind.MISSING_REMOTELY, assessment, reference, here, null,
						reference != null ? "TPGateway does not list assessment " + reference + " for the run"
								: "Never reached TPGateway (" + (job == null ? "no job" : "job " + job.status())
										+ ")"));
			}
			else if (there != null && assessment.voided() != there.voided()) {
				differences
					.add(discrepancy(Reconciliations.Kind.STATUS_DIFFERS, assessment, reference, here, describe(there),
							"Assessment " + reference + " is "
									+ (assessment.voided() ? "voided here but live" : "live here but voided")
									+ " at TPGateway"));
			}
			else if (there != null && !assessment.voided() && !here.equals(describe(there))) {
				differences.add(discrepancy(Reconciliations.Kind.STATUS_DIFFERS, assessment, reference, here,
						describe(there),
						"Assessment " + reference + " is " + here + " here but " + describe(there) + " at TPGateway"));
			}
		}
		// a create in flight may have reached the gateway with its answer lost: its
		// record is not unknown
		for (GatewayAssessment there : inFlight.isEmpty() ? found.value() : List.<GatewayAssessment>of()) {
			if (!there.voided() && !ours.contains(there.referenceNumber())) {
				differences.add(new Reconciliations.Discrepancy(recordType(), Reconciliations.Kind.UNKNOWN_REMOTELY,
						null, there.referenceNumber(), null, describe(there),
						"TPGateway lists assessment " + there.referenceNumber() + " (" + there.skillCode()
								+ ") of trainee " + NationalId.mask(there.traineeId())
								+ ", which Cohort does not know"));
			}
		}
		return new Result.Compared(differences);
	}

	private Reconciliations.Discrepancy discrepancy(Reconciliations.Kind kind, AssessmentView assessment,
			@Nullable String reference, String here, @Nullable String there, String detail) {
		return new Reconciliations.Discrepancy(recordType(), kind, assessment.id(), reference, here, there, detail);
	}

	/**
	 * A result as both sides can say it, such as {@code Pass, grade B, score 79}; voided:
	 * {@code VOIDED} here, {@code Void} there.
	 */
	private static String describe(AssessmentView assessment) {
		if (assessment.voided()) {
			return "VOIDED";
		}
		return describe(assessment.gatewayResult(), assessment.grade(), assessment.score() == null ? null
				: assessment.score().setScale(0, RoundingMode.HALF_UP).intValueExact());
	}

	private static String describe(GatewayAssessment assessment) {
		return assessment.voided() ? assessment.status()
				: describe(assessment.result(), assessment.grade(), assessment.score());
	}

	private static String describe(String result, @Nullable String grade, @Nullable Integer score) {
		String text = capitalised(result);
		if (grade != null) {
			text += ", grade " + grade.toUpperCase(Locale.ROOT);
		}
		if (score != null) {
			text += ", score " + score;
		}
		return text;
	}

	private static String capitalised(String text) {
		return text.isEmpty() ? text
				: text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
	}

}
