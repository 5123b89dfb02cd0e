package io.cohort.certification;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where a confirmed or completed learner of a run stands towards a certificate: their
 * attendance rate against the tenant's threshold, how many of the course's modules they
 * achieved, and their latest certificate's status if they have one.
 */
public record Standing(UUID enrolmentId, BigDecimal attendanceRate, int thresholdPercent, int modules,
		int modulesAchieved, @Nullable CertificateStatus certificate) {

	/** Whether attendance and results both meet the rule a certificate is issued by. */
	public boolean eligible() {
		return modules > 0 && modulesAchieved == modules
				&& attendanceRate.compareTo(BigDecimal.valueOf(thresholdPercent)) >= 0;
	}

	/** In words, for the pages. */
	public String label() {
		if (certificate == CertificateStatus.VALID) {
			return "Certificate issued";
		}
		if (eligible()) {
			return certificate == CertificateStatus.REVOKED ? "Eligible (certificate revoked)" : "Eligible";
		}
		StringBuilder missing = new StringBuilder("Not yet eligible:");
		if (attendanceRate.compareTo(BigDecimal.valueOf(thresholdPercent)) < 0) {
			missing.append(" attendance below ").append(thresholdPercent).append("%");
		}
		if (modulesAchieved < modules) {
			if (missing.charAt(missing.length() - 1) != ':') {
				missing.append(",");
			}
			int left = modules - modulesAchieved;
			missing.append(" ").append(left).append(left == 1 ? " module" : " modules").append(" to achieve");
		}
		return missing.toString();
	}

}
