package io.cohort.jobs;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.cohort.identity.CurrentActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbound jobs over time, for the compliance chart: how many jobs were written each
 * day and where each of them stands now.
 */
@Service
public class JobHistory {

	private final JdbcClient jdbc;

	JobHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many of the jobs written on one day (in the tenant's time zone) are in one
	 * status now.
	 */
	public record DayCount(LocalDate day, JobStatus status, long count) {
	}

	/**
	 * The current tenant's jobs written from {@code first} to {@code last} (both
	 * included), by day and status.
	 */
	@Transactional(readOnly = true)
	public List<DayCount> perDay(LocalDate first, LocalDate last, ZoneId zone) {
		return jdbc.sql("""
				SELECT CAST(created_at AT TIME ZONE :zone AS DATE) AS day, status, count(*) AS n FROM sync_job
				WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :until
				GROUP BY 1, 2 ORDER BY 1, 2""")
			.param("tenant", CurrentActor.tenantId())
			.param("zone", zone.getId())
			.param("from", Timestamp.from(first.atStartOfDay(zone).toInstant()))
			.param("until", Timestamp.from(last.plusDays(1).atStartOfDay(zone).toInstant()))
			.query((rs, n) -> new DayCount(rs.getObject("day", LocalDate.class),
					JobStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
	}

}
