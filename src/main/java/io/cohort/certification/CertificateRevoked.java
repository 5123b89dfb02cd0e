package io.cohort.certification;

import java.util.UUID;

/**
 * A certificate was revoked, by an admin or automatically because its enrolment lost
 * eligibility.
 */
public record CertificateRevoked(UUID tenantId, UUID certificateId, UUID enrolmentId, UUID learnerId, String reason,
		boolean automatic) {
}
