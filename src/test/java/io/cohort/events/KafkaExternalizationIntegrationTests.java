package io.cohort.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cohort.CohortApplication;
import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentResult;
import io.cohort.attendance.AbsenceRecorded;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.catalog.CourseManagement;
import io.cohort.certification.CertificateIssued;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.EnrolmentWaitlisted;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.system.RequestMetadata;
import io.cohort.testing.RunFixture;
import io.cohort.testing.Tenants;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.MDC;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cohort's events on Kafka, read as an outside system reads them, on an embedded KRaft
 * broker. Kafka is on only when {@code COHORT_KAFKA_BOOTSTRAP} is set, so these tests run
 * their own instance of the application (started here, closed here, on its own embedded
 * PostgreSQL) beside the shared test context, which stays without Kafka; the broker is
 * started by the first test only after the application has tried, and failed, to reach
 * it. The only embedded broker of the test JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaExternalizationIntegrationTests {

	static final int BROKER_PORT = 18310;

	static final int APP_PORT = 18311;

	static final List<String> TOPICS = List.of("student_enrolled", "enrolment_waitlisted", "enrolment_withdrawn",
			"attendance_marked_absent", "assessment_recorded", "certificate_issued", "class_run_scheduled");

	static final Duration PATIENCE = Duration.ofSeconds(90);

	static final JsonMapper JSON = JsonMapper.builder().build();

	ConfigurableApplicationContext app;

	EmbeddedKafkaKraftBroker broker;

	KafkaConsumer<String, String> consumer;

	PortForwarder forwarder;

	final List<ConsumerRecord<String, String>> received = new ArrayList<>();

	@BeforeAll
	void startApplication() throws IOException {
		Path target = Path.of("target");
		Files.createDirectories(target);
		Path dataDir = Files.createTempDirectory(target, "test-kafka-");
		app = new SpringApplicationBuilder(CohortApplication.class).run("--cohort.data-dir=" + dataDir,
				"--cohort.demo-data=false", "--server.port=" + APP_PORT, "--logging.structured.format.console=",
				"--cohort.jobs.workers=0", "--cohort.gateway.reconciliation.interval=0s",
				"--cohort.compliance.deadlines.interval=0s", "--cohort.notifications.retry-interval=0s",
				"--cohort.events.resubmit-interval=0s", "--cohort.kafka.bootstrap=localhost:" + BROKER_PORT,
				// a send to a broker that is down fails in a second instead of a minute
				"--spring.kafka.producer.properties.max.block.ms=1000");
	}

	@AfterAll
	void stop() throws IOException {
		if (consumer != null) {
			consumer.close();
		}
		if (app != null) {
			app.close();
		}
		if (forwarder != null) {
			forwarder.close();
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	@Order(1)
	void anEventCommittedWhileTheBrokerIsDownIsSentOnceItIsBack() {
		UUID tenant = UUID.randomUUID();
		AbsenceRecorded absence = absence(tenant);
		commit(absence);

		JdbcClient jdbc = app.getBean(JdbcClient.class);
		await().atMost(PATIENCE)
			.until(() -> jdbc.sql("""
					SELECT count(*) FROM event_publication
					WHERE completion_date IS NULL AND status = 'FAILED' AND event_type LIKE '%ExternalEvent'
					  AND CAST(serialized_event AS JSONB) ->> 'tenant_id' = :tenant""")
				.param("tenant", tenant.toString())
				.query(Long.class)
				.single() == 1);
		String storedId = jdbc.sql("SELECT CAST(serialized_event AS JSONB) ->> 'event_id' FROM event_publication "
				+ "WHERE event_type LIKE '%ExternalEvent' AND CAST(serialized_event AS JSONB) ->> 'tenant_id' = :tenant")
			.param("tenant", tenant.toString())
			.query(String.class)
			.single();

		startBroker();
		app.getBean(IncompleteEventPublications.class).resubmitIncompletePublications(publication -> true);

		JsonNode message = awaitMessage("attendance_marked_absent", tenant);
		assertThat(message.get("event_id").asString()).isEqualTo(storedId);
		assertThat(message.get("data").get("session_id").asString()).isEqualTo(absence.sessionId().toString());
		await().atMost(PATIENCE)
			.until(() -> jdbc.sql("""
					SELECT count(*) FROM event_publication
					WHERE completion_date IS NULL AND event_type LIKE '%ExternalEvent'
					  AND CAST(serialized_event AS JSONB) ->> 'tenant_id' = :tenant""")
				.param("tenant", tenant.toString())
				.query(Long.class)
				.single() == 0);
	}

	@Test
	@Order(2)
	void eachTopicCarriesItsEventsAsItsSchemaSays() throws IOException {
		startBroker();
		RunFixture fixture;
		MDC.put(RequestMetadata.MDC_KEY, "kafka-test-1");
		try {
			fixture = new RunFixture("kafka", 2, 1, app.getBean(TenantManagement.class),
					app.getBean(CourseManagement.class), app.getBean(ClassRunManagement.class),
					app.getBean(LearnerManagement.class), app.getBean(EnrolmentManagement.class));
			EnrolmentView absent = fixture.roster.get(0);
			EnrolmentView assessed = fixture.roster.get(1);
			Tenants.as(fixture.ops,
					() -> app.getBean(AttendanceManagement.class)
						.markSheet(fixture.sessions.get(0).id(), List.of(
								new AttendanceManagement.Entry(absent.id(), AttendanceStatus.ABSENT, null),
								new AttendanceManagement.Entry(assessed.id(), AttendanceStatus.PRESENT, null))));
			Tenants.as(fixture.assessor,
					() -> app.getBean(AssessmentManagement.class)
						.record(new AssessmentManagement.NewAssessment(assessed.id(), fixture.module(0),
								AssessmentResult.COMPETENT, null, null, fixture.today(), null)));
			Tenants.as(fixture.ops, () -> app.getBean(EnrolmentManagement.class).withdraw(absent.id(), "moved"));
			// a full run and an eligible enrolment take more than this test is about:
			// these
			// two are published as their modules publish them
			commit(new EnrolmentWaitlisted(fixture.tenant.id(), UUID.randomUUID(), fixture.run.id(), absent.learnerId(),
					1),
					new CertificateIssued(fixture.tenant.id(), UUID.randomUUID(), assessed.id(), fixture.run.id(),
							assessed.learnerId(), "CERT-2026-000001"));
		}
		finally {
			MDC.remove(RequestMetadata.MDC_KEY);
		}

		UUID tenant = fixture.tenant.id();
		SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
		for (String topic : TOPICS) {
			JsonNode message = awaitMessage(topic, tenant);
			Schema schema;
			try (InputStream in = Files.newInputStream(Path.of("docs", "events", topic + ".schema.json"))) {
				schema = schemas.getSchema(in);
			}
			assertThat(schema.validate(message)).as(topic + ": " + message).isEmpty();
			assertThat(message.get("type").asString()).isEqualTo(topic);
			assertThat(message.get("schema_version").asInt()).isEqualTo(1);
			assertThat(message.get("correlation_id").asString()).isEqualTo("kafka-test-1");
			JsonNode data = message.get("data");
			String entity = data.has("enrolment_id") ? data.get("enrolment_id").asString()
					: data.get("run_id").asString();
			assertThat(message.get("entity_id").asString()).isEqualTo(entity);
			assertThat(keyOf(message)).isEqualTo(tenant + ":" + entity);
		}
		JsonNode marked = awaitMessage("attendance_marked_absent", tenant);
		assertThat(marked.get("data").get("enrolment_id").asString()).isEqualTo(fixture.roster.get(0).id().toString());
		assertThat(marked.get("data").get("session_date").asString())
			.isEqualTo(fixture.sessions.get(0).date().toString());
		assertThat(messages("student_enrolled", tenant)).hasSize(2);
		for (ConsumerRecord<String, String> record : received) {
			assertThat(record.value()).doesNotContain(fixture.roster.get(0).learnerNationalId())
				.doesNotContain(fixture.roster.get(1).learnerNationalId());
		}
	}

	@Test
	@Order(3)
	void aRolledBackChangeSendsNothing() {
		startBroker();
		UUID tenant = UUID.randomUUID();
		AbsenceRecorded rolledBack = absence(tenant);
		app.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
			app.publishEvent(rolledBack);
			status.setRollbackOnly();
		});
		AbsenceRecorded committed = absence(tenant);
		commit(committed);

		// one partition per topic: what was sent before the committed event has arrived
		JsonNode message = awaitMessage("attendance_marked_absent", tenant);
		assertThat(message.get("data").get("session_id").asString()).isEqualTo(committed.sessionId().toString());
		assertThat(messages("attendance_marked_absent", tenant)).hasSize(1);
		assertThat(app.getBean(JdbcClient.class)
			.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%ExternalEvent' "
					+ "AND CAST(serialized_event AS JSONB) ->> 'tenant_id' = :t")
			.param("t", tenant.toString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private static AbsenceRecorded absence(UUID tenant) {
		return new AbsenceRecorded(tenant, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				LocalDate.of(2026, 12, 7));
	}

	private void commit(Object... events) {
		app.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
			for (Object event : events) {
				app.publishEvent(event);
			}
		});
	}

	private void startBroker() {
		if (broker != null) {
			return;
		}
		EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1, TOPICS.toArray(String[]::new));
		started.afterPropertiesSet();
		broker = started;
		// the application was told BROKER_PORT before the broker existed (KRaft takes a
		// random port)
		forwarder = PortForwarder.start(BROKER_PORT, Integer
			.parseInt(started.getBrokersAsString().substring(started.getBrokersAsString().lastIndexOf(':') + 1)));
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + BROKER_PORT);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "outside-consumer-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(TOPICS);
	}

	/** The first message of this tenant on the topic, waiting for it. */
	private JsonNode awaitMessage(String topic, UUID tenant) {
		await().atMost(PATIENCE).pollInSameThread().until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach(received::add);
			return !messages(topic, tenant).isEmpty();
		});
		return messages(topic, tenant).get(0);
	}

	private List<JsonNode> messages(String topic, UUID tenant) {
		return received.stream()
			.filter(record -> record.topic().equals(topic))
			.map(record -> JSON.readTree(record.value()))
			.filter(message -> message.get("tenant_id").asString().equals(tenant.toString()))
			.toList();
	}

	private String keyOf(JsonNode message) {
		String id = message.get("event_id").asString();
		return received.stream()
			.filter(record -> record.value().contains(id))
			.map(ConsumerRecord::key)
			.findFirst()
			.orElseThrow();
	}

}
