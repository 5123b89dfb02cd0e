package io.cohort.gateway.client;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A trainee's assessment result in a run: result Pass, Fail or Exempt; grade A–F and a
 * whole-number score when there is one; the id type NRIC, FIN or OTHERS (the assessment
 * API's own codes).
 */
public record AssessmentSubmission(String runId, String courseReferenceNumber, String trainingPartnerCode,
		String traineeId, String traineeIdType, String traineeName, String skillCode, String result,
		@Nullable Integer score, @Nullable String grade, LocalDate assessmentDate) {

	@Override
	public String toString() {
		return "AssessmentSubmission[runId=" + runId + ", skillCode=" + skillCode + ", result=" + result + "]";
	}

}
