package io.cohort.assessment;

import java.math.BigDecimal;
import java.util.UUID;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.testing.RunFixture;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssessmentIntegrationTests extends IntegrationTest {

	@Autowired
	TenantManagement tenants;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	LearnerManagement learners;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	AssessmentManagement assessments;

	@Autowired
	JdbcClient jdbc;

	RunFixture fixture;

	@BeforeEach
	void run() {
		fixture = new RunFixture("assess", 2, 2, tenants, courses, runs, learners, enrolments);
	}

	@Test
	void anUpdateMakesANewVersionOfTheSameAssessmentAndKeepsTheOld() {
		AssessmentView recorded = record(0, 0, AssessmentResult.NOT_YET_COMPETENT, new BigDecimal("42"), "E");

		AssessmentView updated = Tenants.as(fixture.assessor,
				() -> assessments.update(recorded.id(), new AssessmentManagement.AssessmentChange(
						AssessmentResult.COMPETENT, new BigDecimal("81.5"), "B", null, "re-sit")));

		assertThat(updated.id()).isEqualTo(recorded.id());
		assertThat(updated.version()).isEqualTo(2);
		assertThat(updated.result()).isEqualTo(AssessmentResult.COMPETENT);
		assertThat(updated.gatewayResult()).isEqualTo("Pass");
		AssessmentManagement.Detail detail = Tenants.as(fixture.ops, () -> assessments.get(recorded.id()));
		assertThat(detail.versions()).extracting(AssessmentVersion::version, AssessmentVersion::result)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, AssessmentResult.NOT_YET_COMPETENT),
					org.assertj.core.groups.Tuple.tuple(2, AssessmentResult.COMPETENT));
		assertThat(detail.versions().get(1).score()).isEqualByComparingTo("81.5");
		assertThat(audits("assessment.recorded", recorded.id())).isEqualTo(1);
		assertThat(audits("assessment.updated", recorded.id())).isEqualTo(1);

		AssessmentView same = Tenants.as(fixture.assessor,
				() -> assessments.update(recorded.id(), new AssessmentManagement.AssessmentChange(
						AssessmentResult.COMPETENT, new BigDecimal("81.50"), null, null, null)));
		assertThat(same.version()).isEqualTo(2);
	}

	@Test
	void anEnrolmentHasOneActiveResultPerModuleUntilItIsVoided() {
		AssessmentView first = record(0, 0, AssessmentResult.COMPETENT, null, null);

		assertThatThrownBy(() -> record(0, 0, AssessmentResult.EXEMPT, null, null))
			.isInstanceOfSatisfying(CohortException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ProblemCode.ASSESSMENT_EXISTS);
				assertThat(ex.properties().get("assessment_id")).isEqualTo(first.id().toString());
			});
		assertThatThrownBy(() -> Tenants.as(fixture.assessor, () -> assessments.voidAssessment(first.id(), " ")))
			.isInstanceOf(CohortException.class);

		AssessmentView voided = Tenants.as(fixture.assessor,
				() -> assessments.voidAssessment(first.id(), "recorded against the wrong learner"));
		AssessmentView second = record(0, 0, AssessmentResult.EXEMPT, null, null);

		assertThat(voided.voided()).isTrue();
		assertThat(voided.voidReason()).isEqualTo("recorded against the wrong learner");
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThatThrownBy(() -> Tenants.as(fixture.assessor,
				() -> assessments.update(first.id(),
						new AssessmentManagement.AssessmentChange(AssessmentResult.COMPETENT, null, null, null, null))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ASSESSMENT_VOIDED));
		assertThatThrownBy(() -> Tenants.as(fixture.assessor, () -> assessments.voidAssessment(first.id(), "again")))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ASSESSMENT_VOIDED));
		assertThat(Tenants.as(fixture.ops, () -> assessments.search(fixture.run.id(), null, false)))
			.extracting(AssessmentView::id)
			.containsExactly(second.id());
		assertThat(Tenants.as(fixture.ops, () -> assessments.search(null, fixture.roster.get(0).id(), true)))
			.hasSize(2);
		assertThat(audits("assessment.voided", first.id())).isEqualTo(1);
	}

	@Test
	void theDateLiesWithinTheRunAndNotInTheFuture() {
		assertThatThrownBy(() -> recordOn(fixture.today().plusDays(1))).isInstanceOfSatisfying(CohortException.class,
				ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ASSESSMENT_DATE_IN_FUTURE));
		assertThatThrownBy(() -> recordOn(fixture.today().minusDays(1))).isInstanceOfSatisfying(CohortException.class,
				ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ASSESSMENT_DATE_OUTSIDE_RUN));
		assertThatThrownBy(() -> recordOn(fixture.today().plusDays(2))).isInstanceOfSatisfying(CohortException.class,
				ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ASSESSMENT_DATE_OUTSIDE_RUN));
		assertThat(count("SELECT count(*) FROM assessment WHERE run_id = :id", fixture.run.id())).isZero();
	}

	@Test
	void refusesBadScoresGradesForeignModulesAndWithdrawnLearners() {
		assertThatThrownBy(() -> record(0, 0, AssessmentResult.COMPETENT, new BigDecimal("100.5"), null))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
		assertThatThrownBy(() -> record(0, 0, AssessmentResult.COMPETENT, null, "G")).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
		UUID foreign = Tenants.as(fixture.ops,
				() -> courses.create(new CourseManagement.NewCourse("X-" + fixture.tenant.slug(), "Other", null, null,
						java.util.List.of(new CourseManagement.NewModule("X1", "Other module", BigDecimal.ONE)))))
			.modules()
			.get(0)
			.id();
		assertThatThrownBy(() -> Tenants.as(fixture.assessor,
				() -> assessments.record(new AssessmentManagement.NewAssessment(fixture.roster.get(0).id(), foreign,
						AssessmentResult.COMPETENT, null, null, fixture.today(), null))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.MODULE_NOT_IN_COURSE));
		Tenants.as(fixture.ops, () -> enrolments.withdraw(fixture.roster.get(1).id(), null));
		assertThatThrownBy(() -> record(1, 0, AssessmentResult.COMPETENT, null, null)).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.ENROLMENT_NOT_ASSESSABLE));
		assertThat(record(0, 0, AssessmentResult.COMPETENT, new BigDecimal("100"), "a").grade()).isEqualTo("A");
	}

	@Test
	void anotherTenantSeesNothing() {
		AssessmentView recorded = record(0, 0, AssessmentResult.COMPETENT, null, null);
		RunFixture other = new RunFixture("assess-other", 1, 1, tenants, courses, runs, learners, enrolments);

		assertThatThrownBy(() -> Tenants.as(other.ops, () -> assessments.get(recorded.id()))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
		assertThatThrownBy(() -> Tenants.as(other.assessor, () -> assessments.voidAssessment(recorded.id(), "no")))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
		assertThatThrownBy(() -> Tenants.as(other.assessor,
				() -> assessments.record(new AssessmentManagement.NewAssessment(fixture.roster.get(1).id(),
						fixture.module(0), AssessmentResult.COMPETENT, null, null, fixture.today(), null))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NOT_FOUND));
	}

	private AssessmentView record(int learner, int module, AssessmentResult result, BigDecimal score, String grade) {
		return Tenants.as(fixture.assessor,
				() -> assessments.record(new AssessmentManagement.NewAssessment(fixture.roster.get(learner).id(),
						fixture.module(module), result, score, grade, fixture.today(), null)));
	}

	private AssessmentView recordOn(java.time.LocalDate day) {
		return Tenants.as(fixture.assessor,
				() -> assessments.record(new AssessmentManagement.NewAssessment(fixture.roster.get(0).id(),
						fixture.module(0), AssessmentResult.COMPETENT, null, null, day, null)));
	}

	private long audits(String action, UUID id) {
		return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = :action AND entity_id = :id")
			.param("action", action)
			.param("id", id.toString())
			.query(Long.class)
			.single();
	}

	private long count(String sql, Object id) {
		return jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

}
