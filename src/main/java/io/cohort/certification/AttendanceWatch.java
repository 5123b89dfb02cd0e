package io.cohort.certification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceMarked;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells, in the transaction that marked a sheet, which learners newly missing hours are
 * now below the tenant's attendance threshold over the sessions marked so far, or can no
 * longer reach it by the end of the run ({@link AttendanceAtRisk}). Learners marked
 * PRESENT or LATE are not looked at: a mark that adds attended hours never lowers a rate.
 */
@Component
class AttendanceWatch {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final CertificateRepository certificates;

	private final AttendanceManagement attendance;

	private final ApplicationEventPublisher events;

	AttendanceWatch(CertificateRepository certificates, AttendanceManagement attendance,
			ApplicationEventPublisher events) {
		this.certificates = certificates;
		this.attendance = attendance;
		this.events = events;
	}

	@EventListener
	void on(AttendanceMarked event) {
		Set<UUID> missing = event.marks()
			.stream()
			.filter(mark -> !mark.status().attended())
			.map(AttendanceMarked.Mark::enrolmentId)
			.collect(Collectors.toSet());
		if (missing.isEmpty()) {
			return;
		}
		int threshold = certificates.threshold(event.tenantId());
		BigDecimal needed = BigDecimal.valueOf(threshold);
		for (AttendanceManagement.Rate rate : attendance.rates(event.classRunId())) {
			if (!missing.contains(rate.enrolmentId()) || rate.markedHours().signum() == 0) {
				continue;
			}
			BigDecimal remaining = rate.scheduledHours().subtract(rate.markedHours());
			boolean unreachable = rate.attendedHours()
				.add(remaining)
				.multiply(HUNDRED)
				.compareTo(needed.multiply(rate.scheduledHours())) < 0;
			BigDecimal soFar = rate.attendedHours()
				.multiply(HUNDRED)
				.divide(rate.markedHours(), 1, RoundingMode.HALF_UP);
			if (unreachable || soFar.compareTo(needed) < 0) {
				events.publishEvent(new AttendanceAtRisk(event.tenantId(), rate.enrolmentId(), event.classRunId(),
						rate.learnerId(), unreachable, soFar, threshold));
			}
		}
	}

}
