package io.cohort.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.cohort.IntegrationTest;
import io.cohort.gateway.simulator.SimulatedProvider;
import io.cohort.gateway.simulator.TpGatewaySimulator;
import io.cohort.system.OutboundUrlPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The TPGateway client against the in-app simulator: every operation, every fault, OAuth.
 */
class TpGatewayClientIntegrationTests extends IntegrationTest {

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
	void publishesARunAndReturnsItsId() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayResult<String> result = client(provider).publishRun(run());
		assertThat(result).isInstanceOf(TpGatewayResult.Success.class);
		String runId = value(result);
		assertThat(runId).matches("\\d{6,}");
		assertThat(simulator.hasRun(provider.uen(), runId)).isTrue();
		assertThat(simulator.sessionIds(provider.uen(), runId)).hasSize(2);
	}

	@Test
	void enrolsATraineeAndTheSearchFindsTheEnrolment() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		String runId = value(client.publishRun(run()));
		String reference = value(client.createEnrolment(enrolment(provider, runId, "S1234567D")));
		assertThat(reference).matches("ENR-\\d{4}-\\d{6}");
		value(client.createEnrolment(enrolment(provider, runId, "S7654321F")));

		List<GatewayEnrolment> all = value(client.searchEnrolments(runId, null));
		assertThat(all).extracting(GatewayEnrolment::traineeId).containsExactlyInAnyOrder("S1234567D", "S7654321F");
		Optional<GatewayEnrolment> found = value(client.findEnrolment(runId, "S1234567D"));
		assertThat(found).get().extracting(GatewayEnrolment::referenceNumber).isEqualTo(reference);
		assertThat(found.get().status()).isEqualTo("Confirmed");
		assertThat(value(client.findEnrolment(runId, "S0000001I"))).isEmpty();
	}

	@Test
	void uploadsOneTraineesAttendance() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		String runId = value(client.publishRun(run()));
		String sessionId = simulator.sessionIds(provider.uen(), runId).get(0);
		TpGatewayResult<String> result = client.uploadAttendance(attendance(runId, sessionId, "1"));
		assertThat(value(result)).isEqualTo(sessionId);
		assertThat(simulator.attendance(provider.uen(), sessionId, "S1234567D")).get().satisfies(a -> {
			assertThat(a.statusCode()).isEqualTo("1");
			assertThat(a.numberOfHours()).isEqualByComparingTo("3.5");
		});
	}

	@Test
	void invalidRequestsArePermanentFailuresWithTheGatewaysMessage() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		RunPublication good = run();
		RunPublication badMode = new RunPublication(CRN, 1, good.registrationOpens(), good.registrationCloses(),
				good.startDate(), good.endDate(), 20, "10", "admin@example.com", "A", good.venue(), good.sessions());
		assertThat(client.publishRun(badMode)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class, p -> {
			assertThat(p.httpStatus()).isEqualTo(400);
			assertThat(p.message()).contains("course.runs[0].modeOfTraining");
		});

		String runId = value(client.publishRun(good));
		EnrolmentSubmission valid = enrolment(provider, runId, "S1234567D");
		EnrolmentSubmission.Trainee t = valid.trainee();
		EnrolmentSubmission badIdType = new EnrolmentSubmission(runId, CRN, valid.trainingPartnerCode(),
				new EnrolmentSubmission.Trainee(t.id(), "NRIC", t.fullName(), t.dateOfBirth(), t.email(), t.phone()),
				valid.enrolmentDate(), "EMPLOYER", null, BigDecimal.ZERO, "Full Payment");
		assertThat(client.createEnrolment(badIdType)).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("enrolment.trainee.idType.type")
					.contains("enrolment.trainee.employer.uen"));
		assertThat(client.createEnrolment(enrolment(provider, "999999", "S1234567D"))).isInstanceOfSatisfying(
				TpGatewayResult.Permanent.class, p -> assertThat(p.message()).contains("enrolment.course.run.id"));

		String sessionId = simulator.sessionIds(provider.uen(), runId).get(0);
		assertThat(client.uploadAttendance(attendance(runId, sessionId, "5"))).isInstanceOfSatisfying(
				TpGatewayResult.Permanent.class,
				p -> assertThat(p.message()).contains("course.attendance.status.code"));
		assertThat(simulator.enrolments(provider.uen())).isEmpty();
		assertThat(simulator.attendance(provider.uen(), sessionId, "S1234567D")).isEmpty();
	}

	@Test
	void readsACourseFromTheCourseRegistryAndAnUnknownOneIsAnAnswerNotAFailure() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		simulator.listCourse("TGS-2020001111", "Workplace Safety and Health", "Inactive");
		simulator.delistCourse("TGS-2020002222");

		assertThat(value(client.registryCourse("TGS-2020001111")))
			.contains(new RegistryCourse("TGS-2020001111", "Workplace Safety and Health", "Inactive"));
		assertThat(value(client.registryCourse("TGS-2020002222"))).isEmpty();
		simulator.failNext(provider.uen(), 1, 503);
		assertThat(client.registryCourse("TGS-2020001111")).isInstanceOf(TpGatewayResult.Retryable.class);
	}

	@Test
	void serverErrorsAreRetryableAndChangeNothing() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		simulator.failNext(provider.uen(), 2, 503);
		assertThat(client.publishRun(run())).isInstanceOfSatisfying(TpGatewayResult.Retryable.class,
				r -> assertThat(r.httpStatus()).isEqualTo(503));
		assertThat(client.publishRun(run())).isInstanceOf(TpGatewayResult.Retryable.class);
		assertThat(client.publishRun(run())).isInstanceOf(TpGatewayResult.Success.class);
	}

	@Test
	void throttlingIsRetryableAfterTheGatewaysDelay() {
		SimulatedProvider provider = simulator.register(uen(), false);
		simulator.throttleNext(provider.uen(), Duration.ofSeconds(30));
		assertThat(client(provider).publishRun(run())).isInstanceOfSatisfying(TpGatewayResult.Retryable.class, r -> {
			assertThat(r.httpStatus()).isEqualTo(429);
			assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void aSlowGatewayIsRetryable() {
		SimulatedProvider provider = simulator.register(uen(), false);
		simulator.delayNext(provider.uen(), Duration.ofSeconds(3));
		TpGatewayClient client = new TpGatewayClient(
				connection(provider, new TpGatewayAuth.None(), Duration.ofMillis(300)), LOCAL, clock);
		assertThat(client.publishRun(run())).isInstanceOfSatisfying(TpGatewayResult.Retryable.class, r -> {
			assertThat(r.httpStatus()).isZero();
			assertThat(r.message()).contains("did not answer");
		});
	}

	@Test
	void rejectionsAndErrorsInsideA200EnvelopeArePermanent() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		simulator.rejectNext(provider.uen(), "course.courseReferenceNumber", "is not a course of this provider");
		assertThat(client.publishRun(run())).isInstanceOfSatisfying(TpGatewayResult.Permanent.class, p -> {
			assertThat(p.httpStatus()).isEqualTo(400);
			assertThat(p.message()).contains("course.courseReferenceNumber: is not a course of this provider");
		});
		simulator.errorInEnvelopeNext(provider.uen(), "Course run is closed for enrolment");
		assertThat(client.publishRun(run())).isInstanceOfSatisfying(TpGatewayResult.Permanent.class, p -> {
			assertThat(p.httpStatus()).isEqualTo(200);
			assertThat(p.message()).isEqualTo("Course run is closed for enrolment");
		});
	}

	@Test
	void aDroppedResponseIsRetryableButTheSearchFindsTheAppliedEnrolment() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = client(provider);
		String runId = value(client.publishRun(run()));
		simulator.applyThenDropNext(provider.uen());
		assertThat(client.createEnrolment(enrolment(provider, runId, "S1234567D")))
			.isInstanceOfSatisfying(TpGatewayResult.Retryable.class, r -> assertThat(r.httpStatus()).isEqualTo(502));

		assertThat(simulator.enrolments(provider.uen())).hasSize(1);
		Optional<GatewayEnrolment> found = value(client.findEnrolment(runId, "S1234567D"));
		assertThat(found).get()
			.extracting(GatewayEnrolment::referenceNumber)
			.isEqualTo(simulator.enrolments(provider.uen()).get(0).referenceNumber());
		assertThat(client.createEnrolment(enrolment(provider, runId, "S1234567D"))).isInstanceOfSatisfying(
				TpGatewayResult.Permanent.class, p -> assertThat(p.message()).contains("already enrolled"));
	}

	@Test
	void oauthTokensAreFetchedOnceAndReused() {
		SimulatedProvider provider = simulator.register(uen(), true);
		TpGatewayClient client = new TpGatewayClient(
				connection(provider, oauth(provider, provider.clientSecret()), Duration.ofSeconds(5)), LOCAL, clock);
		String runId = value(client.publishRun(run()));
		value(client.createEnrolment(enrolment(provider, runId, "S1234567D")));
		value(client.searchEnrolments(runId, null));
		assertThat(client.tokensFetched()).isEqualTo(1);
		assertThat(simulator.tokensIssued(provider.uen())).isEqualTo(1);
	}

	@Test
	void wrongCredentialsOrKeysArePermanentFailures() {
		SimulatedProvider provider = simulator.register(uen(), true);
		TpGatewayClient wrongSecret = new TpGatewayClient(
				connection(provider, oauth(provider, "wrong"), Duration.ofSeconds(5)), LOCAL, clock);
		assertThat(wrongSecret.publishRun(run())).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.httpStatus()).isEqualTo(401));
		assertThat(client(provider).publishRun(run())).isInstanceOfSatisfying(TpGatewayResult.Permanent.class,
				p -> assertThat(p.httpStatus()).isEqualTo(401));

		SimulatedProvider open = simulator.register(uen(), false);
		TpGatewayConnection wrongKey = new TpGatewayConnection(baseUrl(open), open.uen(), SsgPayloadCipherTests.KEY,
				new TpGatewayAuth.None(), "v1.3", Duration.ofSeconds(5));
		assertThat(new TpGatewayClient(wrongKey, LOCAL, clock).publishRun(run()))
			.isInstanceOfSatisfying(TpGatewayResult.Permanent.class, p -> assertThat(p.httpStatus()).isEqualTo(400));
		assertThat(simulator.enrolments(open.uen())).isEmpty();
	}

	@Test
	void aProviderGetsItsKeyFromTheSimulatorsPortalOnceAndTheClientWorksWithIt() throws Exception {
		String uen = "20" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000) + "P";
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpRequest register = java.net.http.HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/simulators/tpgateway/" + uen + "/portal/credentials"))
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
			.build();

		java.net.http.HttpResponse<String> first = http.send(register,
				java.net.http.HttpResponse.BodyHandlers.ofString());
		java.net.http.HttpResponse<String> again = http.send(register,
				java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(409);
		String key = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(first.body())
			.get("encryption_key")
			.asString();
		TpGatewayConnection connection = new TpGatewayConnection(
				URI.create("http://localhost:" + port + "/simulators/tpgateway/" + uen), uen, key,
				new TpGatewayAuth.None(), null, Duration.ofSeconds(5));
		String runId = value(new TpGatewayClient(connection, LOCAL, clock).publishRun(run()));
		assertThat(simulator.hasRun(uen, runId)).isTrue();
	}

	@Test
	void aTimedOutCallThatTheGatewayAppliedIsRetryableAndTheRecordIsThere() {
		SimulatedProvider provider = simulator.register(uen(), false);
		TpGatewayClient client = new TpGatewayClient(
				connection(provider, new TpGatewayAuth.None(), Duration.ofMillis(200)), LOCAL, clock);
		String runId = value(client.publishRun(run()));
		simulator.stallAfterApplyingNext(provider.uen(), io.cohort.gateway.simulator.SimulatedCall.CREATE_ENROLMENT,
				Duration.ofSeconds(1));

		assertThat(client.createEnrolment(enrolment(provider, runId, "S1234567D")))
			.isInstanceOf(TpGatewayResult.Retryable.class);
		assertThat(simulator.enrolments(provider.uen())).singleElement()
			.satisfies(e -> assertThat(e.traineeId()).isEqualTo("S1234567D"));
	}

	private TpGatewayClient client(SimulatedProvider provider) {
		return new TpGatewayClient(connection(provider, new TpGatewayAuth.None(), Duration.ofSeconds(5)), LOCAL, clock);
	}

	private TpGatewayConnection connection(SimulatedProvider provider, TpGatewayAuth auth, Duration timeout) {
		return new TpGatewayConnection(baseUrl(provider), provider.uen(), provider.encryptionKey(), auth, null,
				timeout);
	}

	private TpGatewayAuth.OAuth oauth(SimulatedProvider provider, String secret) {
		return new TpGatewayAuth.OAuth(URI.create(baseUrl(provider) + "/dp-oauth/oauth/token"), provider.clientId(),
				secret);
	}

	private URI baseUrl(SimulatedProvider provider) {
		return URI.create("http://localhost:" + port + "/simulators/tpgateway/" + provider.uen());
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
				new EnrolmentSubmission.Trainee(nric, "SP", "Tan Ah Kow 陈亚九", LocalDate.of(1990, 1, 31),
						"ahkow@example.com", phone),
				LocalDate.now(clock), "EMPLOYER",
				new EnrolmentSubmission.Employer("201000372W", "Lim Mei Ling", "hr@example.com", phone),
				BigDecimal.ZERO, "Full Payment");
	}

	private static AttendanceUpload attendance(String runId, String sessionId, String status) {
		return new AttendanceUpload(runId, CRN, sessionId, status, "S1234567D", "SP", "Tan Ah Kow", "ahkow@example.com",
				"91234567", new BigDecimal("3.5"), "EL", null);
	}

	private static <T> T value(TpGatewayResult<T> result) {
		assertThat(result).isInstanceOf(TpGatewayResult.Success.class);
		return ((TpGatewayResult.Success<T>) result).value();
	}

}
