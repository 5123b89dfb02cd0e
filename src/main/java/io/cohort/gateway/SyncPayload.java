package io.cohort.gateway;

import io.cohort.gateway.client.RunPublication;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The snapshots TPGateway jobs carry, one record per operation
 * ({@link SyncOperation#payloadType()}); runs carry a {@link RunPublication}. Written in
 * snake case when the job is written, read back when it is sent. None holds a national
 * id: the worker reads those, audited, at send time.
 */
final class SyncPayload {

	private SyncPayload() {
	}

	/** A run to delete on the gateway. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record RunDeletion(String courseReferenceNumber, String reason) {
	}

	/** An enrolment to create; the trainee's details are read when it is sent. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record EnrolmentCreation(UUID enrolmentId, UUID learnerId, String courseReferenceNumber, LocalDate enrolmentDate,
			String sponsorshipType, BigDecimal discountAmount, String feeCollectionStatus) {
	}

	/**
	 * An enrolment's discount and fee collection to send, with the trainee's contact
	 * details read when sent.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record EnrolmentChange(UUID enrolmentId, UUID learnerId, BigDecimal discountAmount, String feeCollectionStatus) {
	}

	/** How far an enrolment's fees were collected (TPGateway's wording). */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record FeeCollection(UUID enrolmentId, String feeCollectionStatus) {
	}

	/** An enrolment to cancel. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record EnrolmentCancellation(UUID enrolmentId) {
	}

	/**
	 * One trainee's attendance of one session: {@code statusCode} 1 (Confirmed) or 4 (TP
	 * Voided); jobs written before corrections existed carry none and confirmed.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record AttendanceMark(UUID attendanceId, UUID learnerId, @Nullable UUID classRunId, String courseReferenceNumber,
			LocalDate sessionDate, LocalTime startTime, BigDecimal hours, @Nullable String statusCode) {

		String status() {
			return statusCode == null ? AttendanceOutbox.CONFIRMED : statusCode;
		}

	}

	/** An assessment result to create or update on the gateway, as of one version. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record AssessmentResult(UUID assessmentId, UUID learnerId, String courseReferenceNumber, String skillCode,
			String result, @Nullable Integer score, @Nullable String grade, LocalDate assessmentDate, int version) {
	}

	/** An assessment to void, and why. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record AssessmentVoid(UUID assessmentId, String reason) {
	}

}
