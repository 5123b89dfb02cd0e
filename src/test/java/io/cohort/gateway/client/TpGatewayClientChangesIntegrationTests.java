package io.cohort.gateway.client;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.IntegrationTest;
import io.cohort.gateway.simulator.SimulatedAssessment;
import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.system.OutboundUrlPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TPGateway client's changing operations against the in-app simulator: run update and
 * delete, enrolment update, fee collection and cancellation, assessments with their
 * search, each validated like the real API and subject to the simulator's faults.
 */
class TpGatewayClientChangesIntegrationTests extends IntegrationTest {

	/** The local run's policy: the simulator listens on this machine. */
	private static final OutboundUrlPolicy LOCAL = new OutboundUrlPolicy(true, true);

	private static final String CRN = "TGS-2020002096";

	@LocalServerPort
	int port;

	@Autowired
	TpGatewaySimulator simulator;

	@Autowired
	Clock clock;

	@Test
	void updatesARunsDetailsAndAddsUpdatesAndDeletesItsSessions() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		RunPublication run = run();
		String runId = value(client.publishRun(run));
		List<String> sessions = simulator.sessionIds(provider.uen(), runId);
		RunPublication.Session first = run.sessions().get(0);
		RunPublication.Session added = new RunPublication.Session(run.endDate(), run.endDate(), LocalTime.of(14, 0),
				LocalTime.of(17, 0), "1", run.venue());
		RunPublication bigger = new RunPublication(CRN, 1, run.registrationOpens(), run.registrationCloses(),
				run.startDate(), run.endDate(), 35, "1", "admin@example.com", "L", run.venue(), List.of(first, added));

		assertThat(value(client.updateRun(new RunUpdate(runId, bigger,
				List.of(RunUpdate.SessionEdit.update(sessions.get(0), first),
						RunUpdate.SessionEdit.delete(sessions.get(1)), RunUpdate.SessionEdit.add(added))))))
			.isEqualTo(runId);

		assertThat(simulator.run(provider.uen(), runId)).get().satisfies(r -> {
			assertThat(r.intakeSize()).isEqualTo(35);
			assertThat(r.deleted()).isFalse();
		});
		List<String> now = simulator.sessionIds(provider.uen(), runId);
		assertThat(now).hasSize(2).contains(sessions.get(0)).doesNotContain(sessions.get(1));
		assertThat(value(client.sessions(runId, CRN))).extracting(GatewaySession::startTime)
			.containsExactlyInAnyOrder(LocalTime.of(9, 0), LocalTime.of(14, 0));

		assertThat(value(client.deleteRun(runId, CRN))).isEqualTo(runId);
		assertThat(value(client.deleteRun(runId, CRN))).isEqualTo(runId);
		assertThat(simulator.run(provider.uen(), runId)).get().satisfies(r -> assertThat(r.deleted()).isTrue());
		assertThat(client.updateRun(new RunUpdate(runId, bigger, List.of())))
			.isInstanceOfSatisfying(TpGatewayResult.Permanent.class, p -> assertThat(p.message()).contains("deleted"));
	}

	@Test
	void listsTheLiveRunsOfACourseWithTheDetailsThatTellThemApart() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		RunPublication run = run();
		String first = value(client.publishRun(run));
		String second = value(client.publishRun(run));
		String deleted = value(client.publishRun(run));
		value(client.deleteRun(deleted, CRN));

		assertThat(value(client.courseRuns(CRN))).extracting(GatewayRun::id).containsExactly(first, second);
		assertThat(value(client.courseRuns(CRN)).get(0)).satisfies(listed -> {
			assertThat(listed.courseStart()).isEqualTo(run.startDate());
			assertThat(listed.courseEnd()).isEqualTo(run.endDate());
			assertThat(listed.registrationOpens()).isEqualTo(run.registrationOpens());
			assertThat(listed.registrationCloses()).isEqualTo(run.registrationCloses());
			assertThat(listed.modeOfTraining()).isEqualTo("1");
			assertThat(listed.courseAdminEmail()).isEqualTo("admin@example.com");
			assertThat(listed.intakeSize()).isEqualTo(20);
			assertThat(listed.venuePostalCode()).isEqualTo("068902");
		});
		assertThat(value(client.courseRuns("TGS-2020009999"))).isEmpty();

		assertThat(client.courseRuns("")).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("courseReferenceNumber: is required"));
		simulator.failNext(provider.uen(), 1, 503);
		assertThat(client.courseRuns(CRN)).isInstanceOf(TpGatewayResult.Retryable.class);
	}

	@Test
	void runEditsAreValidatedLikeTheRealApi() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		RunPublication run = run();
		String runId = value(client.publishRun(run));
		RunPublication badMode = new RunPublication(CRN, 1, run.registrationOpens(), run.registrationCloses(),
				run.startDate(), run.endDate(), 20, "10", "admin@example.com", "X", run.venue(), run.sessions());
		assertThat(client.updateRun(new RunUpdate(runId, badMode, List.of(RunUpdate.SessionEdit.delete("nope")))))
			.isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
					p -> assertThat(p.message()).contains("course.run.modeOfTraining")
						.contains("course.run.courseVacancy.code")
						.contains("course.run.sessions[0].sessionId"));
		assertThat(client.deleteRun("999999", CRN)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("runId"));
		simulator.failNext(provider.uen(), 1, 503);
		assertThat(client.deleteRun(runId, CRN)).isInstanceOf(TpGatewayResult.Retryable.class);
		assertThat(simulator.run(provider.uen(), runId)).get().satisfies(r -> assertThat(r.deleted()).isFalse());
	}

	@Test
	void updatesAnEnrolmentItsFeeCollectionAndCancelsIt() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		String runId = value(client.publishRun(run()));
		String reference = value(client.createEnrolment(enrolment(provider, runId, "S1234567D")));
		EnrolmentSubmission.Phone phone = new EnrolmentSubmission.Phone("65", null, "81112222");

		assertThat(value(client.updateEnrolment(reference,
				new EnrolmentUpdate(runId, "new@example.com", phone, new BigDecimal("25.50"), "Partial Payment"))))
			.isEqualTo(reference);
		assertThat(value(client.updateFeeCollection(reference, "Full Payment"))).isEqualTo(reference);
		assertThat(simulator.enrolmentDetails(provider.uen(), reference)).get().satisfies(d -> {
			assertThat(d.email()).isEqualTo("new@example.com");
			assertThat(d.phoneNumber()).isEqualTo("81112222");
			assertThat(d.discountAmount()).isEqualByComparingTo("25.50");
			assertThat(d.collectionStatus()).isEqualTo("Full Payment");
		});

		assertThat(client.updateFeeCollection(reference, "Paid")).isInstanceOfSatisfying(
				TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("enrolment.fees.collectionStatus"));
		assertThat(client.updateFeeCollection("ENR-0000-000000", "Full Payment"))
			.isInstanceOf(TpGatewayResult.Permanent.class);
		simulator.throttleNext(provider.uen(), Duration.ofSeconds(7));
		assertThat(client.cancelEnrolment(reference, runId)).isInstanceOfSatisfying(TpGatewayResult.Retryable.class,
				r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));

		assertThat(value(client.cancelEnrolment(reference, runId))).isEqualTo(reference);
		assertThat(value(client.findEnrolment(runId, "S1234567D"))).get()
			.satisfies(e -> assertThat(e.status()).isEqualTo("Cancelled"));
		assertThat(client.updateEnrolment(reference,
				new EnrolmentUpdate(runId, "new@example.com", phone, BigDecimal.ZERO, "Full Payment")))
			.isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
					p -> assertThat(p.message()).contains("cancelled"));
	}

	@Test
	void createsSearchesUpdatesAndVoidsAssessments() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		String runId = value(client.publishRun(run()));
		value(client.createEnrolment(enrolment(provider, runId, "S1234567D")));
		AssessmentSubmission pass = assessment(provider, runId, "S1234567D", "Pass", 81, "A");

		String reference = value(client.createAssessment(pass));
		assertThat(reference).matches("ASM-\\d{4}-\\d{6}");
		assertThat(client.createAssessment(pass)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("already has an assessment"));
		assertThat(value(client.findAssessment(runId, "S1234567D", "WSH-M1"))).get().satisfies(a -> {
			assertThat(a.referenceNumber()).isEqualTo(reference);
			assertThat(a.result() + " " + a.grade() + " " + a.score()).isEqualTo("Pass A 81");
		});
		assertThat(value(client.findAssessment(runId, "S1234567D", "WSH-M2"))).isEmpty();
		assertThat(value(client.searchAssessments(runId, null, null))).hasSize(1);

		value(client.updateAssessment(reference, assessment(provider, runId, "S1234567D", "Fail", 40, "E")));
		assertThat(simulator.assessments(provider.uen())).singleElement().satisfies(a -> {
			assertThat(a.result()).isEqualTo("Fail");
			assertThat(a.score()).isEqualTo(40);
		});
		assertThat(value(client.voidAssessment(reference))).isEqualTo(reference);
		assertThat(simulator.assessments(provider.uen())).singleElement()
			.extracting(SimulatedAssessment::status)
			.isEqualTo("Void");
		assertThat(value(client.findAssessment(runId, "S1234567D", "WSH-M1"))).isEmpty();
		assertThat(value(client.assessmentsOfRun(runId))).singleElement().satisfies(a -> {
			assertThat(a.voided()).isTrue();
			assertThat(a.result() + " " + a.grade() + " " + a.score()).isEqualTo("Fail E 40");
		});
		assertThat(client.updateAssessment(reference, pass)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("void"));
	}

	@Test
	void assessmentsAreValidatedLikeTheRealApi() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		String runId = value(client.publishRun(run()));
		AssessmentSubmission valid = assessment(provider, runId, "S1234567D", "Pass", 81, "A");
		AssessmentSubmission bad = new AssessmentSubmission(runId, CRN, valid.trainingPartnerCode(), "S1234567D", "SP",
				"Tan Ah Kow", "WSH-M1", "Competent", 1000, "G", valid.assessmentDate());

		assertThat(client.createAssessment(bad)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("assessment.trainee.idType")
					.contains("assessment.result")
					.contains("assessment.grade")
					.contains("assessment.score"));
		assertThat(client.createAssessment(valid)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("is not enrolled"));
		simulator.errorInEnvelopeNext(provider.uen(), "Search is unavailable");
		assertThat(client.searchAssessments(runId, null, null)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("Search is unavailable"));
		assertThat(simulator.assessments(provider.uen())).isEmpty();
	}

	private AssessmentSubmission assessment(SimulatedProvider provider, String runId, String nric, String result,
			int score, String grade) {
		return new AssessmentSubmission(runId, CRN, provider.uen() + "-01", nric, "NRIC", "Tan Ah Kow", "WSH-M1",
				result, score, grade, LocalDate.now(clock));
	}

	private TpGatewayClient client(SimulatedProvider provider) {
		return new TpGatewayClient(new TpGatewayConnection(
				URI.create("http://localhost:" + port + "/simulators/tpgateway/" + provider.uen()), provider.uen(),
				provider.encryptionKey(), new TpGatewayAuth.None(), null, Duration.ofSeconds(5)), LOCAL, clock);
	}

	private static String uen() {
		return "T26" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "K";
	}

	private RunPublication run() {
		LocalDate start = LocalDate.now(clock).plusDays(30);
		RunPublication.Venue venue = new RunPublication.Venue("112", "Robinson Road", "14", "04", "HSBC Building",
				"068902", "Room 1");
		return new RunPublication(CRN, 1, LocalDate.now(clock), start.minusDays(1), start, start.plusDays(1), 20, "1",
				"admin@example.com", "A", venue,
				List.of(new RunPublication.Session(start, start, LocalTime.of(9, 0), LocalTime.of(12, 30), "1", venue),
						new RunPublication.Session(start.plusDays(1), start.plusDays(1), LocalTime.of(9, 0),
								LocalTime.of(12, 30), "1", venue)));
	}

	private EnrolmentSubmission enrolment(SimulatedProvider provider, String runId, String nric) {
		EnrolmentSubmission.Phone phone = new EnrolmentSubmission.Phone("65", null, "91234567");
		return new EnrolmentSubmission(runId, CRN, provider.uen() + "-01",
				new EnrolmentSubmission.Trainee(nric, "SP", "Tan Ah Kow", LocalDate.of(1990, 1, 31),
						"ahkow@example.com", phone),
				LocalDate.now(clock), "INDIVIDUAL", null, BigDecimal.ZERO, "Pending Payment");
	}

	private static <T> T value(TpGatewayResult<T> result) {
		assertThat(result).isInstanceOf(TpGatewayResult.Success.class);
		return ((TpGatewayResult.Success<T>) result).value();
	}

}
