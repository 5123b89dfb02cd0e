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
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's operations: each validates a decrypted request like the real API (required fields,
 * enumerations, date formats) and, when it is valid, changes the provider's state and returns the
 * envelope's {@code data}.
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

	private final AtomicLong runIds = new AtomicLong(223389);

	private final AtomicLong enrolmentNumbers = new AtomicLong(123);

	private final Clock clock;

	SimulatedApi(Clock clock) {
		this.clock = clock;
	}

	/** What an operation answered: the envelope data, or the validation errors, or that nothing was found. */
	record Outcome(Object data, Violations violations, boolean notFound) {

		Outcome(Object data, Violations violations) {
			this(data, violations, false);
		}

	}

	/** A run, as GET /courses/courseRuns/id/{runId} returns it; 404 for a run the provider does not have. */
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
						session.path("endDate").asString(), "startTime", session.path("startTime").asString(), "endTime",
						session.path("endTime").asString(), "modeOfTraining", session.path("modeOfTraining").asString()));
			});
		return new Outcome(Map.of("sessions", sessions), v);
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
			for (int s = 0; s < run.path("sessions").size(); s++) {
				String sessionId = crn + "-" + runId + "-S" + (s + 1);
				provider.sessions.put(sessionId, runId);
				provider.sessionDetails.put(sessionId, run.path("sessions").get(s));
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
			JsonNode session = sessions.get(s);
			String sat = at + ".sessions[" + s + "]";
			v.runDate(session.path("startDate"), sat + ".startDate");
			v.runDate(session.path("endDate"), sat + ".endDate");
			v.time(session.path("startTime"), sat + ".startTime");
			v.time(session.path("endTime"), sat + ".endTime");
			v.oneOf(session.path("modeOfTraining"), sat + ".modeOfTraining", MODES);
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
		provider.enrolments.put(reference,
				new SimulatedEnrolment(reference, runId, crn, traineeId, name, "Confirmed"));
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
		int pageSize = body.path("parameters").path("pageSize").asInt(20);
		int page = body.path("parameters").path("page").asInt(0);
		if (pageSize < 1 || pageSize > 100) {
			v.add("parameters.pageSize", "must be between 1 and 100");
		}
		if (page < 0) {
			v.add("parameters.page", "must not be negative");
		}
		if (v.any()) {
			return new Outcome(List.of(), v);
		}
		List<Object> found = provider.enrolments.values()
			.stream()
			.filter(e -> runId.isEmpty() || e.runId().equals(runId))
			.filter(e -> crn.isEmpty() || e.courseReferenceNumber().equals(crn))
			.filter(e -> traineeId.isEmpty() || e.traineeId().equals(traineeId))
			.sorted(Comparator.comparing(SimulatedEnrolment::referenceNumber))
			.skip((long) page * pageSize)
			.limit(pageSize)
			.map(e -> (Object) enrolmentData(e))
			.toList();
		return new Outcome(found, v);
	}

	private static Map<String, Object> enrolmentData(SimulatedEnrolment e) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("referenceNumber", e.referenceNumber());
		data.put("status", e.status());
		data.put("course", Map.of("referenceNumber", e.courseReferenceNumber(), "run", Map.of("id", e.runId())));
		data.put("trainee", Map.of("id", e.traineeId(), "fullName", e.traineeName()));
		return data;
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
		provider.attendance.put(sessionId + "/" + traineeId,
				new SimulatedAttendance(runId, sessionId, traineeId, status, hours));
		return new Outcome(Map.of("sessionId", sessionId, "trainee", Map.of("id", traineeId)), v);
	}

	private static void checkUen(Violations v, Provider provider, JsonNode node, String field) {
		String uen = v.required(node, field);
		if (!uen.isEmpty() && !uen.equals(provider.identity.uen())) {
			v.add(field, "does not match the authenticated training provider");
		}
	}

}
