package io.cohort.gateway;

import java.util.Optional;
import java.util.UUID;

/** What the TPGateway job handlers share: turning a call's result into an outcome, and finding references. */
final class JobOutcomes {

	private JobOutcomes() {
	}

	static SyncOutcome of(TpGatewayResult<?> result) {
		if (result instanceof TpGatewayResult.Success<?> success) {
			Object value = success.value();
			return new SyncOutcome.Succeeded(value == null ? null : String.valueOf(value));
		}
		if (result instanceof TpGatewayResult.Retryable<?> retryable) {
			return new SyncOutcome.Retryable(retryable.message(), retryable.retryAfter());
		}
		TpGatewayResult.Permanent<?> permanent = (TpGatewayResult.Permanent<?>) result;
		return new SyncOutcome.Permanent(permanent.message());
	}

	/**
	 * The gateway reference of the nearest job with {@code operation} among those {@code job} waits for,
	 * directly or through others: the run id from the run's publication, an enrolment's or an
	 * assessment's reference number from its creation.
	 */
	static Optional<String> reference(SyncJobRepository jobs, SyncJob job, String operation) {
		UUID waitsFor = job.waitsFor();
		return waitsFor == null ? Optional.empty() : jobs.referenceUpChain(job.tenantId(), waitsFor, operation);
	}

	/** A Singapore number as TPGateway splits it: country code 65 and the eight-digit number. */
	static EnrolmentSubmission.Phone phone(String phone) {
		String digits = phone.replaceAll("\\D", "");
		if (digits.length() == 10 && digits.startsWith("65")) {
			digits = digits.substring(2);
		}
		return new EnrolmentSubmission.Phone("65", null, digits);
	}

}
