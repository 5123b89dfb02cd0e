package io.cohort.compliance;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A run's compliance deadline became DUE_SOON or OVERDUE (the daily pass saw it change).
 */
public record DeadlineReached(UUID tenantId, UUID classRunId, String runReference,
		ComplianceManagement.DeadlineType type, ComplianceManagement.DeadlineStatus status, LocalDate due) {
}
