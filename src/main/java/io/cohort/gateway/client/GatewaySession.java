package io.cohort.gateway.client;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A session as TPGateway lists it for a run: its id and when it takes place.
 */
public record GatewaySession(String id, LocalDate date, LocalTime startTime, LocalTime endTime) {
}
