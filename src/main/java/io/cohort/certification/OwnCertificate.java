package io.cohort.certification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A certificate as its learner sees it: what it certifies, whether it was revoked and, if
 * it was reissued, the number of the certificate that replaced it. Never the reason staff
 * gave for revoking or reissuing it: that is staff's free text, kept on
 * {@link CertificateView} for staff only (ADR 0037).
 */
public record OwnCertificate(UUID id, UUID enrollmentId, UUID classRunId, String number, String verificationCode,
		String learnerName, String courseCode, String courseTitle, String runReference, LocalDate runStart,
		LocalDate runEnd, String providerName, BigDecimal attendanceRate, LocalDate issuedOn, CertificateStatus status,
		@Nullable Instant revokedAt, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String replacedBy) {

	/**
	 * A learner's certificates as they see them, in the order given; the one that
	 * replaced a certificate is always among them (a reissue stays with the enrolment).
	 */
	static List<OwnCertificate> of(List<CertificateView> certificates) {
		Map<UUID, String> numbers = certificates.stream()
			.collect(Collectors.toMap(CertificateView::id, CertificateView::number));
		return certificates.stream()
			.map(c -> new OwnCertificate(c.id(), c.enrollmentId(), c.classRunId(), c.number(), c.verificationCode(),
					c.learnerName(), c.courseCode(), c.courseTitle(), c.runReference(), c.runStart(), c.runEnd(),
					c.providerName(), c.attendanceRate(), c.issuedOn(), c.status(), c.revokedAt(),
					c.replacedById() == null ? null : numbers.get(c.replacedById())))
			.toList();
	}

}
