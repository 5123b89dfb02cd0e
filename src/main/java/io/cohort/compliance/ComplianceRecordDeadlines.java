package io.cohort.compliance;

import java.time.Instant;
import java.util.Optional;

import io.cohort.compliance.ComplianceManagement.DeadlineType;
import io.cohort.gateway.TpGateway;
import io.cohort.identity.TenantManagement;
import io.cohort.jobs.Job;
import io.cohort.jobs.RecordDeadlines;
import io.cohort.scheduling.ClassRunManagement;
import org.springframework.stereotype.Component;

/**
 * The compliance deadline of a TPGateway job's record: the run's deadline of the record's
 * kind under the tenant's {@link DeadlinePolicy}, late from the start of the day after it
 * is due, in the tenant's time zone. Other targets' jobs, and jobs of no run, have none.
 */
@Component
class ComplianceRecordDeadlines implements RecordDeadlines {

	private final ComplianceManagement compliance;

	private final ClassRunManagement runs;

	private final TenantManagement tenants;

	ComplianceRecordDeadlines(ComplianceManagement compliance, ClassRunManagement runs, TenantManagement tenants) {
		this.compliance = compliance;
		this.runs = runs;
		this.tenants = tenants;
	}

	@Override
	public Optional<Instant> of(Job job) {
		Optional<DeadlineType> type = type(job.entityType());
		if (!TpGateway.TARGET.equals(job.target()) || job.runId() == null || type.isEmpty()) {
			return Optional.empty();
		}
		return runs.find(job.tenantId(), job.runId())
			.map(run -> ComplianceManagement.due(type.get(), run, compliance.policy(job.tenantId()))
				.plusDays(1)
				.atStartOfDay(tenants.zone(job.tenantId()))
				.toInstant());
	}

	/**
	 * The deadline a record of this entity type counts toward, as the summary counts it.
	 */
	private static Optional<DeadlineType> type(String entityType) {
		return Optional.ofNullable(switch (entityType) {
			case "class_run" -> DeadlineType.RUN_PUBLISHED;
			case "enrolment" -> DeadlineType.ENROLMENTS_SUBMITTED;
			case "attendance" -> DeadlineType.ATTENDANCE_SUBMITTED;
			case "assessment" -> DeadlineType.ASSESSMENTS_SUBMITTED;
			default -> null;
		});
	}

}
