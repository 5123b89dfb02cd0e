package io.cohort.learners;

import java.util.Set;
import java.util.UUID;

/**
 * A learner profile changed; {@code fields} names what changed ({@code full_name},
 * {@code email}, {@code phone}, {@code date_of_birth}, {@code consent}, {@code user_id},
 * {@code national_id}).
 */
public record LearnerUpdated(UUID tenantId, UUID learnerId, Set<String> fields) {

	public LearnerUpdated {
		fields = Set.copyOf(fields);
	}

	/** Whether the email address or the phone number changed. */
	public boolean contactChanged() {
		return fields.contains("email") || fields.contains("phone");
	}

}
