package io.cohort.ui;

import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the layout shows around every page: who is signed in, for which tenant, and where
 * they may go.
 *
 * @param product the product name
 * @param tenantName the signed-in user's tenant, absent for the platform admin and
 * anonymous visitors
 * @param userName the signed-in user's email, absent for anonymous visitors
 * @param roles the signed-in user's roles, as words
 * @param navigation the links the user's roles allow
 * @param zone the tenant's time zone, in which pages show times
 */
record Shell(String product, @Nullable String tenantName, @Nullable String userName, List<String> roles,
		List<NavItem> navigation, ZoneId zone) {

	/** One link of the main navigation; {@code current} marks the page being shown. */
	record NavItem(String label, String href, boolean current) {
	}

	public Shell {
		roles = List.copyOf(roles);
		navigation = List.copyOf(navigation);
	}

	public boolean signedIn() {
		return userName != null;
	}

}
