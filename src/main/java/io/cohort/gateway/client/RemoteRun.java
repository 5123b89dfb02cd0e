package io.cohort.gateway.client;

import org.jspecify.annotations.Nullable;

/**
 * A course run as TPGateway returns it by its id; {@code status} when the gateway says
 * one.
 */
public record RemoteRun(String id, String courseReferenceNumber, @Nullable String status) {
}
