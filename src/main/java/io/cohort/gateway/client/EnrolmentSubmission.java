package io.cohort.gateway.client;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A trainee's enrolment into a published run. The id type is SP, SB, SO, FP or OT; the
 * sponsorship type EMPLOYER (then {@code employer} is required) or INDIVIDUAL.
 */
public record EnrolmentSubmission(String runId, String courseReferenceNumber, String trainingPartnerCode,
		Trainee trainee, LocalDate enrolmentDate, String sponsorshipType, @Nullable Employer employer,
		BigDecimal discountAmount, String feeCollectionStatus) {

	/**
	 * The trainee as TPGateway records them (both email and phone are required for
	 * enrolment).
	 */
	public record Trainee(String id, String idType, String fullName, LocalDate dateOfBirth, String email, Phone phone) {

		@Override
		public String toString() {
			return "Trainee[idType=" + idType + "]";
		}

	}

	/** A phone number split the way TPGateway wants it. */
	public record Phone(String countryCode, @Nullable String areaCode, String phoneNumber) {
	}

	/** The sponsoring employer and its contact person. */
	public record Employer(String uen, String contactName, String contactEmail, Phone contactPhone) {
	}

}
