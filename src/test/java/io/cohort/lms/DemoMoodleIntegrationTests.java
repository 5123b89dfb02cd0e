package io.cohort.lms;

import java.util.List;

import io.cohort.IntegrationTest;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobOutcome;
import io.cohort.jobs.JobQueue;
import io.cohort.lms.simulator.MoodleSimulator;
import io.cohort.lms.simulator.SimulatedCourse;
import io.cohort.lms.simulator.SimulatedEnrolment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local demo tenant is switched on against the built-in Moodle simulator, whose
 * courses bear the demo runs' references: its seeded enrolments were queued for Moodle
 * and one of them reaches it.
 */
class DemoMoodleIntegrationTests extends IntegrationTest {

	@Autowired
	TenantManagement tenants;

	@Autowired
	MoodleSimulator simulator;

	@Autowired
	MoodleExecutor executor;

	@Autowired
	JobQueue jobs;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoTenantsSeededEnrolmentsAreQueuedForMoodleAndReachIt() {
		TenantView demo = tenants.findBySlug("demo").orElseThrow();
		assertThat(simulator.courses("demo")).extracting(SimulatedCourse::idnumber)
			.contains("WSH-101-R01", "WSH-101-R02", "DAF-201-R03", "CSE-110-R07");
		List<java.util.UUID> enrolments = jdbc.sql("""
				SELECT entity_id FROM sync_job WHERE tenant_id = :t AND target = 'MOODLE' AND operation = 'ENROL'""")
			.param("t", demo.id())
			.query(java.util.UUID.class)
			.list();
		assertThat(enrolments).as("at least the confirmed ones: 7 + 3 + 3").hasSizeGreaterThanOrEqualTo(13);

		Job job = jobs.ofEntity(demo.id(), MoodleOperation.ENTITY, enrolments.get(0)).get(0);
		JobOutcome outcome = executor.execute(job);

		assertThat(outcome).isInstanceOf(JobOutcome.Succeeded.class);
		String[] ids = ((JobOutcome.Succeeded) outcome).reference().split("/");
		assertThat(simulator.enrolments("demo"))
			.contains(new SimulatedEnrolment(Long.parseLong(ids[0]), Long.parseLong(ids[1]), LocalMoodle.STUDENT_ROLE));
	}

}
