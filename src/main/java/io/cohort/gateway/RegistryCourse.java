package io.cohort.gateway;

import org.jspecify.annotations.Nullable;

/**
 * A course in TPGateway's course registry: its reference number, title and status (such
 * as "Active"). Runs are published only for an active course.
 */
record RegistryCourse(String referenceNumber, String title, String status) {

	boolean active() {
		return active(status);
	}

	static boolean active(@Nullable String status) {
		return "active".equalsIgnoreCase(status);
	}

}
