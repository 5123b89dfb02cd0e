package io.cohort.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A class run with its seat count.
 */
public record ClassRunView(UUID id, UUID courseId, String courseCode, String courseTitle, String reference,
		LocalDate startDate, LocalDate endDate, LocalDate registrationOpens, LocalDate registrationCloses, int capacity,
		int seatsTaken, int seatsLeft, String modeOfTraining, String venue, boolean inHouse, boolean waitlistEnabled,
		RunStatus status, @Nullable String ssgRunId, @Nullable String venuePostalCode,
		@Nullable String courseAdminEmail, Instant createdAt, Instant updatedAt) {

	/** Whether registration is open on the given day (in the tenant's zone). */
	public boolean registrationOpenOn(LocalDate day) {
		return !day.isBefore(registrationOpens) && !day.isAfter(registrationCloses);
	}

}
