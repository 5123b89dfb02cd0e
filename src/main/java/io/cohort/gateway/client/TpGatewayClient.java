package io.cohort.gateway.client;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cohort.system.OutboundUrlPolicy;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A TPGateway client speaking the real wire format: one method per endpoint mapping the
 * records to and from TPGateway's JSON, over a {@link TpGatewayTransport} that encrypts
 * with {@link SsgPayloadCipher} and checks the {@code {data, error, meta, status}}
 * envelope (an error inside a 200 envelope is a failure). Every call returns a
 * {@link TpGatewayResult}; nothing is thrown for gateway or network trouble.
 */
public final class TpGatewayClient {

	private static final DateTimeFormatter RUN_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final int SEARCH_PAGE = 100;

	private static final int RUN_PAGE_SIZE = 100;

	private static final int RUN_PAGES = 20;

	private final TpGatewayConnection connection;

	private final TpGatewayTransport transport;

	/**
	 * A client that calls only URLs {@code urls} allows, checked again before every call.
	 */
	public TpGatewayClient(TpGatewayConnection connection, OutboundUrlPolicy urls, Clock clock) {
		this.connection = connection;
		this.transport = new TpGatewayTransport(connection, urls, clock);
	}

	/** Publishes a course run with its sessions; the value is TPGateway's run id. */
	public TpGatewayResult<String> publishRun(RunPublication run) {
		Map<String, Object> wireRun = wireRun(run);
		wireRun.put("sessions", run.sessions().stream().map(this::session).toList());
		Map<String, Object> body = object("course", object("courseReferenceNumber", run.courseReferenceNumber(),
				"trainingProvider", object("uen", connection.uen()), "runs", List.of(wireRun)));
		return transport.post(transport.endpoint("/courses/courseRuns/publish"), body,
				data -> text(data.path("runs").path(0).path("id"), "run id"));
	}

	/**
	 * The live runs TPGateway holds for one of the provider's courses ({@code GET
	 * /courses/courseRuns/reference}), every page of them: the search before publishing,
	 * since TPGateway takes no idempotency key. A run is read with its id ({@code id}, or
	 * {@code courseRunId}) and course dates ({@code courseDates}, or
	 * {@code courseStartDate}/{@code courseEndDate}, as YYYYMMDD); a run without them
	 * makes the answer unusable rather than skipped, so nothing is published on a guess.
	 */
	public TpGatewayResult<List<GatewayRun>> courseRuns(String courseReferenceNumber) {
		return Paging.all(RUN_PAGE_SIZE, RUN_PAGES, page -> transport.get(transport.endpoint(
				"/courses/courseRuns/reference?uen={uen}&courseReferenceNumber={crn}&pageSize={size}&page={page}",
				connection.uen(), courseReferenceNumber, RUN_PAGE_SIZE, page), data -> {
					List<GatewayRun> found = new ArrayList<>();
					for (JsonNode run : data.path("course").path("runs")) {
						found.add(gatewayRun(run));
					}
					return found;
				}),
				"TPGateway lists more than " + RUN_PAGES * RUN_PAGE_SIZE + " runs of course " + courseReferenceNumber);
	}

	private static GatewayRun gatewayRun(JsonNode run) {
		String id = run.path("id").asString(run.path("courseRunId").asString(""));
		LocalDate start = listedDate(run.path("courseDates").path("start"), run.path("courseStartDate"));
		LocalDate end = listedDate(run.path("courseDates").path("end"), run.path("courseEndDate"));
		if (id.isBlank() || start == null || end == null) {
			throw new IllegalArgumentException("TPGateway listed a run of the course without its id or course dates");
		}
		JsonNode intake = run.path("intakeSize");
		return new GatewayRun(id, start, end, listedDate(run.path("registrationDates").path("opening"), null),
				listedDate(run.path("registrationDates").path("closing"), null), optional(run.path("modeOfTraining")),
				optional(run.path("courseAdminEmail")), intake.isNumber() ? intake.asInt() : null,
				optional(run.path("venue").path("postalCode")));
	}

	/**
	 * A run date as TPGateway writes it (YYYYMMDD, number or string), or the fallback's,
	 * or null.
	 */
	private static @Nullable LocalDate listedDate(JsonNode node, @Nullable JsonNode fallback) {
		String text = node.isValueNode() ? node.asString("").trim() : "";
		if (text.isEmpty() && fallback != null) {
			return listedDate(fallback, null);
		}
		if (!text.matches("\\d{8}")) {
			return null;
		}
		try {
			return LocalDate.parse(text, RUN_DATE);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable String optional(JsonNode node) {
		String text = node.isValueNode() ? node.asString("").trim() : "";
		return text.isEmpty() ? null : text;
	}

	/**
	 * Updates a published run ({@code POST /courses/courseRuns/edit/{runId}},
	 * {@code run.action = "update"}) with its sessions added, updated or deleted; the
	 * value is the run id.
	 */
	public TpGatewayResult<String> updateRun(RunUpdate update) {
		Map<String, Object> wireRun = object("action", "update");
		wireRun.putAll(wireRun(update.run()));
		wireRun.put("sessions", update.sessions().stream().map(edit -> {
			Map<String, Object> session = object("action", edit.action(), "sessionId", edit.sessionId());
			if (edit.session() != null) {
				session.putAll(session(edit.session()));
			}
			return session;
		}).toList());
		return editRun(update.runId(), update.run().courseReferenceNumber(), wireRun);
	}

	/**
	 * Deletes a published run ({@code run.action = "delete"}); the value is the run id.
	 */
	public TpGatewayResult<String> deleteRun(String runId, String courseReferenceNumber) {
		return editRun(runId, courseReferenceNumber, object("action", "delete"));
	}

	private TpGatewayResult<String> editRun(String runId, String courseReferenceNumber, Map<String, Object> wireRun) {
		Map<String, Object> body = object("course", object("courseReferenceNumber", courseReferenceNumber,
				"trainingProvider", object("uen", connection.uen()), "run", wireRun));
		return transport.post(transport.endpoint("/courses/courseRuns/edit/{runId}", runId), body, data -> runId);
	}

	/**
	 * Enrols a trainee into a published run; the value is TPGateway's enrolment reference
	 * number.
	 */
	public TpGatewayResult<String> createEnrolment(EnrolmentSubmission enrolment) {
		EnrolmentSubmission.Trainee trainee = enrolment.trainee();
		Map<String, Object> wireTrainee = object("id", trainee.id(), "idType", object("type", trainee.idType()),
				"fullName", trainee.fullName(), "dateOfBirth", trainee.dateOfBirth().toString(), "emailAddress",
				trainee.email(), "contactNumber", phone(trainee.phone()), "enrolmentDate",
				enrolment.enrolmentDate().toString(), "sponsorshipType", enrolment.sponsorshipType(), "fees",
				object("discountAmount", enrolment.discountAmount(), "collectionStatus",
						enrolment.feeCollectionStatus()));
		EnrolmentSubmission.Employer employer = enrolment.employer();
		if (employer != null) {
			wireTrainee.put("employer",
					object("uen", employer.uen(), "contact", object("fullName", employer.contactName(), "emailAddress",
							employer.contactEmail(), "contactNumber", phone(employer.contactPhone()))));
		}
		Map<String, Object> body = object("enrolment",
				object("course",
						object("run", object("id", enrolment.runId()), "referenceNumber",
								enrolment.courseReferenceNumber()),
						"trainee", wireTrainee, "trainingPartner",
						object("uen", connection.uen(), "code", enrolment.trainingPartnerCode())));
		return transport.post(transport.endpoint("/tpg/enrolments"), body,
				data -> text(data.path("enrolment").path("referenceNumber"), "enrolment reference number"));
	}

	/**
	 * The enrolments TPGateway holds for a run (one page of up to 100), optionally for
	 * one trainee.
	 */
	public TpGatewayResult<List<GatewayEnrolment>> searchEnrolments(String runId, @Nullable String traineeId) {
		return searchEnrolments(runId, traineeId, "updatedOn", 0);
	}

	/**
	 * One page of the enrolments TPGateway holds for a run ({@code POST
	 * /tpg/enrolments/search}), optionally for one trainee, sorted by the field.
	 */
	private TpGatewayResult<List<GatewayEnrolment>> searchEnrolments(String runId, @Nullable String traineeId,
			String sortField, int page) {
		Map<String, Object> criteria = object("course", object("run", object("id", runId)));
		if (traineeId != null) {
			criteria.put("trainee", object("id", traineeId));
		}
		criteria.put("trainingPartner", object("uen", connection.uen()));
		Map<String, Object> body = object("sortBy", object("field", sortField, "order", "asc"), "enrolment", criteria,
				"parameters", object("page", page, "pageSize", SEARCH_PAGE));
		return transport.post(transport.endpoint("/tpg/enrolments/search"), body, data -> {
			List<GatewayEnrolment> found = new ArrayList<>();
			for (JsonNode e : data) {
				found.add(new GatewayEnrolment(e.path("referenceNumber").asString(),
						e.path("course").path("run").path("id").asString(), e.path("trainee").path("id").asString(),
						e.path("status").asString()));
			}
			return found;
		});
	}

	/**
	 * The trainee's enrolment in the run, if TPGateway has one: the check before creating
	 * again.
	 */
	public TpGatewayResult<Optional<GatewayEnrolment>> findEnrolment(String runId, String traineeId) {
		TpGatewayResult<List<GatewayEnrolment>> search = searchEnrolments(runId, traineeId);
		if (!(search instanceof TpGatewayResult.Success<List<GatewayEnrolment>> found)) {
			return TpGatewayTransport.retype(search);
		}
		return new TpGatewayResult.Success<>(found.value()
			.stream()
			.filter(e -> e.runId().equals(runId) && e.traineeId().equalsIgnoreCase(traineeId))
			.findFirst());
	}

	/**
	 * Updates an enrolment's trainee contact details and fees ({@code POST
	 * /tpg/enrolments/details/{ref}}, {@code action = "Update"}); the value is the
	 * enrolment reference number.
	 */
	public TpGatewayResult<String> updateEnrolment(String referenceNumber, EnrolmentUpdate update) {
		Map<String, Object> enrolment = object("action", "Update", "course",
				object("run", object("id", update.runId())), "trainee",
				object("email", update.email(), "contactNumber", phone(update.phone())), "fees",
				object("discountAmount", update.discountAmount(), "collectionStatus", update.collectionStatus()));
		return transport.post(enrolmentPath(referenceNumber), object("enrolment", enrolment), data -> referenceNumber);
	}

	/**
	 * Cancels an enrolment ({@code action = "Cancel"}); the value is the enrolment
	 * reference number.
	 */
	public TpGatewayResult<String> cancelEnrolment(String referenceNumber, String runId) {
		Map<String, Object> enrolment = object("action", "Cancel", "course", object("run", object("id", runId)));
		return transport.post(enrolmentPath(referenceNumber), object("enrolment", enrolment), data -> referenceNumber);
	}

	/**
	 * Sets how far an enrolment's fees were collected ({@code POST
	 * /tpg/enrolments/feeCollections/{ref}}): Pending Payment, Partial Payment, Full
	 * Payment or Cancelled; the value is the reference number.
	 */
	public TpGatewayResult<String> updateFeeCollection(String referenceNumber, String collectionStatus) {
		return transport.post(transport.endpoint("/tpg/enrolments/feeCollections/{reference}", referenceNumber),
				object("enrolment", object("fees", object("collectionStatus", collectionStatus))),
				data -> referenceNumber);
	}

	private URI enrolmentPath(String referenceNumber) {
		return transport.endpoint("/tpg/enrolments/details/{reference}", referenceNumber);
	}

	/**
	 * Records an assessment result ({@code POST /tpg/assessments}); the value is its
	 * reference number.
	 */
	public TpGatewayResult<String> createAssessment(AssessmentSubmission assessment) {
		Map<String, Object> body = object("assessment",
				object("grade", assessment.grade(), "score", assessment.score(), "course", object("run",
						object("id", assessment.runId()), "referenceNumber", assessment.courseReferenceNumber()),
						"result", assessment.result(), "trainee",
						object("id", assessment.traineeId(), "idType", assessment.traineeIdType(), "fullName",
								assessment.traineeName()),
						"skillCode", assessment.skillCode(), "assessmentDate", assessment.assessmentDate().toString(),
						"trainingPartner", object("uen", connection.uen(), "code", assessment.trainingPartnerCode())));
		return transport.post(transport.endpoint("/tpg/assessments"), body,
				data -> text(data.path("assessment").path("referenceNumber"), "assessment reference number"));
	}

	/**
	 * Replaces an assessment's result ({@code POST /tpg/assessments/details/{ref}},
	 * {@code action =
	 * "update"}); the trainee and run stay as created. The value is the reference number.
	 */
	public TpGatewayResult<String> updateAssessment(String referenceNumber, AssessmentSubmission assessment) {
		Map<String, Object> update = object("action", "update", "result", assessment.result(), "trainee",
				object("fullName", assessment.traineeName()), "skillCode", assessment.skillCode(), "assessmentDate",
				assessment.assessmentDate().toString());
		// an update sends every field it changes: a grade or score cleared here is sent
		// as
		// null, which clears it there, where a field left out would be left as it was
		update.put("grade", assessment.grade());
		update.put("score", assessment.score());
		Map<String, Object> body = object("assessment", update);
		return transport.post(assessmentPath(referenceNumber), body, data -> referenceNumber);
	}

	/**
	 * Voids an assessment ({@code action = "void"}); the value is the reference number.
	 */
	public TpGatewayResult<String> voidAssessment(String referenceNumber) {
		return transport.post(assessmentPath(referenceNumber), object("assessment", object("action", "void")),
				data -> referenceNumber);
	}

	private URI assessmentPath(String referenceNumber) {
		return transport.endpoint("/tpg/assessments/details/{reference}", referenceNumber);
	}

	/**
	 * The assessments TPGateway holds for a run (one page of up to 100), optionally for
	 * one trainee and skill ({@code POST /tpg/assessments/search}).
	 */
	public TpGatewayResult<List<GatewayAssessment>> searchAssessments(String runId, @Nullable String traineeId,
			@Nullable String skillCode) {
		return searchAssessments(runId, traineeId, skillCode, 0);
	}

	/**
	 * Every assessment TPGateway holds for a run, live or voided, page by page: what
	 * reconciliation compares.
	 */
	public TpGatewayResult<List<GatewayAssessment>> assessmentsOfRun(String runId) {
		return Paging.all(SEARCH_PAGE, Paging.UNLIMITED, page -> searchAssessments(runId, null, null, page),
				"TPGateway lists too many assessments of run " + runId);
	}

	private TpGatewayResult<List<GatewayAssessment>> searchAssessments(String runId, @Nullable String traineeId,
			@Nullable String skillCode, int page) {
		Map<String, Object> criteria = object("course", object("run", object("id", runId)));
		if (traineeId != null) {
			criteria.put("trainee", object("id", traineeId));
		}
		if (skillCode != null) {
			criteria.put("skillCode", skillCode);
		}
		criteria.put("trainingPartner", object("uen", connection.uen()));
		// sorted by creation, so that a record changed while the pages are read does not
		// move between them
		Map<String, Object> body = object("sortBy", object("field", "createdOn", "order", "asc"), "parameters",
				object("page", page, "pageSize", SEARCH_PAGE), "assessments", criteria);
		return transport.post(transport.endpoint("/tpg/assessments/search"), body, data -> {
			List<GatewayAssessment> found = new ArrayList<>();
			for (JsonNode a : data) {
				JsonNode grade = a.path("grade");
				JsonNode score = a.path("score");
				found.add(new GatewayAssessment(a.path("referenceNumber").asString(),
						a.path("course").path("run").path("id").asString(), a.path("trainee").path("id").asString(),
						a.path("skillCode").asString(""), a.path("result").asString(""),
						grade.isString() && !grade.asString().isBlank() ? grade.asString() : null,
						score.isNumber() ? Integer.valueOf(score.intValue()) : null, a.path("status").asString("")));
			}
			return found;
		});
	}

	/**
	 * The trainee's live (not voided) assessment for the skill in the run: the check
	 * before creating again.
	 */
	public TpGatewayResult<Optional<GatewayAssessment>> findAssessment(String runId, String traineeId,
			String skillCode) {
		TpGatewayResult<List<GatewayAssessment>> search = searchAssessments(runId, traineeId, skillCode);
		if (!(search instanceof TpGatewayResult.Success<List<GatewayAssessment>> found)) {
			return TpGatewayTransport.retype(search);
		}
		return new TpGatewayResult.Success<>(found.value()
			.stream()
			.filter(a -> !a.voided() && a.runId().equals(runId) && a.traineeId().equalsIgnoreCase(traineeId)
					&& a.skillCode().equals(skillCode))
			.findFirst());
	}

	/**
	 * Uploads one trainee's attendance of one session; the value is the session id
	 * acknowledged.
	 */
	public TpGatewayResult<String> uploadAttendance(AttendanceUpload upload) {
		Map<String, Object> contact = object("mobile", upload.mobile(), "areaCode", null, "countryCode", 65);
		Map<String, Object> trainee = object("id", upload.traineeId(), "name", upload.traineeName(), "email",
				upload.email(), "idType", object("code", upload.traineeIdType()), "contactNumber", contact,
				"numberOfHours", upload.numberOfHours(), "surveyLanguage", object("code", upload.surveyLanguage()));
		Map<String, Object> body = object("uen", connection.uen(), "course",
				object("sessionID", upload.sessionId(), "attendance",
						object("status", object("code", upload.statusCode()), "trainee", trainee), "referenceNumber",
						upload.courseReferenceNumber()),
				"corppassId", upload.corppassId());
		return transport.post(transport.endpoint("/courses/runs/{runId}/sessions/attendance", upload.runId()), body,
				data -> upload.sessionId());
	}

	/**
	 * The sessions TPGateway holds for a run, with their ids: attendance is uploaded
	 * against those ids.
	 */
	public TpGatewayResult<List<GatewaySession>> sessions(String runId, String courseReferenceNumber) {
		URI uri = transport.endpoint("/courses/runs/{runId}/sessions?uen={uen}&courseReferenceNumber={crn}", runId,
				connection.uen(), courseReferenceNumber);
		return transport.get(uri, data -> {
			List<GatewaySession> sessions = new ArrayList<>();
			for (JsonNode session : data.path("sessions")) {
				sessions.add(new GatewaySession(session.path("id").asString(),
						LocalDate.parse(session.path("startDate").asString(), RUN_DATE),
						java.time.LocalTime.parse(session.path("startTime").asString()),
						java.time.LocalTime.parse(session.path("endTime").asString())));
			}
			return sessions;
		});
	}

	/**
	 * The attendance TPGateway holds for one session of a run ({@code GET
	 * /courses/runs/{runId}/sessions/attendance}): per trainee the id, id type and the
	 * status code (1 Confirmed … 4 TP Voided). Read from {@code data.courseRun.sessions[]
	 * .attendance[]} or {@code data.attendance[]}; the documentation seen gives no
	 * example.
	 */
	public TpGatewayResult<List<GatewayAttendance>> sessionAttendance(String runId, String courseReferenceNumber,
			String sessionId) {
		URI uri = transport.endpoint(
				"/courses/runs/{runId}/sessions/attendance?uen={uen}&courseReferenceNumber={crn}&sessionId={session}",
				runId, connection.uen(), courseReferenceNumber, sessionId);
		return transport.get(uri, data -> {
			JsonNode listed = data.has("attendance") ? data.path("attendance")
					: data.path("courseRun").path("sessions").path(0).path("attendance");
			List<GatewayAttendance> attendance = new ArrayList<>();
			for (JsonNode entry : listed) {
				JsonNode trainee = entry.path("trainee");
				attendance.add(new GatewayAttendance(sessionId, text(trainee.path("id"), "trainee id").toUpperCase(),
						trainee.path("idType").path("code").asString(""),
						text(entry.path("status").path("code"), "attendance status")));
			}
			return attendance;
		});
	}

	/**
	 * The run as TPGateway holds it, or empty when it has none with this id (an answer,
	 * not a failure).
	 */
	public TpGatewayResult<Optional<RemoteRun>> courseRun(String runId) {
		TpGatewayResult<Optional<RemoteRun>> found = transport.get(
				transport.endpoint("/courses/courseRuns/id/{runId}", runId),
				data -> Optional.of(new RemoteRun(text(data.path("course").path("run").path("id"), "run id"),
						data.path("course").path("referenceNumber").asString(""),
						data.path("course").path("run").path("status").asString(null))));
		if (found instanceof TpGatewayResult.Permanent<Optional<RemoteRun>> refused && refused.httpStatus() == 404) {
			return new TpGatewayResult.Success<>(Optional.empty());
		}
		return found;
	}

	/**
	 * A course as TPGateway's course registry lists it ({@code GET
	 * /tpg/courses/registry/details/{crn}}), or empty when the registry has no such
	 * course (an answer, not a failure). The course is read from {@code data.course}, or
	 * the first of {@code data.courses}: the documentation seen gives no example of this
	 * answer.
	 */
	public TpGatewayResult<Optional<RegistryCourse>> registryCourse(String courseReferenceNumber) {
		TpGatewayResult<Optional<RegistryCourse>> found = transport
			.get(transport.endpoint("/tpg/courses/registry/details/{crn}", courseReferenceNumber), data -> {
				JsonNode course = data.has("course") ? data.path("course") : data.path("courses").path(0);
				if (course.isMissingNode() || course.isNull()) {
					return Optional.empty();
				}
				JsonNode status = course.path("status");
				return Optional.of(new RegistryCourse(course.path("referenceNumber").asString(courseReferenceNumber),
						TpGatewayTransport.clip(course.path("title").asString("")),
						TpGatewayTransport.clip(status.isObject()
								? status.path("description").asString(status.path("code").asString(""))
								: status.asString(""))));
			});
		if (found instanceof TpGatewayResult.Permanent<Optional<RegistryCourse>> refused
				&& refused.httpStatus() == 404) {
			return new TpGatewayResult.Success<>(Optional.empty());
		}
		return found;
	}

	/**
	 * Every enrolment TPGateway holds for a run, page by page (100 a page): what
	 * reconciliation compares.
	 */
	public TpGatewayResult<List<GatewayEnrolment>> enrolmentsOfRun(String runId) {
		return Paging.all(SEARCH_PAGE, Paging.UNLIMITED, page -> searchEnrolments(runId, null, "createdOn", page),
				"TPGateway lists too many enrolments of run " + runId);
	}

	/** How many OAuth tokens this client has fetched so far. */

	private static String text(JsonNode node, String what) {
		String text = node.asString("");
		if (text.isBlank()) {
			throw new IllegalArgumentException("TPGateway's response has no " + what);
		}
		return text;
	}

	private static int runDate(LocalDate date) {
		return Integer.parseInt(date.format(RUN_DATE));
	}

	private Map<String, Object> wireRun(RunPublication run) {
		return object("sequenceNumber", run.sequenceNumber(), "registrationDates",
				object("opening", runDate(run.registrationOpens()), "closing", runDate(run.registrationCloses())),
				"courseDates", object("start", runDate(run.startDate()), "end", runDate(run.endDate())),
				"scheduleInfoType", object("code", "01", "description", "Description"), "scheduleInfo",
				run.startDate() + " to " + run.endDate(), "venue", venue(run.venue()), "intakeSize", run.intakeSize(),
				"modeOfTraining", run.modeOfTraining(), "courseAdminEmail", run.courseAdminEmail(), "courseVacancy",
				object("code", run.vacancyCode()));
	}

	private Map<String, Object> session(RunPublication.Session session) {
		return object("startDate", session.startDate().format(RUN_DATE), "endDate", session.endDate().format(RUN_DATE),
				"startTime", session.startTime().toString(), "endTime", session.endTime().toString(), "modeOfTraining",
				session.modeOfTraining(), "venue", venue(session.venue()));
	}

	private static Map<String, Object> venue(RunPublication.Venue venue) {
		return object("block", venue.block(), "street", venue.street(), "floor", venue.floor(), "unit", venue.unit(),
				"building", venue.building(), "postalCode", venue.postalCode(), "room", venue.room());
	}

	private static Map<String, Object> phone(EnrolmentSubmission.Phone phone) {
		return object("countryCode", phone.countryCode(), "areaCode", phone.areaCode(), "phoneNumber",
				phone.phoneNumber());
	}

	/** How many OAuth tokens this client has fetched so far. */
	public int tokensFetched() {
		return transport.tokensFetched();
	}

	/** An ordered JSON object from name/value pairs, leaving out null values. */
	private static Map<String, Object> object(@Nullable Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			Object value = pairs[i + 1];
			if (value != null) {
				map.put((String) pairs[i], value);
			}
		}
		return map;
	}

}
