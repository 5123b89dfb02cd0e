package io.cohort.gateway;

import org.jspecify.annotations.Nullable;

/** A course run as TPGateway returns it; {@code status} when the gateway says one. */
public record GatewayRun(String id, String courseReferenceNumber, @Nullable String status) {
}
