package io.cohort.events;

import java.time.Clock;
import java.util.UUID;

import io.cohort.assessment.AssessmentRecorded;
import io.cohort.attendance.AbsenceRecorded;
import io.cohort.certification.CertificateIssued;
import io.cohort.enrolment.EnrolmentConfirmed;
import io.cohort.enrolment.EnrolmentWaitlisted;
import io.cohort.enrolment.EnrolmentWithdrawn;
import io.cohort.scheduling.ClassRunScheduled;
import io.cohort.system.RequestMetadata;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wraps each domain event that leaves Cohort in an {@link ExternalEvent}, in the change's
 * transaction (a synchronous listener), so that the envelope, its id and its time are
 * stored with the change in the event publication registry; Spring Modulith sends it to
 * the topic named by its type after commit, and resends it until the broker takes it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.modulith.events.externalization.enabled", havingValue = "true")
class ExternalEvents {

	static final int SCHEMA_VERSION = 1;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	ExternalEvents(ApplicationEventPublisher events, JsonMapper json, Clock clock) {
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/** Static: Spring Modulith needs it before this class's listeners can be built. */
	@Bean
	static EventExternalizationConfiguration eventExternalization() {
		return EventExternalizationConfiguration.externalizing()
			.selectByType(ExternalEvent.class)
			.route(ExternalEvent.class, event -> RoutingTarget.forTarget(event.type()).andKey(event.key()))
			.build();
	}

	@EventListener
	void on(EnrolmentConfirmed event) {
		publish("student_enrolled", event.tenantId(), event.enrolmentId(), event);
	}

	@EventListener
	void on(EnrolmentWaitlisted event) {
		publish("enrolment_waitlisted", event.tenantId(), event.enrolmentId(), event);
	}

	@EventListener
	void on(EnrolmentWithdrawn event) {
		publish("enrolment_withdrawn", event.tenantId(), event.enrolmentId(), event);
	}

	@EventListener
	void on(AbsenceRecorded event) {
		publish("attendance_marked_absent", event.tenantId(), event.enrolmentId(), event);
	}

	@EventListener
	void on(AssessmentRecorded event) {
		publish("assessment_recorded", event.tenantId(), event.enrolmentId(), event);
	}

	@EventListener
	void on(CertificateIssued event) {
		publish("certificate_issued", event.tenantId(), event.enrolmentId(), event);
	}

	@EventListener
	void on(ClassRunScheduled event) {
		publish("class_run_scheduled", event.tenantId(), event.runId(), event);
	}

	/**
	 * The event's own fields, but the tenant, become {@code data}: ids and facts (the
	 * domain events carry no personal data). The schemas in {@code docs/events/}, checked
	 * against real messages, catch a field renamed by accident.
	 */
	private void publish(String type, UUID tenant, UUID entity, Object event) {
		ObjectNode data = json.valueToTree(event);
		data.remove("tenant_id");
		events.publishEvent(new ExternalEvent(UUID.randomUUID(), type, SCHEMA_VERSION, clock.instant(), tenant,
				RequestMetadata.correlationId().orElse(null), entity, data));
	}

}
