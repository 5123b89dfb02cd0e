package io.cohort.certification;

import java.util.UUID;

/**
 * A certificate was issued to an enrolment that became eligible.
 */
public record CertificateIssued(UUID tenantId, UUID certificateId, UUID enrolmentId, UUID classRunId, UUID learnerId,
		String number) {
}
