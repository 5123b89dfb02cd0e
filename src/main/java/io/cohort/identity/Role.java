package io.cohort.identity;

/**
 * What a user may do. {@link #PLATFORM_ADMIN} belongs to no tenant; the others are tenant
 * roles.
 */
public enum Role {

	PLATFORM_ADMIN, ADMIN, OPS, TRAINER, ASSESSOR, LEARNER;

	public String authority() {
		return "ROLE_" + name();
	}

	public boolean tenantRole() {
		return this != PLATFORM_ADMIN;
	}

}
