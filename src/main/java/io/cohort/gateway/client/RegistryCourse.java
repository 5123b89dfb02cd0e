package io.cohort.gateway.client;

import org.jspecify.annotations.Nullable;

/**
 * A course in TPGateway's course registry: its reference number, title and status (such
 * as "Active"). Runs are published only for an active course.
 */
public record RegistryCourse(String referenceNumber, String title, String status) {

	public boolean active() {
		return active(status);
	}

	public static boolean active(@Nullable String status) {
		return "active".equalsIgnoreCase(status);
	}

}
