package io.cohort.gateway;

import io.cohort.gateway.client.EnrolmentSubmission;
import io.cohort.gateway.client.TpGatewayResult;
import io.cohort.jobs.JobOutcome;

/**
 * What the TPGateway job handlers share: turning a call's result into an outcome, and
 * phone numbers.
 */
final class JobOutcomes {

	private JobOutcomes() {
	}

	static JobOutcome of(TpGatewayResult<?> result) {
		if (result instanceof TpGatewayResult.Success<?> success) {
			Object value = success.value();
			return new JobOutcome.Succeeded(value == null ? null : String.valueOf(value));
		}
		if (result instanceof TpGatewayResult.Retryable<?> retryable) {
			return new JobOutcome.Retryable(retryable.message(), retryable.retryAfter());
		}
		TpGatewayResult.Permanent<?> permanent = (TpGatewayResult.Permanent<?>) result;
		return new JobOutcome.Permanent(permanent.message());
	}

	/**
	 * A Singapore number as TPGateway splits it: country code 65 and the eight-digit
	 * number.
	 */
	static EnrolmentSubmission.Phone phone(String phone) {
		String digits = phone.replaceAll("\\D", "");
		if (digits.length() == 10 && digits.startsWith("65")) {
			digits = digits.substring(2);
		}
		return new EnrolmentSubmission.Phone("65", null, digits);
	}

}
