package io.cohort.gateway.client;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A course run as TPGateway lists it among its course's runs
 * ({@code GET /courses/courseRuns/reference}): its id and the details that tell one run
 * from another. The list may leave out any detail but the dates, so those others are
 * absent when it did.
 */
public record GatewayRun(String id, LocalDate courseStart, LocalDate courseEnd, @Nullable LocalDate registrationOpens,
		@Nullable LocalDate registrationCloses, @Nullable String modeOfTraining, @Nullable String courseAdminEmail,
		@Nullable Integer intakeSize, @Nullable String venuePostalCode) {
}
