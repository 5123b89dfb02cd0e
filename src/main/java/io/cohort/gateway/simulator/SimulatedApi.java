package io.cohort.gateway.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's operations: each validates a decrypted request like the real API
 * (required fields, enumerations, date formats) and, when it is valid, changes the
 * provider's state and returns the envelope's {@code data}.
 */
@Component
class SimulatedApi {

	static final Set<String> MODES = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9");

	static final Set<String> ID_TYPES = Set.of("SP", "SB", "SO", "FP", "OT");

	static final Set<String> SPONSORSHIP = Set.of("EMPLOYER", "INDIVIDUAL");

	static final Set<String> COLLECTION = Set.of("Pending Payment", "Partial Payment", "Full Payment", "Cancelled");

	static final Set<String> ATTENDANCE = Set.of("1", "2", "3", "4");

	static final Set<String> SURVEY_LANGUAGES = Set.of("EL", "MN", "MY", "TM");

	static final Set<String> VACANCIES = Set.of("A", "F", "L");

	static final Set<String> ENROLMENT_ACTIONS = Set.of("Update", "Cancel");

	static final Set<String> ASSESSMENT_ACTIONS = Set.of("update", "void");

	static final Set<String> ASSESSMENT_ID_TYPES = Set.of("NRIC", "FIN", "OTHERS");

	static final Set<String> RESULTS = Set.of("Pass", "Fail", "Exempt");

	static final Set<String> GRADES = Set.of("A", "B", "C", "D", "E", "F");

	static final Set<String> RUN_ACTIONS = Set.of("update", "delete");

	static final Set<String> SESSION_ACTIONS = Set.of("update", "delete");

	private final AtomicLong runIds = new AtomicLong(223389);

	private final AtomicLong enrolmentNumbers = new AtomicLong(123);

	private final AtomicLong assessmentNumbers = new AtomicLong(48);

	private final Clock clock;

	SimulatedApi(Clock clock) {
		this.clock = clock;
	}

	/**
	 * What an operation answered: the envelope data, or the validation errors, or that
	 * nothing was found.
	 */
	record Outcome(Object data, Violations violations, boolean notFound) {

		Outcome(Object data, Violations violations) {
			this(data, violations, false);
		}

	}

	/**
	 * A run, as GET /courses/courseRuns/id/{runId} returns it; 404 for a run the provider
	 * does not have.
	 */
	Outcome courseRun(Provider provider, String runId) {
		String crn = provider.runs.get(runId);
		if (crn == null) {
			return new Outcome(Map.of(), new Violations(), true);
		}
		return new Outcome(Map.of("course", Map.of("referenceNumber", crn, "run", Map.of("id", runId))),
				new Violations());
	}

	/** The sessions of a run, as GET /courses/runs/{runId}/sessions lists them. */
	Outcome sessions(Provider provider, String runId) {
		Violations v = new Violations();
		if (!provider.runs.containsKey(runId)) {
			v.add("runId", "is not a run of this training provider");
			return new Outcome(Map.of(), v);
		}
		List<Object> sessions = new ArrayList<>();
		provider.sessions.entrySet()
			.stream()
			.filter(e -> e.getValue().equals(runId))
			.map(Map.Entry::getKey)
			.sorted()
			.forEach(id -> {
				JsonNode session = provider.sessionDetails.get(id);
				sessions.add(Map.of("id", id, "startDate", session.path("startDate").asString(), "endDate",
						session.path("endDate").asString(), "startTime", session.path("startTime").asString(),
						"endTime", session.path("endTime").asString(), "modeOfTraining",
						session.path("modeOfTraining").asString()));
			});
		return new Outcome(Map.of("sessions", sessions), v);
	}

	/**
	 * GET /courses/courseRuns/reference: the live runs of one of the provider's courses,
	 * a page at a time (page from 0, pageSize 1–100, default 20), oldest first, each with
	 * its id and details as published and since edited; a deleted run is not listed.
	 */
	Outcome courseRuns(Provider provider, JsonNode query) {
		Violations v = new Violations();
		checkUen(v, provider, query.path("uen"), "uen");
		String crn = v.required(query.path("courseReferenceNumber"), "courseReferenceNumber");
		int pageSize = number(v, query.path("pageSize"), "pageSize", 20);
		int page = number(v, query.path("page"), "page", 0);
		if (pageSize < 1 || pageSize > 100) {
			v.add("pageSize", "must be between 1 and 100");
		}
		if (page < 0) {
			v.add("page", "must not be negative");
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		List<Object> runs = provider.runs.entrySet()
			.stream()
			.filter(e -> e.getValue().equals(crn) && !provider.deletedRuns.contains(e.getKey()))
			.map(Map.Entry::getKey)
			.sorted(Comparator.comparingLong(Long::parseLong))
			.skip((long) page * pageSize)
			.limit(pageSize)
			.map(id -> {
				ObjectNode run = (ObjectNode) provider.runDetails.get(id).deepCopy();
				run.remove("sessions");
				run.put("id", Long.parseLong(id));
				return (Object) run;
			})
			.toList();
		return new Outcome(Map.of("course", Map.of("referenceNumber", crn, "runs", runs)), v);
	}

	private static int number(Violations v, JsonNode node, String field, int absent) {
		if (node.isMissingNode()) {
			return absent;
		}
		try {
			return Integer.parseInt(node.asString().trim());
		}
		catch (NumberFormatException ex) {
			v.add(field, "must be a whole number");
			return absent;
		}
	}

	Outcome publishRuns(Provider provider, JsonNode body) {
		Violations v = new Violations();
		JsonNode course = body.path("course");
		String crn = v.required(course.path("courseReferenceNumber"), "course.courseReferenceNumber");
		checkUen(v, provider, course.path("trainingProvider").path("uen"), "course.trainingProvider.uen");
		JsonNode runs = course.path("runs");
		if (!runs.isArray() || runs.isEmpty()) {
			v.add("course.runs", "must hold at least one run");
		}
		for (int i = 0; i < runs.size(); i++) {
			validateRun(v, runs.get(i), "course.runs[" + i + "]");
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		List<Object> published = new ArrayList<>();
		for (JsonNode run : runs) {
			String runId = Long.toString(runIds.getAndIncrement());
			provider.runs.put(runId, crn);
			provider.runDetails.put(runId, run);
			for (JsonNode session : run.path("sessions")) {
				addSession(provider, crn, runId, session);
			}
			published.add(Map.of("id", Long.parseLong(runId)));
		}
		return new Outcome(Map.of("runs", published), v);
	}

	private static void validateRun(Violations v, JsonNode run, String at) {
		v.runDate(run.path("registrationDates").path("opening"), at + ".registrationDates.opening");
		v.runDate(run.path("registrationDates").path("closing"), at + ".registrationDates.closing");
		v.runDate(run.path("courseDates").path("start"), at + ".courseDates.start");
		v.runDate(run.path("courseDates").path("end"), at + ".courseDates.end");
		v.oneOf(run.path("modeOfTraining"), at + ".modeOfTraining", MODES);
		v.required(run.path("courseAdminEmail"), at + ".courseAdminEmail");
		v.oneOf(run.path("courseVacancy").path("code"), at + ".courseVacancy.code", VACANCIES);
		if (run.path("intakeSize").asInt(0) < 1) {
			v.add(at + ".intakeSize", "must be a positive number");
		}
		v.required(run.path("venue").path("postalCode"), at + ".venue.postalCode");
		JsonNode sessions = run.path("sessions");
		for (int s = 0; s < sessions.size(); s++) {
			validateSession(v, sessions.get(s), at + ".sessions[" + s + "]");
		}
	}

	private static void validateSession(Violations v, JsonNode session, String at) {
		v.runDate(session.path("startDate"), at + ".startDate");
		v.runDate(session.path("endDate"), at + ".endDate");
		v.time(session.path("startTime"), at + ".startTime");
		v.time(session.path("endTime"), at + ".endTime");
		v.oneOf(session.path("modeOfTraining"), at + ".modeOfTraining", MODES);
	}

	private static void addSession(Provider provider, String crn, String runId, JsonNode session) {
		int number = provider.sessionNumbers.computeIfAbsent(runId, id -> new AtomicInteger()).incrementAndGet();
		String sessionId = crn + "-" + runId + "-S" + number;
		provider.sessions.put(sessionId, runId);
		provider.sessionDetails.put(sessionId, session);
	}

	/**
	 * POST /courses/courseRuns/edit/{runId}: {@code run.action} "update" changes the
	 * run's details and adds, updates or deletes its sessions; "delete" deletes the run,
	 * which cancels its enrolments (our assumption). A run already deleted answers a
	 * repeated delete with success and refuses updates.
	 */
	Outcome editRun(Provider provider, String runId, JsonNode body) {
		Violations v = new Violations();
		JsonNode course = body.path("course");
		String crn = v.required(course.path("courseReferenceNumber"), "course.courseReferenceNumber");
		checkUen(v, provider, course.path("trainingProvider").path("uen"), "course.trainingProvider.uen");
		if (!crn.isEmpty() && !crn.equals(provider.runs.get(runId))) {
			v.add("runId", "is not a run of course " + crn + " of this training provider");
		}
		JsonNode run = course.path("run");
		String action = run.path("action").asString("");
		v.oneOf(run.path("action"), "course.run.action", RUN_ACTIONS);
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		if (action.equals("delete")) {
			if (provider.deletedRuns.add(runId)) {
				provider.enrolments
					.replaceAll((reference, e) -> e.runId().equals(runId) ? new SimulatedEnrolment(e.referenceNumber(),
							e.runId(), e.courseReferenceNumber(), e.traineeId(), e.traineeName(), "Cancelled") : e);
			}
			return new Outcome(Map.of("runs", List.of(Map.of("id", Long.parseLong(runId)))), v);
		}
		if (provider.deletedRuns.contains(runId)) {
			v.add("runId", "was deleted");
			return new Outcome(Map.of(), v);
		}
		validateRunChange(v, run, "course.run");
		JsonNode sessions = run.path("sessions");
		for (int s = 0; s < sessions.size(); s++) {
			JsonNode session = sessions.get(s);
			String at = "course.run.sessions[" + s + "]";
			String sessionAction = session.path("action").asString("");
			if (sessionAction.isEmpty()) {
				validateSession(v, session, at);
				continue;
			}
			v.oneOf(session.path("action"), at + ".action", SESSION_ACTIONS);
			String sessionId = v.required(session.path("sessionId"), at + ".sessionId");
			if (!sessionId.isEmpty() && !runId.equals(provider.sessions.get(sessionId))) {
				v.add(at + ".sessionId", "is not a session of run " + runId);
			}
			if (sessionAction.equals("update")) {
				validateSession(v, session, at);
			}
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		ObjectNode details = (ObjectNode) provider.runDetails.get(runId).deepCopy();
		run.properties().forEach(field -> {
			if (!field.getKey().equals("sessions") && !field.getKey().equals("action")) {
				details.set(field.getKey(), field.getValue());
			}
		});
		provider.runDetails.put(runId, details);
		for (JsonNode session : sessions) {
			String sessionId = session.path("sessionId").asString("");
			switch (session.path("action").asString("")) {
				case "update" -> provider.sessionDetails.put(sessionId, session);
				case "delete" -> {
					provider.sessions.remove(sessionId);
					provider.sessionDetails.remove(sessionId);
				}
				default -> addSession(provider, crn, runId, session);
			}
		}
		return new Outcome(Map.of("runs", List.of(Map.of("id", Long.parseLong(runId)))), v);
	}

	/** An update may leave out what it does not change; what it sends must be valid. */
	private static void validateRunChange(Violations v, JsonNode run, String at) {
		for (String dates : List.of("registrationDates.opening", "registrationDates.closing", "courseDates.start",
				"courseDates.end")) {
			JsonNode node = run.path(dates.substring(0, dates.indexOf('.')))
				.path(dates.substring(dates.indexOf('.') + 1));
			if (!node.isMissingNode()) {
				v.runDate(node, at + "." + dates);
			}
		}
		if (run.has("modeOfTraining")) {
			v.oneOf(run.path("modeOfTraining"), at + ".modeOfTraining", MODES);
		}
		if (run.has("courseVacancy")) {
			v.oneOf(run.path("courseVacancy").path("code"), at + ".courseVacancy.code", VACANCIES);
		}
		if (run.has("courseAdminEmail")) {
			v.required(run.path("courseAdminEmail"), at + ".courseAdminEmail");
		}
		if (run.has("intakeSize") && run.path("intakeSize").asInt(0) < 1) {
			v.add(at + ".intakeSize", "must be a positive number");
		}
		if (run.has("venue")) {
			v.required(run.path("venue").path("postalCode"), at + ".venue.postalCode");
		}
	}

	Outcome createEnrolment(Provider provider, JsonNode body) {
		Violations v = new Violations();
		JsonNode enrolment = body.path("enrolment");
		String runId = v.required(enrolment.path("course").path("run").path("id"), "enrolment.course.run.id");
		String crn = v.required(enrolment.path("course").path("referenceNumber"), "enrolment.course.referenceNumber");
		if (!runId.isEmpty() && !crn.isEmpty() && !crn.equals(provider.runs.get(runId))) {
			v.add("enrolment.course.run.id", "is not a run of course " + crn + " of this training provider");
		}
		JsonNode trainee = enrolment.path("trainee");
		String traineeId = v.required(trainee.path("id"), "enrolment.trainee.id").toUpperCase();
		v.oneOf(trainee.path("idType").path("type"), "enrolment.trainee.idType.type", ID_TYPES);
		String name = v.required(trainee.path("fullName"), "enrolment.trainee.fullName");
		v.isoDate(trainee.path("dateOfBirth"), "enrolment.trainee.dateOfBirth");
		v.required(trainee.path("emailAddress"), "enrolment.trainee.emailAddress");
		v.required(trainee.path("contactNumber").path("phoneNumber"), "enrolment.trainee.contactNumber.phoneNumber");
		v.isoDate(trainee.path("enrolmentDate"), "enrolment.trainee.enrolmentDate");
		v.oneOf(trainee.path("sponsorshipType"), "enrolment.trainee.sponsorshipType", SPONSORSHIP);
		if ("EMPLOYER".equals(trainee.path("sponsorshipType").asString(""))) {
			v.required(trainee.path("employer").path("uen"), "enrolment.trainee.employer.uen");
			v.required(trainee.path("employer").path("contact").path("fullName"),
					"enrolment.trainee.employer.contact.fullName");
		}
		v.oneOf(trainee.path("fees").path("collectionStatus"), "enrolment.trainee.fees.collectionStatus", COLLECTION);
		checkUen(v, provider, enrolment.path("trainingPartner").path("uen"), "enrolment.trainingPartner.uen");
		v.required(enrolment.path("trainingPartner").path("code"), "enrolment.trainingPartner.code");
		if (!v.any() && provider.enrolments.values()
			.stream()
			.anyMatch(e -> e.runId().equals(runId) && e.traineeId().equals(traineeId)
					&& e.status().equals("Confirmed"))) {
			v.add("enrolment.trainee.id", "is already enrolled in run " + runId);
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		String reference = "ENR-" + LocalDate.now(clock).format(DateTimeFormatter.ofPattern("yyMM")) + "-"
				+ String.format("%06d", enrolmentNumbers.getAndIncrement());
		provider.enrolments.put(reference, new SimulatedEnrolment(reference, runId, crn, traineeId, name, "Confirmed"));
		provider.enrolmentDetails.put(reference,
				new SimulatedEnrolmentDetails(trainee.path("emailAddress").asString(),
						trainee.path("contactNumber").path("phoneNumber").asString(),
						trainee.path("fees").path("discountAmount").decimalValue(),
						trainee.path("fees").path("collectionStatus").asString()));
		return new Outcome(Map.of("enrolment", Map.of("referenceNumber", reference, "status", "Confirmed")), v);
	}

	Outcome searchEnrolments(Provider provider, JsonNode body) {
		Violations v = new Violations();
		JsonNode criteria = body.path("enrolment");
		String runId = criteria.path("course").path("run").path("id").asString("");
		String crn = criteria.path("course").path("referenceNumber").asString("");
		String traineeId = criteria.path("trainee").path("id").asString("").toUpperCase();
		JsonNode partnerUen = criteria.path("trainingPartner").path("uen");
		if (!partnerUen.isMissingNode()) {
			checkUen(v, provider, partnerUen, "enrolment.trainingPartner.uen");
		}
		Paging paging = Paging.of(body, v);
		if (v.any()) {
			return new Outcome(List.of(), v);
		}
		List<Object> found = provider.enrolments.values()
			.stream()
			.filter(e -> runId.isEmpty() || e.runId().equals(runId))
			.filter(e -> crn.isEmpty() || e.courseReferenceNumber().equals(crn))
			.filter(e -> traineeId.isEmpty() || e.traineeId().equals(traineeId))
			.sorted(Comparator.comparing(SimulatedEnrolment::referenceNumber))
			.skip(paging.skip())
			.limit(paging.size())
			.map(e -> (Object) enrolmentData(e))
			.toList();
		return new Outcome(found, v);
	}

	/**
	 * A search's {@code parameters.page} (from 0, default 0) and
	 * {@code parameters.pageSize} (1–100, default 20).
	 */
	private record Paging(int page, int size) {

		static Paging of(JsonNode body, Violations v) {
			Paging paging = new Paging(body.path("parameters").path("page").asInt(0),
					body.path("parameters").path("pageSize").asInt(20));
			if (paging.size() < 1 || paging.size() > 100) {
				v.add("parameters.pageSize", "must be between 1 and 100");
			}
			if (paging.page() < 0) {
				v.add("parameters.page", "must not be negative");
			}
			return paging;
		}

		long skip() {
			return (long) page * size;
		}

	}

	private static Map<String, Object> enrolmentData(SimulatedEnrolment e) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("referenceNumber", e.referenceNumber());
		data.put("status", e.status());
		data.put("course", Map.of("referenceNumber", e.courseReferenceNumber(), "run", Map.of("id", e.runId())));
		data.put("trainee", Map.of("id", e.traineeId(), "fullName", e.traineeName()));
		return data;
	}

	/**
	 * POST /tpg/enrolments/details/{ref}: {@code action} "Update" changes the trainee's
	 * email and phone and the fees; "Cancel" cancels the enrolment (again: no change, our
	 * assumption). A cancelled enrolment cannot be updated.
	 */
	Outcome editEnrolment(Provider provider, String reference, JsonNode body) {
		Violations v = new Violations();
		JsonNode enrolment = body.path("enrolment");
		String action = enrolment.path("action").asString("");
		v.oneOf(enrolment.path("action"), "enrolment.action", ENROLMENT_ACTIONS);
		SimulatedEnrolment existing = existingEnrolment(v, provider, reference);
		String runId = enrolment.path("course").path("run").path("id").asString("");
		if (existing != null && !runId.isEmpty() && !runId.equals(existing.runId())) {
			v.add("enrolment.course.run.id", "is not the enrolment's run");
		}
		if (v.any() || existing == null) {
			return new Outcome(Map.of(), v);
		}
		if (action.equals("Cancel")) {
			provider.enrolments.put(reference, new SimulatedEnrolment(reference, existing.runId(),
					existing.courseReferenceNumber(), existing.traineeId(), existing.traineeName(), "Cancelled"));
			return new Outcome(Map.of("enrolment", Map.of("referenceNumber", reference, "status", "Cancelled")), v);
		}
		if (existing.status().equals("Cancelled")) {
			v.add("enrolment", "is cancelled");
		}
		JsonNode trainee = enrolment.path("trainee");
		if (trainee.has("email")) {
			v.required(trainee.path("email"), "enrolment.trainee.email");
		}
		if (trainee.has("contactNumber")) {
			v.required(trainee.path("contactNumber").path("phoneNumber"),
					"enrolment.trainee.contactNumber.phoneNumber");
		}
		JsonNode fees = enrolment.path("fees");
		if (fees.has("discountAmount") && (!fees.path("discountAmount").isNumber()
				|| fees.path("discountAmount").decimalValue().signum() < 0)) {
			v.add("enrolment.fees.discountAmount", "must be a number not below 0");
		}
		if (fees.has("collectionStatus")) {
			v.oneOf(fees.path("collectionStatus"), "enrolment.fees.collectionStatus", COLLECTION);
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		SimulatedEnrolmentDetails before = provider.enrolmentDetails.get(reference);
		provider.enrolmentDetails.put(reference,
				new SimulatedEnrolmentDetails(trainee.path("email").asString(before.email()),
						trainee.path("contactNumber").path("phoneNumber").asString(before.phoneNumber()),
						fees.has("discountAmount") ? fees.path("discountAmount").decimalValue()
								: before.discountAmount(),
						fees.path("collectionStatus").asString(before.collectionStatus())));
		return new Outcome(Map.of("enrolment", Map.of("referenceNumber", reference, "status", existing.status())), v);
	}

	/**
	 * POST /tpg/enrolments/feeCollections/{ref}: sets the fee collection status
	 * (Cancelled included).
	 */
	Outcome updateFeeCollection(Provider provider, String reference, JsonNode body) {
		Violations v = new Violations();
		SimulatedEnrolment existing = existingEnrolment(v, provider, reference);
		String status = body.path("enrolment").path("fees").path("collectionStatus").asString("");
		v.oneOf(body.path("enrolment").path("fees").path("collectionStatus"), "enrolment.fees.collectionStatus",
				COLLECTION);
		if (v.any() || existing == null) {
			return new Outcome(Map.of(), v);
		}
		provider.enrolmentDetails.computeIfPresent(reference,
				(ref, before) -> new SimulatedEnrolmentDetails(before.email(), before.phoneNumber(),
						before.discountAmount(), status));
		return new Outcome(
				Map.of("enrolment", Map.of("referenceNumber", reference, "fees", Map.of("collectionStatus", status))),
				v);
	}

	private static @org.jspecify.annotations.Nullable SimulatedEnrolment existingEnrolment(Violations v,
			Provider provider, String reference) {
		SimulatedEnrolment existing = provider.enrolments.get(reference);
		if (existing == null) {
			v.add("enrolmentReferenceNumber", "is not an enrolment of this training provider");
		}
		return existing;
	}

	/**
	 * POST /tpg/assessments: one live result per trainee, run and skill; the trainee must
	 * hold a confirmed enrolment in the run (our assumption of the real rule).
	 */
	Outcome createAssessment(Provider provider, JsonNode body) {
		Violations v = new Violations();
		JsonNode assessment = body.path("assessment");
		String runId = v.required(assessment.path("course").path("run").path("id"), "assessment.course.run.id");
		String crn = v.required(assessment.path("course").path("referenceNumber"), "assessment.course.referenceNumber");
		if (!runId.isEmpty() && !crn.isEmpty()
				&& (!crn.equals(provider.runs.get(runId)) || provider.deletedRuns.contains(runId))) {
			v.add("assessment.course.run.id", "is not a live run of course " + crn + " of this training provider");
		}
		JsonNode trainee = assessment.path("trainee");
		String traineeId = v.required(trainee.path("id"), "assessment.trainee.id").toUpperCase();
		v.oneOf(trainee.path("idType"), "assessment.trainee.idType", ASSESSMENT_ID_TYPES);
		String name = v.required(trainee.path("fullName"), "assessment.trainee.fullName");
		validateResult(v, assessment);
		v.isoDate(assessment.path("assessmentDate"), "assessment.assessmentDate");
		checkUen(v, provider, assessment.path("trainingPartner").path("uen"), "assessment.trainingPartner.uen");
		v.required(assessment.path("trainingPartner").path("code"), "assessment.trainingPartner.code");
		String skillCode = assessment.path("skillCode").asString("");
		if (!v.any() && provider.enrolments.values()
			.stream()
			.noneMatch(e -> e.runId().equals(runId) && e.traineeId().equals(traineeId)
					&& e.status().equals("Confirmed"))) {
			v.add("assessment.trainee.id", "is not enrolled in run " + runId);
		}
		if (!v.any() && provider.assessments.values()
			.stream()
			.anyMatch(a -> a.runId().equals(runId) && a.traineeId().equals(traineeId) && a.skillCode().equals(skillCode)
					&& a.status().equals("Active"))) {
			v.add("assessment.trainee.id", "already has an assessment for skill " + skillCode + " in run " + runId);
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		String reference = "ASM-" + LocalDate.now(clock).format(DateTimeFormatter.ofPattern("yyMM")) + "-"
				+ String.format("%06d", assessmentNumbers.getAndIncrement());
		provider.assessments.put(reference,
				new SimulatedAssessment(reference, runId, crn, traineeId, name, skillCode,
						assessment.path("result").asString(), textOrNull(assessment.path("grade")),
						assessment.path("score").isNumber() ? assessment.path("score").intValue() : null,
						assessment.path("assessmentDate").asString(), "Active"));
		return new Outcome(Map.of("assessment", Map.of("referenceNumber", reference)), v);
	}

	/**
	 * POST /tpg/assessments/details/{ref}: {@code action} "update" replaces what it sends
	 * of the result; "void" voids it (again: no change, our assumption). A voided
	 * assessment cannot be updated.
	 */
	Outcome editAssessment(Provider provider, String reference, JsonNode body) {
		Violations v = new Violations();
		JsonNode assessment = body.path("assessment");
		String action = assessment.path("action").asString("");
		v.oneOf(assessment.path("action"), "assessment.action", ASSESSMENT_ACTIONS);
		SimulatedAssessment existing = provider.assessments.get(reference);
		if (existing == null) {
			v.add("assessmentReferenceNumber", "is not an assessment of this training provider");
		}
		if (v.any() || existing == null) {
			return new Outcome(Map.of(), v);
		}
		if (action.equals("void")) {
			provider.assessments.put(reference, existing.with(existing.traineeName(), existing.skillCode(),
					existing.result(), existing.grade(), existing.score(), existing.assessmentDate(), "Void"));
			return new Outcome(Map.of("assessment", Map.of("referenceNumber", reference, "status", "Void")), v);
		}
		if (existing.status().equals("Void")) {
			v.add("assessment", "is void");
		}
		if (assessment.has("result")) {
			validateResult(v, assessment);
		}
		else {
			validateGradeAndScore(v, assessment);
		}
		if (assessment.has("assessmentDate")) {
			v.isoDate(assessment.path("assessmentDate"), "assessment.assessmentDate");
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		provider.assessments.put(reference,
				existing.with(assessment.path("trainee").path("fullName").asString(existing.traineeName()),
						assessment.path("skillCode").asString(existing.skillCode()),
						assessment.path("result").asString(existing.result()),
						assessment.has("grade") ? textOrNull(assessment.path("grade")) : existing.grade(),
						!assessment.has("score") ? existing.score()
								: assessment.path("score").isNull() ? null
										: Integer.valueOf(assessment.path("score").intValue()),
						assessment.path("assessmentDate").asString(existing.assessmentDate()), existing.status()));
		return new Outcome(Map.of("assessment", Map.of("referenceNumber", reference, "status", existing.status())), v);
	}

	/** POST /tpg/assessments/search: by run, trainee and skill, one page at a time. */
	Outcome searchAssessments(Provider provider, JsonNode body) {
		Violations v = new Violations();
		JsonNode criteria = body.path("assessments");
		String runId = criteria.path("course").path("run").path("id").asString("");
		String crn = criteria.path("course").path("referenceNumber").asString("");
		String traineeId = criteria.path("trainee").path("id").asString("").toUpperCase();
		String skillCode = criteria.path("skillCode").asString("");
		JsonNode partnerUen = criteria.path("trainingPartner").path("uen");
		if (!partnerUen.isMissingNode()) {
			checkUen(v, provider, partnerUen, "assessments.trainingPartner.uen");
		}
		Paging paging = Paging.of(body, v);
		if (v.any()) {
			return new Outcome(List.of(), v);
		}
		List<Object> found = provider.assessments.values()
			.stream()
			.filter(a -> runId.isEmpty() || a.runId().equals(runId))
			.filter(a -> crn.isEmpty() || a.courseReferenceNumber().equals(crn))
			.filter(a -> traineeId.isEmpty() || a.traineeId().equals(traineeId))
			.filter(a -> skillCode.isEmpty() || a.skillCode().equals(skillCode))
			.sorted(Comparator.comparing(SimulatedAssessment::referenceNumber))
			.skip(paging.skip())
			.limit(paging.size())
			.map(a -> (Object) assessmentData(a))
			.toList();
		return new Outcome(found, v);
	}

	private static Map<String, Object> assessmentData(SimulatedAssessment a) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("referenceNumber", a.referenceNumber());
		data.put("status", a.status());
		data.put("course", Map.of("referenceNumber", a.courseReferenceNumber(), "run", Map.of("id", a.runId())));
		data.put("trainee", Map.of("id", a.traineeId(), "fullName", a.traineeName()));
		data.put("skillCode", a.skillCode());
		data.put("result", a.result());
		if (a.grade() != null) {
			data.put("grade", a.grade());
		}
		if (a.score() != null) {
			data.put("score", a.score());
		}
		data.put("assessmentDate", a.assessmentDate());
		return data;
	}

	private static void validateResult(Violations v, JsonNode assessment) {
		v.oneOf(assessment.path("result"), "assessment.result", RESULTS);
		validateGradeAndScore(v, assessment);
	}

	private static void validateGradeAndScore(Violations v, JsonNode assessment) {
		if (assessment.has("grade") && !assessment.path("grade").isNull()) {
			v.oneOf(assessment.path("grade"), "assessment.grade", GRADES);
		}
		JsonNode score = assessment.path("score");
		if (assessment.has("score") && !score.isNull()
				&& (!score.isIntegralNumber() || score.intValue() < 0 || score.intValue() > 999)) {
			v.add("assessment.score", "must be a whole number of at most three digits");
		}
	}

	private static @org.jspecify.annotations.Nullable String textOrNull(JsonNode node) {
		return node.isValueNode() && !node.isNull() ? node.asString() : null;
	}

	Outcome uploadAttendance(Provider provider, String runId, JsonNode body) {
		Violations v = new Violations();
		checkUen(v, provider, body.path("uen"), "uen");
		JsonNode course = body.path("course");
		String crn = v.required(course.path("referenceNumber"), "course.referenceNumber");
		if (!crn.isEmpty() && !crn.equals(provider.runs.get(runId))) {
			v.add("runId", "is not a run of course " + crn + " of this training provider");
		}
		String sessionId = v.required(course.path("sessionID"), "course.sessionID");
		if (!sessionId.isEmpty() && !runId.equals(provider.sessions.get(sessionId))) {
			v.add("course.sessionID", "is not a session of run " + runId);
		}
		JsonNode attendance = course.path("attendance");
		JsonNode trainee = attendance.path("trainee");
		if (attendance.isArray() || trainee.isArray() || attendance.has("trainees")) {
			v.add("course.attendance.trainee", "exactly one trainee per call");
			return new Outcome(Map.of(), v);
		}
		String status = attendance.path("status").path("code").asString("");
		v.oneOf(attendance.path("status").path("code"), "course.attendance.status.code", ATTENDANCE);
		String traineeId = v.required(trainee.path("id"), "course.attendance.trainee.id").toUpperCase();
		v.required(trainee.path("name"), "course.attendance.trainee.name");
		v.oneOf(trainee.path("idType").path("code"), "course.attendance.trainee.idType.code", ID_TYPES);
		if (trainee.path("email").asString("").isBlank()
				&& trainee.path("contactNumber").path("mobile").asString("").isBlank()) {
			v.add("course.attendance.trainee", "needs an email or a mobile number");
		}
		BigDecimal hours = null;
		if (!trainee.path("numberOfHours").isNumber()) {
			v.add("course.attendance.trainee.numberOfHours", "is required");
		}
		else {
			hours = trainee.path("numberOfHours").decimalValue();
			if (hours.compareTo(new BigDecimal("0.5")) < 0 || hours.compareTo(new BigDecimal("8.0")) > 0) {
				v.add("course.attendance.trainee.numberOfHours", "must be between 0.5 and 8.0");
			}
		}
		v.oneOf(trainee.path("surveyLanguage").path("code"), "course.attendance.trainee.surveyLanguage.code",
				SURVEY_LANGUAGES);
		if (v.any() || hours == null) {
			return new Outcome(Map.of(), v);
		}
		provider.attendance.put(sessionId + "/" + traineeId, new SimulatedAttendance(runId, sessionId, traineeId,
				trainee.path("idType").path("code").asString(), status, hours));
		return new Outcome(Map.of("sessionId", sessionId, "trainee", Map.of("id", traineeId)), v);
	}

	/**
	 * GET /courses/runs/{runId}/sessions/attendance: the attendance uploaded for one
	 * session of the run.
	 */
	Outcome sessionAttendance(Provider provider, String runId, JsonNode query) {
		Violations v = new Violations();
		checkUen(v, provider, query.path("uen"), "uen");
		String sessionId = v.required(query.path("sessionId"), "sessionId");
		if (!sessionId.isEmpty() && !runId.equals(provider.sessions.get(sessionId))) {
			v.add("sessionId", "is not a session of run " + runId);
		}
		if (v.any()) {
			return new Outcome(Map.of(), v);
		}
		List<Object> attendance = provider.attendance.values()
			.stream()
			.filter(a -> a.sessionId().equals(sessionId))
			.sorted(java.util.Comparator.comparing(SimulatedAttendance::traineeId))
			.map(a -> (Object) Map.of("trainee", Map.of("id", a.traineeId(), "idType", Map.of("code", a.idTypeCode())),
					"status", Map.of("code", a.statusCode()), "numberOfHours", a.numberOfHours()))
			.toList();
		return new Outcome(
				Map.of("courseRun",
						Map.of("id", runId, "sessions", List.of(Map.of("id", sessionId, "attendance", attendance)))),
				v);
	}

	private static void checkUen(Violations v, Provider provider, JsonNode node, String field) {
		String uen = v.required(node, field);
		if (!uen.isEmpty() && !uen.equals(provider.identity.uen())) {
			v.add(field, "does not match the authenticated training provider");
		}
	}

}
