package io.cohort.certification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A certificate: what it certifies as it was at issue, its number and verification code,
 * whether it was revoked, and, when it was reissued, the certificate it replaces and the
 * one that replaced it.
 */
public record CertificateView(UUID id, UUID enrollmentId, UUID classRunId, UUID learnerId, String number,
		String verificationCode, String learnerName, String courseCode, String courseTitle, String runReference,
		LocalDate runStart, LocalDate runEnd, String providerName, BigDecimal attendanceRate, LocalDate issuedOn,
		Instant issuedAt, CertificateStatus status, @Nullable Instant revokedAt, @Nullable String revokeReason,
		boolean revokedAutomatically, @Nullable UUID replacesId, @Nullable UUID replacedById) {
}
