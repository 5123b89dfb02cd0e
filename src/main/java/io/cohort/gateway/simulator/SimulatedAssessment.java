package io.cohort.gateway.simulator;

import org.jspecify.annotations.Nullable;

/** An assessment as the simulator holds it; status Active or Void. */
public record SimulatedAssessment(String referenceNumber, String runId, String courseReferenceNumber, String traineeId,
		String traineeName, String skillCode, String result, @Nullable String grade, @Nullable Integer score,
		String assessmentDate, String status) {

	SimulatedAssessment with(String newTraineeName, String newSkillCode, String newResult, @Nullable String newGrade,
			@Nullable Integer newScore, String newAssessmentDate, String newStatus) {
		return new SimulatedAssessment(referenceNumber, runId, courseReferenceNumber, traineeId, newTraineeName,
				newSkillCode, newResult, newGrade, newScore, newAssessmentDate, newStatus);
	}

}
