package io.cohort.spreadsheets;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.shared.IdType;
import io.cohort.shared.NationalId;
import io.cohort.system.CohortException;
import io.cohort.testing.Nrics;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportIntegrationTests extends IntegrationTest {

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	ExportManagement exports;

	@Autowired
	LearnerManagement learners;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AttendanceManagement attendance;

	Tenants.TestTenant tenant;

	CohortPrincipal ops;

	ClassRunView run;

	List<String> nrics = new ArrayList<>();

	List<EnrolmentView> roster = new ArrayList<>();

	LocalDate today;

	@BeforeEach
	void runWithSessionsAndEnrolments() {
		tenant = new Tenants(tenantManagement).create("export");
		ops = tenant.as(Role.OPS);
		UUID course = Tenants.as(ops, () -> courses.create(new CourseManagement.NewCourse("C-" + tenant.slug(),
				"First Aid", null, null, List.of(new CourseManagement.NewModule("M1", "CPR", new BigDecimal("8"))))))
			.id();
		today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		run = Tenants.as(ops, () -> runs.schedule(course, new ClassRunManagement.NewRun("R/" + tenant.slug(), today,
				today.plusDays(1), today.minusDays(3), today, 2, "1", "Room 2", false, true, RunStatus.PUBLISHED)));
		for (LocalDate day : List.of(today.plusDays(1), today)) {
			Tenants.as(ops, () -> runs.addSession(run.id(),
					new ClassRunManagement.NewSession(day, LocalTime.of(9, 0), LocalTime.of(12, 0), null, null, null)));
		}
		List<String> names = List.of("Tan Ah Kow", "=HYPERLINK(\"http://evil.example\")", "Waiting Wong");
		for (String name : names) {
			String nric = Nrics.next();
			nrics.add(nric);
			UUID learner = Tenants
				.as(ops, () -> learners.register(new LearnerManagement.NewLearner(name,
						"l" + nric.toLowerCase() + "@example.com", null, IdType.SP, nric, null, true, null)))
				.id();
			roster.add(Tenants.as(ops,
					() -> enrolments.enrol(new EnrolmentManagement.NewEnrolment(learner, run.id(),
							SponsorshipType.INDIVIDUAL, null, new BigDecimal("450.00"), null, null),
							EnrolmentManagement.Source.STAFF)));
		}
	}

	@Test
	void exportsTheEnrolmentsWithMaskedIdsAndNoFormulas() {
		ExportManagement.CsvFile file = Tenants.as(tenant.as(Role.TRAINER), () -> exports.enrolments(run.id()));

		String text = new String(file.content(), StandardCharsets.UTF_8);
		assertThat(file.fileName()).isEqualTo("enrollments-R-" + tenant.slug() + ".csv");
		assertThat(text).startsWith("\uFEFF");
		List<String> lines = text.substring(1).lines().toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).isEqualTo("learner_name,national_id,email,status,waitlist_position,sponsorship_type,"
				+ "employer_uen,fee_amount,discount_amount,fee_collection_status,enrolled_at");
		assertThat(lines.get(1)).startsWith("Tan Ah Kow," + NationalId.mask(nrics.get(0)) + ",l"
				+ nrics.get(0).toLowerCase() + "@example.com,CONFIRMED,,INDIVIDUAL,,450.00,0.00,PENDING," + today);
		assertThat(lines.get(2))
			.startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\")\"," + NationalId.mask(nrics.get(1)));
		assertThat(lines.get(3)).contains(",WAITLISTED,1,INDIVIDUAL,");
		for (String nric : nrics) {
			assertThat(text).doesNotContain(nric);
		}
	}

	@Test
	void exportsAttendanceWithAColumnPerSessionAndTheRates() {
		UUID firstSession = Tenants.as(ops, () -> runs.sessions(run.id()))
			.stream()
			.filter(s -> s.date().equals(today))
			.findFirst()
			.orElseThrow()
			.id();
		Tenants.as(ops,
				() -> attendance.markSheet(firstSession,
						List.of(new AttendanceManagement.Entry(roster.get(0).id(), AttendanceStatus.PRESENT, null),
								new AttendanceManagement.Entry(roster.get(1).id(), AttendanceStatus.ABSENT, null))));

		ExportManagement.CsvFile file = Tenants.as(ops, () -> exports.attendance(run.id()));

		List<String> lines = new String(file.content(), StandardCharsets.UTF_8).substring(1).lines().toList();
		assertThat(file.fileName()).isEqualTo("attendance-R-" + tenant.slug() + ".csv");
		assertThat(lines).containsExactly(
				"learner_name,national_id," + today + " 09:00-12:00," + today.plusDays(1)
						+ " 09:00-12:00,attended_hours,scheduled_hours,rate_percent",
				"Tan Ah Kow," + NationalId.mask(nrics.get(0)) + ",PRESENT,,3.00,6.00,50.0",
				"\"'=HYPERLINK(\"\"http://evil.example\"\")\"," + NationalId.mask(nrics.get(1))
						+ ",ABSENT,,0.00,6.00,0.0");
	}

	@Test
	void anotherTenantsRunIsNotFound() {
		CohortPrincipal stranger = new Tenants(tenantManagement).create("export-other").as(Role.ADMIN);

		assertThatThrownBy(() -> Tenants.as(stranger, () -> exports.enrolments(run.id())))
			.isInstanceOfSatisfying(CohortException.class, ex -> assertThat(ex.status().value()).isEqualTo(404));
		assertThatThrownBy(() -> Tenants.as(stranger, () -> exports.attendance(run.id())))
			.isInstanceOfSatisfying(CohortException.class, ex -> assertThat(ex.status().value()).isEqualTo(404));
	}

}
