package io.cohort.crm;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.SponsorshipType;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A Zoho enrolment (BTEC_Enrollments) becomes an enrolment of its student's learner in
 * its class's run, with source CRM: not bound by the registration window, bound by
 * capacity (a full run waitlists it). One whose student or class is not synced yet is
 * SKIPPED. Fingerprinted over seed 003's fields (student, class, program, status, start
 * date).
 */
@Component
class EnrollmentSync implements RecordSync {

	/** What an enrolment's status means: a seat held or wanted, or none. */
	enum Meaning {

		LIVE, ENDED

	}

	static final Map<String, Meaning> STATUSES = Map.ofEntries(Map.entry("active", Meaning.LIVE),
			Map.entry("enrolled", Meaning.LIVE), Map.entry("confirmed", Meaning.LIVE),
			Map.entry("registered", Meaning.LIVE), Map.entry("inprogress", Meaning.LIVE),
			Map.entry("completed", Meaning.LIVE), Map.entry("passed", Meaning.LIVE),
			Map.entry("withdrawn", Meaning.ENDED), Map.entry("dropped", Meaning.ENDED),
			Map.entry("cancelled", Meaning.ENDED), Map.entry("canceled", Meaning.ENDED),
			Map.entry("deferred", Meaning.ENDED));

	private static final String[] STUDENT = { "Student", "Enrolled_Students", "BTEC_Student" };

	private static final String[] CLASS = { "BTEC_Class", "Classes", "Class" };

	private static final String[] PROGRAM = { "BTEC_Program", "Enrolled_Program", "Program" };

	private static final String[] STATUS = { "status", "Enrollment_Status" };

	private final EnrolmentManagement enrolments;

	private final CrmRecords records;

	private final ObjectProvider<MoodleStatus> moodle;

	EnrollmentSync(EnrolmentManagement enrolments, CrmRecords records, ObjectProvider<MoodleStatus> moodle) {
		this.enrolments = enrolments;
		this.records = records;
		this.moodle = moodle;
	}

	/** An enrolment as Cohort reads it. */
	record Enrollment(String zohoId, String studentId, String classId, @Nullable String programId,
			@Nullable String status, Meaning meaning, @Nullable LocalDate startDate) {

		static Enrollment of(ZohoRecord record) {
			String id = record.id();
			String student = record.lookup(STUDENT);
			if (student == null) {
				throw new InvalidField(record.nameOf(STUDENT), "is required");
			}
			String zohoClass = record.lookup(CLASS);
			if (zohoClass == null) {
				throw new InvalidField(record.nameOf(CLASS), "is required");
			}
			Meaning meaning = CrmStatus.read(record, STATUSES, Meaning.LIVE, STATUS);
			return new Enrollment(id, student, zohoClass, record.lookup(PROGRAM), record.text(STATUS), meaning,
					record.date("Start_Date"));
		}

		Map<String, @Nullable String> fields() {
			Map<String, @Nullable String> fields = new LinkedHashMap<>();
			fields.put("student_zoho_id", studentId);
			fields.put("class_zoho_id", classId);
			fields.put("program_zoho_id", programId);
			fields.put("status", status);
			fields.put("start_date", startDate == null ? null : startDate.toString());
			return fields;
		}

	}

	@Override
	public Map<String, @Nullable String> fields(ZohoRecord record) {
		return Enrollment.of(record).fields();
	}

	@Override
	public ZohoEntity entity() {
		return ZohoEntity.ENROLLMENTS;
	}

	@Override
	public RecordResult apply(UUID tenant, ZohoRecord record, boolean synced) {
		Enrollment enrollment = Enrollment.of(record);
		String entity = entity().singular();
		Optional<CrmRecords.Mapped> student = records.find(tenant, ZohoEntity.STUDENTS.singular(),
				enrollment.studentId());
		if (student.isEmpty()) {
			return RecordResult.skipped(enrollment.zohoId(), "student_not_synced_yet",
					"Student " + enrollment.studentId() + " not synced yet");
		}
		Optional<CrmRecords.Mapped> zohoClass = records.find(tenant, ZohoEntity.CLASSES.singular(),
				enrollment.classId());
		if (zohoClass.isEmpty()) {
			return RecordResult.skipped(enrollment.zohoId(), "class_not_synced_yet",
					"Class " + enrollment.classId() + " not synced yet");
		}
		UUID learner = student.get().cohortId();
		UUID run = zohoClass.get().cohortId();
		Map<String, @Nullable String> fields = enrollment.fields();
		Optional<CrmRecords.Mapped> known = records.claim(tenant, entity, enrollment.zohoId(), synced);
		if (known.isEmpty()) {
			if (enrollment.meaning() == Meaning.ENDED) {
				return RecordResult.skipped(enrollment.zohoId(), "not_active_in_crm", "Enrollment "
						+ enrollment.zohoId() + " is " + enrollment.status() + " in the CRM; nothing to enrol");
			}
			EnrolmentView created = enrol(learner, run);
			records.insert(tenant, entity, enrollment.zohoId(), created.id(), fields);
			return describe(tenant,
					RecordResult.of(enrollment.zohoId(), RecordStatus.NEW,
							created.status() == EnrolmentStatus.WAITLISTED
									? "Enrollment created on the waitlist: the class is full" : "Enrollment created"),
					created);
		}
		CrmRecords.Mapped mapped = known.get();
		EnrolmentView current = enrolments.get(mapped.cohortId());
		if (mapped.fingerprint().equals(Fingerprint.of(fields))) {
			return describe(tenant,
					RecordResult.of(enrollment.zohoId(), RecordStatus.UNCHANGED, "Enrollment unchanged"), current);
		}
		boolean moved = !current.learnerId().equals(learner) || !current.classRunId().equals(run);
		EnrolmentView after = current;
		if (current.status().live() && (moved || enrollment.meaning() == Meaning.ENDED)) {
			after = enrolments.withdraw(current.id(), moved ? "Moved to another class or student in the CRM"
					: "Marked " + enrollment.status() + " in the CRM");
		}
		if (enrollment.meaning() == Meaning.LIVE && !after.status().live()) {
			after = enrol(learner, run);
		}
		records.save(tenant, entity, enrollment.zohoId(), after.id(), fields);
		return describe(tenant, RecordResult.of(enrollment.zohoId(), RecordStatus.UPDATED, "Enrollment updated")
			.withChanges(Fingerprint.diff(mapped.fields(), fields)), after);
	}

	@Override
	public RecordResult unchanged(UUID tenant, String zohoId, UUID cohortId) {
		return describe(tenant, RecordResult.of(zohoId, RecordStatus.UNCHANGED, "Enrollment unchanged"),
				enrolments.get(cohortId));
	}

	private EnrolmentView enrol(UUID learner, UUID run) {
		return enrolments.enrol(
				new EnrolmentManagement.NewEnrolment(learner, run, SponsorshipType.INDIVIDUAL, null, null, null, null),
				EnrolmentManagement.Source.CRM);
	}

	private RecordResult describe(UUID tenant, RecordResult result, EnrolmentView enrolment) {
		RecordResult described = result.with("moodle_status", moodleStatus(tenant, enrolment.id()))
			.with("enrollment_status", enrolment.status().name());
		return enrolment.waitlistPosition() == null ? described
				: described.with("waitlist_position", enrolment.waitlistPosition());
	}

	private String moodleStatus(UUID tenant, UUID enrolment) {
		MoodleStatus status = moodle.getIfAvailable();
		return status == null ? MoodleStatus.PENDING_MOODLE : status.of(tenant, enrolment);
	}

}
