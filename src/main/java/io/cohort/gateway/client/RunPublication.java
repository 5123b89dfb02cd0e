package io.cohort.gateway.client;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A course run to publish on TPGateway with its sessions. Mode of training is the SSG
 * code 1–9; the vacancy code is A (available), F (full) or L (limited).
 */
public record RunPublication(String courseReferenceNumber, int sequenceNumber, LocalDate registrationOpens,
		LocalDate registrationCloses, LocalDate startDate, LocalDate endDate, int intakeSize, String modeOfTraining,
		String courseAdminEmail, String vacancyCode, Venue venue, List<Session> sessions) {

	/** A training venue; the postal code is the Singapore six-digit code. */
	public record Venue(@Nullable String block, String street, @Nullable String floor, @Nullable String unit,
			@Nullable String building, String postalCode, @Nullable String room) {
	}

	/** One session of the run. */
	public record Session(LocalDate startDate, LocalDate endDate, LocalTime startTime, LocalTime endTime,
			String modeOfTraining, Venue venue) {
	}

}
