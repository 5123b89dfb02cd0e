package io.cohort.gateway;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.NationalId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out TPGateway jobs with the tenant's own connection. TPGateway has no idempotency key, so a
 * create first searches for the record and adopts it when an earlier attempt reached the gateway
 * although its answer was lost. National ids are read at send time, through the audited
 * {@link LearnerManagement#nationalIdForSubmission}, never stored in a job.
 */
@Component
class TpGatewayExecutor implements SyncExecutor {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GatewaySettingsManagement settings;

	private final SyncJobRepository jobs;

	private final LearnerManagement learners;

	private final Clock clock;

	private final Map<UUID, CachedClient> clients = new ConcurrentHashMap<>();

	/** How many runs' session lists each tenant's client keeps. */
	private static final int SESSION_LISTS = 500;

	/**
	 * A client and the settings version it was built from (it keeps its OAuth token), with the session
	 * lists of the runs it uploaded attendance for lately: a run's sessions are fetched once, not before
	 * every upload, and again when a session is not in the list.
	 */
	private record CachedClient(Instant version, TpGatewayClient client, Map<String, List<GatewaySession>> sessions) {

		CachedClient(Instant version, TpGatewayClient client) {
			this(version, client, Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<String, List<GatewaySession>> eldest) {
					return size() > SESSION_LISTS;
				}
			}));
		}

	}

	TpGatewayExecutor(GatewaySettingsManagement settings, SyncJobRepository jobs, LearnerManagement learners,
			Clock clock) {
		this.settings = settings;
		this.jobs = jobs;
		this.learners = learners;
		this.clock = clock;
	}

	@Override
	public SyncOutcome execute(SyncJob job) {
		Optional<GatewaySettingsManagement.Versioned> connection = settings.connection(job.tenantId());
		if (connection.isEmpty()) {
			return new SyncOutcome.Permanent("TPGateway is not switched on for this tenant");
		}
		CachedClient cached = clients.compute(job.tenantId(),
				(tenant, known) -> known != null && known.version().equals(connection.get().version()) ? known
						: new CachedClient(connection.get().version(),
								new TpGatewayClient(connection.get().connection(), clock)));
		TpGatewayClient client = cached.client();
		return switch (job.operation()) {
			case GatewayOutbox.PUBLISH_RUN -> outcome(client.publishRun(JSON.readValue(job.payload(), RunPublication.class)));
			case GatewayOutbox.CREATE_ENROLMENT -> createEnrolment(client, connection.get().connection().uen(), job);
			case GatewayOutbox.UPLOAD_ATTENDANCE -> uploadAttendance(cached, job);
			default -> new SyncOutcome.Permanent("Unknown operation " + job.operation());
		};
	}

	private SyncOutcome createEnrolment(TpGatewayClient client, String uen, SyncJob job) {
		String runId = job.waitsFor() == null ? null
				: jobs.find(job.tenantId(), job.waitsFor()).map(SyncJob::gatewayReference).orElse(null);
		if (runId == null) {
			return new SyncOutcome.Permanent("The run has no TPGateway id yet");
		}
		JsonNode payload = JSON.readTree(job.payload());
		UUID learnerId = UUID.fromString(payload.get("learner_id").asString());
		return CurrentActor.asSystem(job.tenantId(), () -> {
			LearnerView learner = learners.get(learnerId);
			if (learner.dateOfBirth() == null || learner.phone().isBlank()) {
				return new SyncOutcome.Permanent("TPGateway needs the learner's date of birth, email and phone");
			}
			NationalId id = learners.nationalIdForSubmission(learnerId, "TPGateway enrolment");
			TpGatewayResult<Optional<GatewayEnrolment>> found = client.findEnrolment(runId, id.value());
			if (found instanceof TpGatewayResult.Success<Optional<GatewayEnrolment>> success
					&& success.value().isPresent()) {
				return new SyncOutcome.Succeeded(success.value().get().referenceNumber());
			}
			if (!found.succeeded()) {
				return outcome(found);
			}
			EnrolmentSubmission submission = new EnrolmentSubmission(runId,
					payload.get("course_reference_number").asString(), uen + "-01",
					new EnrolmentSubmission.Trainee(id.value(), id.type().name(), learner.fullName(), learner.dateOfBirth(),
							learner.email(), phone(learner.phone())),
					LocalDate.parse(payload.get("enrolment_date").asString()), payload.get("sponsorship_type").asString(),
					null, new BigDecimal(payload.get("discount_amount").asString()),
					payload.get("fee_collection_status").asString());
			return outcome(client.createEnrolment(submission));
		});
	}

	private SyncOutcome uploadAttendance(CachedClient cached, SyncJob job) {
		TpGatewayClient client = cached.client();
		Optional<SyncJob> enrolmentJob = Optional.ofNullable(job.waitsFor()).flatMap(id -> jobs.find(job.tenantId(), id));
		String runId = enrolmentJob.map(SyncJob::waitsFor)
			.flatMap(id -> jobs.find(job.tenantId(), id))
			.map(SyncJob::gatewayReference)
			.orElse(null);
		if (runId == null) {
			return new SyncOutcome.Permanent("The run has no TPGateway id yet");
		}
		JsonNode payload = JSON.readTree(job.payload());
		String crn = payload.get("course_reference_number").asString();
		LocalDate date = LocalDate.parse(payload.get("session_date").asString());
		java.time.LocalTime start = java.time.LocalTime.parse(payload.get("start_time").asString());
		Optional<GatewaySession> known = find(cached.sessions().get(runId), date, start);
		if (known.isEmpty()) {
			TpGatewayResult<List<GatewaySession>> sessions = client.sessions(runId, crn);
			if (!(sessions instanceof TpGatewayResult.Success<List<GatewaySession>> listed)) {
				return outcome(sessions);
			}
			cached.sessions().put(runId, listed.value());
			known = find(listed.value(), date, start);
		}
		Optional<GatewaySession> session = known;
		if (session.isEmpty()) {
			return new SyncOutcome.Permanent("TPGateway has no session of run " + runId + " on " + date + " at " + start
					+ "; publish the run's sessions first");
		}
		UUID learnerId = UUID.fromString(payload.get("learner_id").asString());
		return CurrentActor.asSystem(job.tenantId(), () -> {
			LearnerView learner = learners.get(learnerId);
			NationalId id = learners.nationalIdForSubmission(learnerId, "TPGateway attendance");
			return outcome(client.uploadAttendance(new AttendanceUpload(runId, crn, session.get().id(), "1", id.value(),
					id.type().name(), learner.fullName(), learner.email(),
					learner.phone().isBlank() ? null : phone(learner.phone()).phoneNumber(),
					new BigDecimal(payload.get("hours").asString()), "EL", null)));
		});
	}

	private static Optional<GatewaySession> find(@Nullable List<GatewaySession> sessions, LocalDate date,
			java.time.LocalTime start) {
		return sessions == null ? Optional.empty()
				: sessions.stream().filter(s -> s.date().equals(date) && s.startTime().equals(start)).findFirst();
	}

	/** A Singapore number as TPGateway splits it: country code 65 and the eight-digit number. */
	private static EnrolmentSubmission.Phone phone(String phone) {
		String digits = phone.replaceAll("\\D", "");
		if (digits.length() == 10 && digits.startsWith("65")) {
			digits = digits.substring(2);
		}
		return new EnrolmentSubmission.Phone("65", null, digits);
	}

	private static SyncOutcome outcome(TpGatewayResult<?> result) {
		if (result instanceof TpGatewayResult.Success<?> success) {
			Object value = success.value();
			return new SyncOutcome.Succeeded(value == null ? null : String.valueOf(value));
		}
		if (result instanceof TpGatewayResult.Retryable<?> retryable) {
			return new SyncOutcome.Retryable(retryable.message(), retryable.retryAfter());
		}
		TpGatewayResult.Permanent<?> permanent = (TpGatewayResult.Permanent<?>) result;
		return new SyncOutcome.Permanent(permanent.message());
	}

}
